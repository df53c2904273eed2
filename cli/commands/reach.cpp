// kaohe reach POLICY DATA --id ID --grade GRADE [--vary INPUT...]: for one entity, the smallest
// change of each of its inputs that gives it the grade (runtime/reach.hpp), or why none does.
#include <algorithm>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/command_table.hpp"
#include "cli/formats/reach.hpp"
#include "runtime/data_edits.hpp"
#include "runtime/row_lookup.hpp"

namespace kaohe::cli {

namespace {

struct ReachOptions : SchemeRunOptions {
    std::string id, grade, format;
    std::vector<std::string> vary;
};

// The row with that id in an entity graded with a band of that label; a usage error otherwise.
ReachQuestion find_question(const Run& run, const ReachOptions& options) {
    const Program& program = run.policy().program;
    auto rows = find_rows(program, run.tables(), options.id);
    if (rows.empty()) {
        std::string closest = closest_name(options.id, all_ids(run.tables(), most_ids_for_a_hint));
        throw UsageError(fmt::format("数据中没有编号为 {} 的对象{}", options.id, closest.empty() ? "" : " (是否指 " + closest + "？)"));
    }
    std::vector<std::string> labels;
    for (const auto& [entity, row] : rows)
        for (const Grade& grade : program.grades) {
            if (program.symbols[grade.symbol].entity != entity) continue;
            for (BandIndex band : grade.bands.ids()) {
                labels.push_back(grade.bands[band].label);
                if (grade.bands[band].label == options.grade) return {entity, row, grade.symbol, band};
            }
        }
    if (labels.empty()) throw UsageError(fmt::format("{} 没有等次, 无从谈起达到 {}", options.id, options.grade));
    throw UsageError(fmt::format("{} 的等次没有 {}; 可选: {}{}", options.id, options.grade, fmt::join(labels, "、"),
                                 closest_name(options.grade, labels).empty() ? "" : " (是否指 " + closest_name(options.grade, labels) + "？)"));
}

// --vary names an input (every number in it) or one number (民主测评票.优秀, 正职评分[0]).
std::vector<ReachVariable> chosen(std::vector<ReachVariable> all, const std::vector<std::string>& vary) {
    if (vary.empty()) return all;
    std::vector<ReachVariable> kept;
    std::vector<std::string> names, inputs;  // 民主测评票.优秀 …, and 民主测评票 … for suggestions
    for (const ReachVariable& v : all) {
        names.push_back(v.name);
        std::string input = v.name.substr(0, v.name.find_first_of(".["));
        if (std::find(inputs.begin(), inputs.end(), input) == inputs.end()) inputs.push_back(input);
    }
    for (const std::string& name : vary) {
        bool any = false;
        for (const ReachVariable& v : all)
            if (v.name == name || v.name.starts_with(name + ".") || v.name.starts_with(name + "[")) {
                kept.push_back(v);
                any = true;
            }
        if (!any) {
            std::string closest = closest_name(name, name.find_first_of(".[") == std::string::npos ? inputs : names);
            throw UsageError(fmt::format("--vary {}: 没有这个可改变的输入; 可选: {}{}", name, fmt::join(names, "、"),
                                         closest.empty() ? "" : " (是否指 " + closest + "？)"));
        }
    }
    return kept;
}

Exit reach(const ReachOptions& options) {
    PhaseTimer timer(false);
    std::unique_ptr<Run> prepared;
    if (Exit exit = prepare_run(options, timer, prepared); exit != success) return exit;
    Run& run = *prepared;
    const CompiledPolicy* policy = &run.policy();
    if (!run.evaluate()) {
        print_data_errors(run.errors(), policy->sources, options.errors, false, options.data);
        return data_error;
    }
    ReachQuestion question = find_question(run, options);
    std::vector<ReachVariable> variables = chosen(reach_variables(run, question.entity, question.row), options.vary);

    ReachReport report;
    report.id = options.id;
    report.entity = policy->program.entities[question.entity].name;
    report.grade_name = policy->program.symbols[question.grade].name;
    report.target = options.grade;
    report.grade = policy->plan.grade_of_symbol[question.grade];
    report.current = current_outcome(run, question);
    if (!options.parameters.empty()) report.context.push_back("--params " + options.parameters);
    for (std::string& word : what_if_options(options)) report.context.push_back(std::move(word));
    if (report.current.grade != question.target) report.answers = kaohe::reach(run, question, variables);
    for (const ReachAnswer& answer : report.answers)
        report.paths.push_back(resolve_data_place(policy->plan, run.tables(), run.document(), options.id + "." + answer.variable.name).path);
    std::cout << (options.format == "json" ? reach_json(report).dump(2) + "\n" : reach_text(report));
    return success;
}

Action define(CLI::App& command) {
    auto options = std::make_shared<ReachOptions>();
    add_scheme_run_options(command, *options);
    command.add_option("--id", options->id, "考核对象的编号")->required()->transform(without_spaces);
    command.add_option("--grade", options->grade, "要达到的等次")->required()->transform(without_spaces);
    command.add_option("--vary", options->vary, "只改变这些输入 (默认: 这个对象的每个数值输入)");
    add_format_choice(command, options->format, {"text", "json"});
    return [options] { return reach(*options); };
}

}  // namespace

Command reach_command() {
    return {
        .name = "reach",
        .synopsis = "POLICY DATA --id ID --grade GRADE [--vary INPUT...] [--format text|json]",
        .summary = "要达到某个等次, 这个对象的每项输入最少要改变多少",
        .example = "reach policies/longnan.kh examples/longnan-2017.json --id LN01-M03 --grade 优秀",
        .details = "对编号为 ID 的对象, 逐项输入 (数值、是否、记录中的每个数、列表中的每一项) 求出达到等次 GRADE 的最小改变,\n"
                   "其余数据不变; 每次尝试都按整个方案重新计算, 所以舍入、分数线、一票否决和名额都算在内。\n"
                   "每项给出: 改变后的值与结果、少改一步时的结果 (证明是最小的), 分数够线却因名额或否决未达到时\n"
                   "说明名额由谁占据; 无论怎么改都达不到时说明原因。步长: 计数为 1, 其余为 0.01 (数据更精细时更细)。\n"
                   "假定达到之后继续朝同一方向改变仍然达到 (多得票不会失去名额)。\n" +
                   option_lines({{"--vary INPUT", "只改变这些输入; 写作 民主测评票 (其中每个数)、民主测评票.优秀、正职评分[0]; 可重复"},
                                 {"--set NAME=VALUE", "先改变参数、权重、分数线 (同 kaohe run --set, 可加 --renormalize)"},
                                 {"--params FILE", "参数文件 (同 kaohe run)"},
                                 {"--set-data ID.INPUT=VALUE", "先改变数据 (同 kaohe run --set-data)"},
                                 {"--format json", "{\"id\", \"target\", \"current\", \"inputs\": [{\"input\", \"path\", \"current\", "
                                                   "\"reached\", \"one_less\", \"by_score\", \"furthest\", \"set_data\"}]}"}}) +
                   "\n每项答案都可以用 kaohe run --set-data (\"应用:\" 一行) 复核。\n",
        .define = define,
    };
}

}  // namespace kaohe::cli
