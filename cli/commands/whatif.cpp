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
    std::vector<std::string> sets, data_edits;
    std::string format;
    bool timings = false;
    bool renormalize = false;
    ErrorFormat errors = ErrorFormat::text;
};

struct Scenario {
    std::string name;
    std::vector<std::string> sets;        // NAME=VALUE,
    std::vector<std::string> data_edits;  // ID.INPUT=VALUE, or
    std::string policy;                   // another policy file
    bool renormalize = false;             // for its weights: see --renormalize
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
        JsonValue name = item.find("name"), set = item.find("set"), set_data = item.find("set_data"), policy = item.find("policy");
        scenario.name = name.is(JsonValue::Kind::string) ? std::string(name.text()) : fmt::format("情景 {}", index + 1);
        // A parameter's value as --set takes it (45%, 92); a data value as the JSON written, so a
        // list stays a list and "123" stays a text.
        auto pairs = [](JsonValue object, std::vector<std::string>& out, bool as_json) {
            if (!object.is(JsonValue::Kind::object)) return;
            for (JsonValue member = object.first(); member.exists(); member = member.next())
                out.push_back(std::string(member.key()) + "=" +
                              (as_json || !(member.is(JsonValue::Kind::string) || member.is(JsonValue::Kind::number))
                                   ? member.json()
                                   : std::string(member.text())));
        };
        pairs(set, scenario.sets, false);
        pairs(set_data, scenario.data_edits, true);
        if (policy.is(JsonValue::Kind::string)) scenario.policy = std::string(policy.text());
        JsonValue renormalize = item.find("renormalize");
        scenario.renormalize = renormalize.is(JsonValue::Kind::boolean) && renormalize.boolean();
        for (JsonValue member = item.is(JsonValue::Kind::object) ? item.first() : JsonValue(); member.exists();
             member = member.next())
            if (std::string_view key = member.key();
                key != "name" && key != "set" && key != "set_data" && key != "policy" && key != "renormalize") {
                std::cerr << fmt::format("kaohe: {}: $.scenarios[{}].{}: 情景没有这一项; 可有 name、set、set_data、policy、renormalize\n",
                                         path, index, key);
                return false;
            }
        if (scenario.sets.empty() && scenario.data_edits.empty() && scenario.policy.empty()) {
            std::cerr << fmt::format("kaohe: {}: $.scenarios[{}]: 应有 \"set\" 或 \"set_data\" (非空对象), 或 \"policy\" (方案文件)\n",
                                     path, index);
            return false;
        }
        scenarios.push_back(std::move(scenario));
    }
    return true;
}

// A scenario made ready to run: its policy, parameters and (with data edits) its own data.
struct PreparedScenario {
    RunInput input;
    std::shared_ptr<const JsonDocument> document;  // null: the baseline's data
};

Exit whatif(const WhatifOptions& options) {
    bool command_line = !options.sets.empty() || !options.data_edits.empty();
    if (command_line == !options.scenarios.empty())
        throw UsageError("请给出 --set 名称=值 (和/或 --set-data 编号.输入=值) 或 --scenarios 文件 (二者选一)");
    PhaseTimer timer(options.timings);
    LoadedProgram loaded;
    if (Exit exit = load_policy(options.policy, loaded, false, options.errors); exit != success) return exit;
    std::shared_ptr<const JsonDocument> document;
    if (Exit exit = load_data(options.data, timer, document, "数据文件", options.errors); exit != success) return exit;
    std::vector<Scenario> scenarios;
    if (!options.scenarios.empty()) {
        if (!read_scenarios(options.scenarios, timer, scenarios, options.errors)) return data_error;
    } else {
        std::vector<std::string> words;
        for (const std::string& set : options.sets) words.push_back("--set " + set);
        for (const std::string& edit : options.data_edits) words.push_back("--set-data " + edit);
        if (options.renormalize) words.push_back("--renormalize");
        scenarios.push_back({join(words, " "), options.sets, options.data_edits, "", options.renormalize});
    }

    // Every scenario's overrides are resolved before anything runs: a typo in the third is not
    // found after two have printed.
    RunInput baseline;
    if (Exit exit = load_parameters(options.parameters, {}, *loaded.program, timer, options.errors, baseline.parameters);
        exit != success)
        return exit;
    baseline.policy = compile(std::move(loaded));
    std::vector<PreparedScenario> prepared;
    for (const Scenario& scenario : scenarios) {
        PreparedScenario ready{{baseline.policy, baseline.parameters}, nullptr};
        if (!scenario.policy.empty()) {
            LoadedProgram other;
            if (Exit exit = load_policy(scenario.policy, other, false, options.errors); exit != success) return exit;
            ready.input.policy = compile(std::move(other));
        }
        auto named = [&](Exit exit) {  // which scenario a message was about, when a file has several
            if (exit != success && !options.scenarios.empty())
                std::cerr << fmt::format("  (在情景 \"{}\" 中, {})\n", scenario.name, options.scenarios);
            return exit;
        };
        if (Exit exit = named(load_parameters(options.parameters, scenario.sets, ready.input.policy->program, timer,
                                              options.errors, ready.input.parameters, scenario.renormalize || options.renormalize));
            exit != success)
            return exit;
        if (!scenario.data_edits.empty()) {
            ready.document = document;
            if (Exit exit = named(apply_data_edits(scenario.data_edits, ready.input.policy, ready.input.parameters, ready.document));
                exit != success)
                return exit;
        }
        prepared.push_back(std::move(ready));
    }
    timer.lap("prepare");

    ImpactSide base = evaluate_side(baseline, document);
    timer.lap("baseline");
    print_side_errors(base.errors, *baseline.policy, "基准", options.errors, options.data);
    if (!base.errors.empty()) return data_error;
    std::string text;
    Json json;
    json["baseline"] = {{"policy", options.policy}, {"data", options.data}};
    json["scenarios"] = Json::array();
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        const PreparedScenario& ready = prepared[i];
        // Overrides alone re-evaluate a copy of the baseline where they reach; another policy or
        // other data is evaluated afresh.
        ImpactSide side = ready.input.policy == baseline.policy && !ready.document
                              ? reevaluate_side(base, ready.input.parameters)
                              : evaluate_side(ready.input, ready.document ? ready.document : document);
        timer.lap("scenario");
        ImpactRuns runs = compare_sides(base, side);
        timer.lap("compare");
        print_side_errors(runs.after_errors, *ready.input.policy, "情景 " + scenarios[i].name, options.errors, options.data);
        if (!runs.impact) return data_error;
        text += fmt::format("{}情景 {}: {}\n", i ? "\n" : "", i + 1, scenarios[i].name) +
                impact_text(*runs.impact, fmt::format("相对基准 ({} 按 {})", options.policy, options.data));
        Json scenario = {{"name", scenarios[i].name}};
        if (!scenarios[i].sets.empty()) scenario["set"] = scenarios[i].sets;
        if (!scenarios[i].data_edits.empty()) scenario["set_data"] = scenarios[i].data_edits;
        if (!scenarios[i].policy.empty()) scenario["policy"] = scenarios[i].policy;
        if (scenarios[i].renormalize || options.renormalize) scenario["renormalize"] = true;
        scenario["impact"] = impact_json(*runs.impact, options.data);
        json["scenarios"].push_back(std::move(scenario));
    }
    std::cout << (options.format == "json" ? json.dump(2) + "\n" : text);
    timer.lap("render");
    return success;
}

Action define(CLI::App& command) {
    auto options = std::make_shared<WhatifOptions>();
    command.add_option("POLICY", options->policy, "方案文件")->required();
    command.add_option("DATA", options->data, "数据文件")->required();
    add_set_option(command, options->sets, &options->renormalize);
    add_set_data_option(command, options->data_edits);
    command.add_option("--scenarios", options->scenarios, "情景文件 (JSON)");
    command.add_option("--params", options->parameters, "基准所用的参数文件");
    add_format_choice(command, options->format, {"table", "json"});
    command.add_flag("--timings", options->timings, "在标准错误输出各阶段耗时");
    add_error_format_option(command, options->errors);
    return [options] { return whatif(*options); };
}

}  // namespace

Command whatif_command() {
    return {
        .name = "whatif",
        .synopsis = "POLICY DATA (--set NAME=VALUE... --set-data ID.INPUT=VALUE... | --scenarios FILE) [--params FILE] [--format table|json]",
        .summary = "假如: 改变参数、权重、分数线后 (或换一个方案), 谁的等次、名次、标记会变",
        .example = "whatif policies/longnan.kh examples/longnan-2017.json --set 等次.优秀=92",
        .details = "以 POLICY 按 DATA 的计算为基准, 与每个情景比较: 各等次人数的前后对比, 等次或名次改变的每一行及原因,\n"
                   "只有标记改变的行, 得分变化的汇总与变化最大的行 (与 kaohe diff --data 的形式相同)。\n"
                   "只改参数、权重、分数线的情景只重算受影响的部分 (复制基准的计算结果); 改数据或换方案的情景重新计算。\n" +
                   option_lines({{"--set NAME=VALUE", "一个情景: 这些改变 (写法同 kaohe run --set), 可重复"},
                                 {"--set-data ID.INPUT=VALUE", "一个情景: 改变数据 (写法同 kaohe run --set-data), 可重复, 可与 --set 同用"},
                                 {"--scenarios FILE", "多个情景: {\"scenarios\": [{\"name\": \"民主测评 15%\", \"set\": {\"综合得分.民主测评得分\": "
                                                      "\"15%\", \"综合得分.实绩得分\": \"40%\"}}, {\"name\": \"补录选票\", \"set_data\": "
                                                      "{\"LN01-M03.民主测评票.优秀\": 35}}, {\"name\": \"2018 方案\", \"policy\": \"2018.kh\"}]}"},
                                 {"--renormalize", "--set 改了权重时按比例调整其余权重 (情景文件中写 \"renormalize\": true)"},
                                 {"--timings", "在标准错误输出各阶段耗时 (prepare、baseline、每个情景的 scenario 与 compare、render)"},
                                 {"--params FILE", "基准 (和各情景) 所用的参数文件"},
                                 {"--format json", "{\"baseline\", \"scenarios\": [{\"name\", \"set\"/\"set_data\"/\"policy\", \"impact\"}]}, "
                                                   "impact 与 kaohe diff --format json 的相同"}}) +
                   "\n名称不存在时以 64 退出; 数据或情景的值有错 (如权重合计不是 100%) 时以 2 退出。\n",
        .define = define,
    };
}

}  // namespace kaohe::cli
