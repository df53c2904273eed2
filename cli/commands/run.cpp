// kaohe run POLICY DATA: evaluates a scheme over a data set and prints every result in the
// chosen format. Policy errors exit 1, data errors exit 2 with nothing printed on stdout:
// a half-printed result would be mistaken for a whole one.
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "base/digest.hpp"
#include "cli/command_table.hpp"
#include "cli/formats/data_error_list.hpp"
#include "cli/formats/diagnostics_text.hpp"
#include "cli/formats/formats.hpp"
#include "runtime/run.hpp"

namespace kaohe::cli {

namespace {

struct RunOptions : SchemeRunOptions {
    std::string format;
    bool timings = false;
    bool warnings = false;  // `check` shows them; a run's stderr stays for what stopped it
    bool all_errors = false;
};

// The scheme, every policy file read (modules too) and the data file by their SHA-256, and the
// value each parameter had in this run, whichever of default, data or --params gave it.
Provenance provenance_of(const Run& run, const std::string& data_file, std::string data_sha256) {
    const CompiledPolicy& policy = run.policy();
    Provenance provenance{policy.program.scheme_name, policy.program.scheme_version, {}, data_file, std::move(data_sha256), {}};
    // A stdlib module by its name (stdlib/votes.kh), not where this machine keeps it.
    std::string stdlib = stdlib_directory() + "/";
    for (std::uint32_t f = 0; f < policy.sources.size(); ++f) {
        std::string name = policy.sources.file(f).name();
        if (name.starts_with(stdlib)) name = "stdlib/" + name.substr(stdlib.size());
        provenance.policy_files.emplace_back(name, sha256_hex(policy.sources.file(f).text()));
    }
    for (SymbolId parameter : policy.program.parameters) {
        const InputSpec& spec = policy.program.inputs[policy.program.symbols[parameter].input];
        const Rational& value = run.tables().scheme_slots[policy.plan.column_of_symbol[parameter]].number();
        provenance.parameters.emplace_back(spec.name, spec.number_kind == NumberKind::fraction
                                                          ? (value * Rational(100)).to_string() + "%"
                                                          : value.to_string());
    }
    return provenance;
}

// The output text in pieces to write one after another: JSON streams from the run on every core
// (national data never holds its rows all at once); the table and csv need all the rows together.
// Output rows that fail add to `errors`, and then there are no pieces.
std::vector<std::string> output_of(Run& run, const RunOptions& options, const std::string& data_sha256,
                                   std::vector<DataError>& errors, std::size_t& row_count) {
    if (options.format == "json") {
        Provenance provenance = provenance_of(run, options.data, data_sha256);
        provenance.data_edits = options.data_edits;
        ResultReader reader = run.result_reader();
        row_count = reader.size();
        return render_json(reader, provenance, errors);
    }
    std::vector<ResultRow> rows = run.results();
    errors = run.errors();
    row_count = rows.size();
    if (!errors.empty()) return {};
    return {find_format(options.format)->render(rows)};
}

Exit run(const RunOptions& options) {
    PhaseTimer timer(options.timings);
    std::unique_ptr<Run> prepared;
    std::string data_sha256;
    if (Exit exit = prepare_run(options, timer, prepared, options.warnings, &data_sha256); exit != success) return exit;
    Run& evaluation = *prepared;
    const CompiledPolicy* policy = &evaluation.policy();
    bool evaluated = evaluation.evaluate();
    timer.lap("evaluate");
    std::vector<DataError> errors = evaluation.errors();
    std::vector<std::string> pieces;
    std::size_t row_count = 0;
    if (evaluated) pieces = output_of(evaluation, options, data_sha256, errors, row_count);
    timer.lap("results");
    if (!errors.empty()) {
        print_data_errors(errors, policy->sources, options.errors, options.all_errors, options.data);
        if (options.errors != ErrorFormat::json) std::cerr << fmt::format("{} 处数据错误, 未输出结果\n", errors.size());
        return data_error;
    }
    if (row_count == 0 && options.format != formats().front().name) std::cerr << "kaohe: " << no_rows << "\n";
    for (const std::string& piece : pieces) std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    std::cout.flush();
    timer.lap("render");
    return success;
}

Action define(CLI::App& command) {
    auto options = std::make_shared<RunOptions>();
    add_scheme_run_options(command, *options);
    add_format_option(command, options->format);
    command.add_flag("--timings", options->timings, "在标准错误输出各阶段耗时");
    command.add_flag("--all-errors", options->all_errors, "逐条列出每一处数据错误 (默认把多行相同的错误合为一行)");
    command.add_flag("--warnings", options->warnings, "在标准错误输出方案的警告 (kaohe check 总会输出)");
    return [options] { return run(*options); };
}

}  // namespace

Command run_command() {
    auto option_help = format_option_help();
    option_help.emplace_back("--params FILE", "参数文件 (JSON 对象 {\"参数名\": 值}): 本次计算用这些参数值, 优先于数据文件中的和方案中的默认值; "
                                              "百分数参数写作 45 或 \"45%\"");
    option_help.emplace_back("--set NAME=VALUE", "只在本次计算中改变: 参数 (--set 优秀线=92)、权重 (--set 综合得分.实绩得分=40%)、"
                                                 "分数线 (--set 等次.优秀=92) 或名额比例 (--set 等次.优秀.share=20%); 可重复, "
                                                 "优先于 --params 和数据中的参数; 权重合计仍须为 100%");
    option_help.emplace_back("--renormalize", "--set 改了权重时, 同一加权和的其余权重按比例调整, 使合计仍为 100% "
                                              "(--set 综合得分.实绩得分=55% --renormalize: 其余 55% 的权重按比例缩为 45%)");
    option_help.emplace_back("--set-data ID.INPUT=VALUE", "只在本次计算中改变某个对象的一项输入: 输入写方案中的名称或 JSON 字段名, "
                                                          "记录的一项写作 .字段 (--set-data LN01-M03.民主测评票.优秀=35), 列表的一项写作 [序号] "
                                                          "(从 0 数起: --set-data LN01-M03.正职评分[0]=88); 值按 JSON 读, 不是 JSON 的按文字; "
                                                          "改后的数据照常检查; 可重复");
    option_help.emplace_back("--timings", "在标准错误输出各阶段耗时: policy 读方案, read 读数据, parse 解析 JSON, "
                                          "bind 绑定, evaluate 计算, results 整理结果, render 输出; 每行末尾是该阶段之后占用的内存 (MB)。"
                                          "环境变量 KAOHE_THREADS=N 设定所用线程数 (默认为处理器核数), 结果与线程数无关");
    option_help.emplace_back("--errors text|gcc|json", "方案和数据错误的输出形式: text 供人阅读 (默认); gcc 用 file:line:col: error: 的写法; "
                                                        "json 每个错误一个对象 (数据错误含 entity、id、path), 都输出到标准错误");
    option_help.emplace_back("--all-errors", "逐条列出每一处数据错误; 默认把许多行上相同的错误 (如每个成员都缺少同一字段) 合为一行, 给出个数和前几个");
    option_help.emplace_back("--warnings", "在标准错误输出方案的警告 (如未使用的输入); kaohe check 总会输出警告");
    return {
        .name = "run",
        .synopsis = "POLICY DATA [--params FILE] [--set NAME=VALUE]... [--renormalize] [--set-data ID.INPUT=VALUE]... [--format " + format_names("|") + "]",
        .summary = "按方案计算数据, 输出结果",
        .example = "run policies/longnan.kh examples/longnan-2017.json",
        .details = "按方案 POLICY (.kh 文件) 计算 DATA (JSON 文件) 中的每个考核对象, 输出得分、等次、名次和标记。\n" +
                   option_lines(option_help) +
                   "\n方案有错时列出全部错误并以 1 退出; 数据有错时列出全部错误 (对象编号与 JSON 路径) 并以 2 退出,\n"
                   "此时不输出任何结果。\n",
        .define = define,
    };
}

}  // namespace kaohe::cli
