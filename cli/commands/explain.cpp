// kaohe explain POLICY DATA --id ID: the whole derivation of one entity's result, for a reviewer
// (an appeal). It runs the scheme exactly as `run` does, with a listener recording the bands and
// quota decisions (runtime/explanation.hpp), then explains the row asked for. Data errors exit 2
// with nothing on stdout, as for `run`: an explanation of a run that has no result would mislead.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command_table.hpp"
#include "cli/formats/explanation.hpp"
#include "cli/formats/rows.hpp"
#include "lang/diagnostics.hpp"
#include "runtime/explanation.hpp"
#include "runtime/row_lookup.hpp"

namespace kaohe::cli {

namespace {

struct ExplainOptions : SchemeRunOptions {
    std::string id, format;
};

// No row has that id: name the closest ids, and which entities have ids at all.
Exit unknown_id(const ExplainOptions& options, const Program& program, const Tables& tables) {
    std::string hint = closest_name(options.id, all_ids(tables));
    std::vector<std::string> examples;
    for (EntityId entity : program.entities.ids())
        if (tables.entities[entity].size() > 0)
            examples.push_back(program.entities[entity].name + " " + tables.entities[entity].ids.front());
    std::cerr << fmt::format("kaohe: 数据 {} 中没有编号为 {} 的考核对象{}\n", options.data, options.id,
                             hint.empty() ? "" : ", 是否指 " + hint + "？");
    if (hint.empty() && !examples.empty()) std::cerr << "  编号例如: " << join(examples, ", ") << "\n";
    return usage_error;
}

Exit explain(const ExplainOptions& options) {
    if (options.id.empty()) throw UsageError("请用 --id 给出要解释的考核对象的编号");
    PhaseTimer timer(false);
    std::unique_ptr<Run> prepared;
    if (Exit exit = prepare_run(options, timer, prepared); exit != success) return exit;
    Run& run = *prepared;
    const CompiledPolicy* policy = &run.policy();
    EvaluationRecord record;
    std::vector<ResultRow> rows;  // names view into the policy, alive until return
    if (run.evaluate(&record)) rows = run.results();
    if (!run.errors().empty()) {
        print_data_errors(run.errors(), policy->sources, options.errors, false, options.data);
        if (options.errors != ErrorFormat::json)
            std::cerr << fmt::format("{} 处数据错误, 无法解释\n", run.errors().size());
        return data_error;
    }
    auto found = find_rows(policy->program, run.tables(), options.id);
    if (found.empty()) return unknown_id(options, policy->program, run.tables());
    std::vector<Explanation> explanations;
    for (const auto& [entity, row] : found) {
        const ResultRow* result = nullptr;
        for (const ResultRow& candidate : rows)
            if (candidate.entity == entity && candidate.row == row) result = &candidate;
        explanations.push_back(explain(run, record, entity, row, result));
    }
    std::vector<std::string> what_if = what_if_options(options);
    std::cout << (options.format == "json" ? explanation_json(explanations, what_if) : explanation_text(explanations, what_if));
    return success;
}

Action define(CLI::App& command) {
    auto options = std::make_shared<ExplainOptions>();
    add_scheme_run_options(command, *options);
    command.add_option("--id", options->id, "要解释的考核对象的编号 (数据中的 id)")->transform(without_spaces);
    add_format_choice(command, options->format, {"text", "json"});
    return [options] { return explain(*options); };
}

}  // namespace

Command explain_command() {
    return {
        .name = "explain",
        .synopsis = "POLICY DATA --id ID [--params FILE] [--set NAME=VALUE]... [--set-data ID.INPUT=VALUE]... [--format text|json]",
        .summary = "解释一个考核对象的结果: 每个值的公式、依据条款、输入、精确值与舍入, 等次、否决、名额",
        .example = "explain policies/longnan.kh examples/longnan-2017.json --id LN01-M02",
        .details = "按方案 POLICY 计算 DATA (与 kaohe run 相同), 然后给出编号为 ID 的考核对象的完整推导, 可交给复核人员:\n"
                   "每个值的公式 (文件:行, 引用的条款)、读取的输入及其 JSON 路径、精确的中间值和所用的舍入; 加权求和的每项贡献;\n"
                   "按得分的等次、一票否决后和名额后的等次; 每个否决与标记及其规则; 名额的名额池、比例、名额数、\n"
                   "本人在排序中的位置及排序依据, 以及名额线两侧的人。\n" +
                   option_lines({{"--id ID", "考核对象的编号 (必需); 不是输出对象的编号 (如县区) 也可以, 给出它的全部值"},
                                 {"--params FILE", "参数文件, 同 kaohe run"},
                                 {"--set NAME=VALUE", "只在本次计算中改变参数、权重、分数线或名额比例, 同 kaohe run (可加 --renormalize)"},
                                 {"--set-data ID.INPUT=VALUE", "只在本次计算中改变某个对象的一项输入, 同 kaohe run"},
                                 {"--format text", "供人阅读的中文推导 (默认)"},
                                 {"--format json", "树形 JSON: 顶层与 kaohe run --format json 的这一行相同 (id、score、grade、rank …), "
                                                   "另有 path 和 derivation"}}) +
                   "\n编号不存在时以 64 退出 (并提示相近的编号); 数据有错时列出错误并以 2 退出, 不输出解释。\n",
        .define = define,
    };
}

}  // namespace kaohe::cli
