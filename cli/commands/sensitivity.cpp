// kaohe sensitivity POLICY DATA --vary P1,P2,… --samples N: how firm each row's grade and rank
// are when the named weights, lines and shares move by up to ±spread points at random
// (runtime/sensitivity.hpp), and which of them moves results most (cli/formats/sensitivity).
#include <algorithm>
#include <charconv>
#include <iostream>
#include <memory>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "base/parallel.hpp"
#include "cli/command_table.hpp"
#include "cli/formats/sensitivity.hpp"
#include "runtime/overrides.hpp"

namespace kaohe::cli {

namespace {

struct SensitivityOptions : SchemeRunOptions {
    std::vector<std::string> vary;
    std::uint64_t samples = 0, seed = 1;
    std::optional<std::uint64_t> influence_samples;
    std::string spread = "5";
    unsigned threads = thread_count();
    std::size_t top = 20;
    bool show_samples = false;
    std::string format;
};

// The --vary names as the parameters they perturb, each once, named as --set names them; a name
// that is nothing is a usage error with 是否指 …, every such name reported before stopping.
Exit resolve_varied(const Program& program, const std::vector<std::string>& names,
                    std::vector<std::pair<std::string, SymbolId>>& varied) {
    bool resolved = true;
    for (const std::string& name : names) {
        ResolvedOverride target = resolve_override(program, {std::string(trim_spaces(name)), ""});
        if (target.parameter.empty()) {
            std::cerr << "kaohe: --vary " << name << ": " << target.error << (target.hint.empty() ? "" : " (" + target.hint + ")") << "\n";
            resolved = false;
            continue;
        }
        SymbolId parameter;
        for (SymbolId p : program.parameters)
            if (program.symbols[p].name == target.parameter) parameter = p;
        if (std::none_of(varied.begin(), varied.end(), [&](const auto& v) { return v.second == parameter; }))
            varied.emplace_back(name, parameter);
    }
    return resolved ? success : usage_error;
}

// A count written as digits alone, at most `most`: "-3" would wrap round to a huge unsigned count.
CLI::Validator whole_number(std::uint64_t most) {
    return CLI::Validator(
        [most](const std::string& text) {
            std::uint64_t value = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (text.empty() || error != std::errc() || end != text.data() + text.size())
                return fmt::format("应为不带正负号的整数, 这里是 {}", text);
            return value > most ? fmt::format("至多为 {}, 这里是 {}", most, text) : std::string();
        },
        "N");
}

Rational parse_spread(const std::string& text) {
    std::optional<Rational> spread = Rational::parse(text);
    if (!spread || spread->is_negative() || !(*spread * Rational(100)).is_integer() || *spread > Rational(100))
        throw UsageError("--spread 应为 0 到 100 之间的数, 至多两位小数, 这里是 " + text);
    return *spread;
}

Exit sensitivity(const SensitivityOptions& options) {
    if (options.samples == 0) throw UsageError("--samples 应至少为 1");
    Rational spread = parse_spread(options.spread);
    PhaseTimer timer(false);
    std::unique_ptr<Run> prepared;
    if (Exit exit = prepare_run(options, timer, prepared); exit != success) return exit;
    Run& baseline = *prepared;
    std::vector<std::pair<std::string, SymbolId>> varied;
    if (Exit exit = resolve_varied(baseline.policy().program, options.vary, varied); exit != success) return exit;
    if (!baseline.evaluate()) {
        print_data_errors(baseline.errors(), baseline.policy().sources, options.errors, false, options.data);
        return data_error;
    }
    SensitivitySpec spec{.varied = {},
                         .spread = spread,
                         .samples = options.samples,
                         .influence_samples = options.influence_samples.value_or(std::min<std::uint64_t>(options.samples, 500)),
                         .seed = options.seed,
                         .threads = std::max(1u, options.threads),
                         .record_samples = options.show_samples};
    for (auto& [name, parameter] : varied) spec.varied.push_back(describe_varied(baseline, name, parameter));
    SensitivityReport report = run_sensitivity(baseline, spec);
    SensitivityView view{options.policy, options.data, baseline, spec, report, options.top, what_if_options(options)};
    std::cout << (options.format == "json" ? sensitivity_json(view).dump(2) + "\n" : sensitivity_text(view));
    return success;
}

Action define(CLI::App& command) {
    auto options = std::make_shared<SensitivityOptions>();
    add_scheme_run_options(command, *options);
    command.add_option("--vary", options->vary, "扰动的参数, 逗号分隔 (写法同 --set 的名称)")->required()->delimiter(',');
    // Ten million samples take minutes on national data; more would run for hours without a word.
    command.add_option("--samples", options->samples, "抽样次数")->required()->check(whole_number(10'000'000));
    command.add_option("--spread", options->spread, "扰动幅度 (点), 默认 5");
    command.add_option("--seed", options->seed, "随机种子, 默认 1")->check(whole_number(UINT64_MAX));
    command.add_option("--influence-samples", options->influence_samples, "每个参数单独扰动的次数")
        ->check(whole_number(10'000'000));
    // Each thread copies the run: a thread per core is what helps; thousands only exhaust memory.
    command.add_option("--threads", options->threads, "线程数")->check(whole_number(max_threads));
    command.add_option("--top", options->top, "表格列出的等次不稳的行数, 默认 20")->check(whole_number(1'000'000));
    command.add_flag("--show-samples", options->show_samples, "列出每次抽样的参数值");
    add_format_choice(command, options->format, {"table", "json"});
    return [options] { return sensitivity(*options); };
}

}  // namespace

Command sensitivity_command() {
    return {
        .name = "sensitivity",
        .synopsis = "POLICY DATA --vary P1,P2,... --samples N [--spread 5] [--seed S] [--params FILE] [--set NAME=VALUE]... "
                    "[--set-data ID.INPUT=VALUE]... [--format table|json]",
        .summary = "敏感性: 权重、分数线、名额比例稍有不同时, 谁的等次靠不住, 哪个参数影响最大",
        .example = "sensitivity policies/longnan.kh examples/longnan-2017.json --vary 综合得分.实绩得分,等次.优秀 --samples 1000",
        .details =
            "以 POLICY 按 DATA 的计算为基准, 随机抽样 N 次: 每次把 --vary 的每个参数在 ±幅度 内均匀地随机改变\n"
            "(权重和名额比例按百分点, 分数线按分, 其他参数按其自身单位, 整数参数取整数, 非负的不变为负; 取值精确到 0.01 点),\n"
            "有权重改变的加权和再按比例调回合计 100% (精确到 0.0001 个百分点, 余数归最大的一项), 只重算受影响的部分。\n"
            "分数线次序颠倒等不合规则的抽样跳过并计数。报告每一行在各等次的次数、名次范围, 等次不稳的行,\n"
            "以及哪个参数影响最大 (" +
            std::string(influence_method) +
            ")。\n同一种子的结果相同 (与线程数无关)。\n" +
            option_lines({{"--vary P1,P2,...", "参数名 (优秀线), 加权和中的一项 (综合得分.实绩得分), 等次的分数线 (等次.优秀),"
                                               " 名额比例 (等次.优秀.share); 写法同 kaohe run --set"},
                          {"--samples N", "同时扰动所有参数的抽样次数"},
                          {"--spread 5", "扰动幅度, 单位见上, 至多两位小数; 0 时每行都保持基准"},
                          {"--seed S", "随机种子 (默认 1)"},
                          {"--influence-samples M", "每个参数单独扰动的次数 (默认 N 与 500 中较小者)"},
                          {"--threads T", "线程数 (默认为处理器核数)"},
                          {"--top 20", "表格中每种输出列出的等次不稳的行数"},
                          {"--show-samples", "列出每次抽样的参数值, 可用 kaohe run --set 重现"},
                          {"--params / --set / --renormalize / --set-data", "基准所用的参数和数据的改变 (同 kaohe run)"},
                          {"--format json", "{\"samples\", \"skipped\", \"seed\", \"spread\", \"vary\", \"entities\": [{\"id\", \"entity\","
                                            " \"baseline\": {\"grade\", \"rank\"}, \"grades\": {\"优秀\": 次数, …}, \"rank\": {\"min\", \"max\"},"
                                            " \"fragile\"}], \"influence\": [...]}"}}) +
            "\n名称不存在时以 64 退出; 基准无法计算 (数据有错) 时以 2 退出。\n",
        .define = define,
    };
}

}  // namespace kaohe::cli
