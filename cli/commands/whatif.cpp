// kaohe whatif POLICY DATA (--set NAME=VALUE... | --scenarios FILE): the baseline run against
// one or several named scenarios — overrides (runtime/overrides.hpp) or another policy file — and
// for each, what it does to the data, in the same form as `kaohe diff --data` (cli/formats/impact).
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command_table.hpp"
#include "cli/formats/impact.hpp"
#include "cli/formats/rows.hpp"

namespace kaohe::cli {

namespace {

using Json = nlohmann::ordered_json;

struct WhatifOptions {
    std::string policy, data, parameters, scenarios;
    std::vector<std::string> sets;
    std::string format;
    ErrorFormat errors = ErrorFormat::text;
};

struct Scenario {
    std::string name;
    std::vector<std::string> sets;  // NAME=VALUE, or
    std::string policy;             // another policy file
};

// {"scenarios": [{"name": "…", "set": {"NAME": VALUE, …}} or {"name": "…", "policy": "FILE"}]},
// read exactly (a weight of 12.5% stays 12.5%). False, after saying why, when it is not that.
bool read_scenarios(const std::string& path, PhaseTimer& timer, std::vector<Scenario>& scenarios, ErrorFormat format) {
    std::shared_ptr<const JsonDocument> document;
    if (load_data(path, timer, document, "情景文件", format) != success) return false;
    JsonValue list = document->root().find("scenarios");
    if (!list.is(JsonValue::Kind::array) || list.size() == 0) {
        std::cerr << "kaohe: " << path << ": 应为 {\"scenarios\": [{\"name\": \"…\", \"set\": {\"名称\": 值}}, …]}\n";
        return false;
    }
    std::size_t index = 0;
    for (JsonValue item = list.first(); item.exists(); item = item.next(), ++index) {
        Scenario scenario;
        JsonValue name = item.find("name"), set = item.find("set"), policy = item.find("policy");
        scenario.name = name.is(JsonValue::Kind::string) ? std::string(name.text()) : fmt::format("情景 {}", index + 1);
        if (set.is(JsonValue::Kind::object) && set.size() > 0)
            for (JsonValue member = set.first(); member.exists(); member = member.next())
                scenario.sets.push_back(std::string(member.key()) + "=" + std::string(member.text()));
        else if (policy.is(JsonValue::Kind::string)) scenario.policy = std::string(policy.text());
        else {
            std::cerr << fmt::format("kaohe: {}: $.scenarios[{}]: 应有 \"set\" (非空对象) 或 \"policy\" (方案文件)\n", path, index);
            return false;
        }
        scenarios.push_back(std::move(scenario));
    }
    return true;
}

Exit whatif(const WhatifOptions& options) {
    if (options.sets.empty() == options.scenarios.empty()) throw UsageError("请给出 --set 名称=值 或 --scenarios 文件 (二者选一)");
    PhaseTimer timer(false);
    LoadedProgram loaded;
    if (Exit exit = load_policy(options.policy, loaded, false, options.errors); exit != success) return exit;
    std::shared_ptr<const JsonDocument> document;
    if (Exit exit = load_data(options.data, timer, document, "数据文件", options.errors); exit != success) return exit;
    std::vector<Scenario> scenarios;
    if (!options.sets.empty()) scenarios.push_back({"--set " + join(options.sets, " --set "), options.sets, ""});
    else if (!read_scenarios(options.scenarios, timer, scenarios, options.errors)) return data_error;

    // Every scenario's overrides are resolved before anything runs: a typo in the third is not
    // found after two have printed.
    const Program& program = *loaded.program;
    RunInput baseline;
    if (Exit exit = load_parameters(options.parameters, {}, program, timer, options.errors, baseline.parameters); exit != success)
        return exit;
    std::vector<RunInput> inputs;
    for (const Scenario& scenario : scenarios) {
        RunInput input;
        if (!scenario.policy.empty()) {
            LoadedProgram other;
            if (Exit exit = load_policy(scenario.policy, other, false, options.errors); exit != success) return exit;
            input.policy = compile(std::move(other));
            input.parameters = baseline.parameters;
        }
        else if (Exit exit = load_parameters(options.parameters, scenario.sets, program, timer, options.errors, input.parameters);
                 exit != success)
            return exit;
        inputs.push_back(std::move(input));
    }
    baseline.policy = compile(std::move(loaded));
    for (RunInput& input : inputs)
        if (!input.policy) input.policy = baseline.policy;

    std::string text;
    Json json;
    json["baseline"] = {{"policy", options.policy}, {"data", options.data}};
    json["scenarios"] = Json::array();
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        ImpactRuns runs = measure_impact(baseline, inputs[i], document);
        print_side_errors(runs.before_errors, *baseline.policy, "基准", options.errors, options.data);
        print_side_errors(runs.after_errors, *inputs[i].policy, "情景 " + scenarios[i].name, options.errors, options.data);
        if (!runs.impact) return data_error;
        text += fmt::format("{}情景 {}: {}\n", i ? "\n" : "", i + 1, scenarios[i].name) +
                impact_text(*runs.impact, fmt::format("相对基准 ({} 按 {})", options.policy, options.data));
        Json scenario = {{"name", scenarios[i].name}};
        if (scenarios[i].policy.empty()) scenario["set"] = scenarios[i].sets;
        else scenario["policy"] = scenarios[i].policy;
        scenario["impact"] = impact_json(*runs.impact, options.data);
        json["scenarios"].push_back(std::move(scenario));
    }
    std::cout << (options.format == "json" ? json.dump(2) + "\n" : text);
    return success;
}

Action define(CLI::App& command) {
    auto options = std::make_shared<WhatifOptions>();
    command.add_option("POLICY", options->policy, "方案文件")->required();
    command.add_option("DATA", options->data, "数据文件")->required();
    add_set_option(command, options->sets);
    command.add_option("--scenarios", options->scenarios, "情景文件 (JSON)");
    command.add_option("--params", options->parameters, "基准所用的参数文件");
    add_format_choice(command, options->format, {"table", "json"});
    add_error_format_option(command, options->errors);
    return [options] { return whatif(*options); };
}

}  // namespace

Command whatif_command() {
    return {
        .name = "whatif",
        .synopsis = "POLICY DATA (--set NAME=VALUE... | --scenarios FILE) [--params FILE] [--format table|json]",
        .summary = "假如: 改变参数、权重、分数线后 (或换一个方案), 谁的等次、名次、标记会变",
        .example = "whatif policies/longnan.kh examples/longnan-2017.json --set 等次.优秀=92",
        .details = "以 POLICY 按 DATA 的计算为基准, 与每个情景比较: 各等次人数的前后对比, 等次或名次改变的每一行及原因,\n"
                   "只有标记改变的行, 得分变化的汇总与变化最大的行 (与 kaohe diff --data 的形式相同)。\n" +
                   option_lines({{"--set NAME=VALUE", "一个情景: 这些改变 (写法同 kaohe run --set), 可重复"},
                                 {"--scenarios FILE", "多个情景: {\"scenarios\": [{\"name\": \"民主测评 15%\", \"set\": {\"综合得分.民主测评得分\": "
                                                      "\"15%\", \"综合得分.实绩得分\": \"40%\"}}, {\"name\": \"2018 方案\", \"policy\": \"2018.kh\"}]}"},
                                 {"--params FILE", "基准 (和各情景) 所用的参数文件"},
                                 {"--format json", "{\"baseline\", \"scenarios\": [{\"name\", \"set\" 或 \"policy\", \"impact\"}]}, "
                                                   "impact 与 kaohe diff --format json 的相同"}}) +
                   "\n名称不存在时以 64 退出; 数据或情景的值有错 (如权重合计不是 100%) 时以 2 退出。\n",
        .define = define,
    };
}

}  // namespace kaohe::cli
