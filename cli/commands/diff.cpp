// kaohe diff OLD NEW [--data DATA] [--format text|json]: what changed between two versions of a
// scheme in the document's terms (lang/scheme_diff.hpp) and, with data, what it does to that
// data (runtime/impact.hpp): grades before and after, every row whose grade or rank moved, and
// why; the largest score movers.
#include <algorithm>
#include <iostream>
#include <set>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/formats/impact.hpp"
#include "cli/formats/rows.hpp"
#include "lang/parser.hpp"
#include "lang/scheme_diff.hpp"
#include "runtime/impact.hpp"

namespace kaohe::cli {

namespace {

using Json = nlohmann::ordered_json;

struct DiffOptions {
    std::string old_policy, new_policy, data;
    std::string format;
    ErrorFormat errors = ErrorFormat::text;
};

// A policy both as written (the main file's AST, for the changes) and as checked (for the data).
struct Version {
    std::string path, scheme;
    LoadedProgram loaded;
    ast::Module module;
    std::shared_ptr<const CompiledPolicy> compiled;
};

Exit load(const std::string& path, Version& version, ErrorFormat errors) {
    version.path = path;
    if (Exit exit = load_policy(path, version.loaded, false, errors); exit != success) return exit;
    Diagnostics ignored;  // it checked: the parse is clean
    version.module = parse_module(version.loaded.sources, 0, ignored);
    version.scheme = version.loaded.program->scheme_name;
    return success;
}

const char* action_word(SchemeChange::Action action) {
    switch (action) {
    case SchemeChange::Action::added: return "新增";
    case SchemeChange::Action::removed: return "删除";
    case SchemeChange::Action::renamed: return "改名";
    default: return "修改";
    }
}

const char* action_json(SchemeChange::Action action) {
    switch (action) {
    case SchemeChange::Action::added: return "added";
    case SchemeChange::Action::removed: return "removed";
    case SchemeChange::Action::renamed: return "renamed";
    default: return "changed";
    }
}

std::string change_text(const SchemeChange& c) {
    std::string what = kind_word(c.kind) + (c.name.empty() ? "" : " " + c.name) + (c.aspect.empty() ? "" : " " + c.aspect);
    if (c.action == SchemeChange::Action::renamed) return kind_word(c.kind) + " " + c.before + " → " + c.after;
    if (c.before.empty() && c.after.empty()) return what;
    if (c.before.empty()) return what + ": " + c.after;
    if (c.after.empty()) return what + ": " + c.before;
    return what + ": " + c.before + " → " + c.after;
}

std::string lines_text(const SchemeChange& c) {
    return (c.old_line ? std::to_string(c.old_line) : std::string("—")) + " → " +
           (c.new_line ? std::to_string(c.new_line) : std::string("—"));
}

std::string render_text(const DiffOptions& options, const Version& before, const Version& after,
                        const std::vector<SchemeChange>& changes, const std::optional<Impact>& impact) {
    std::string out = fmt::format("{} ({}) → {} ({}): ", before.scheme, before.path,
                                  after.scheme, after.path);
    out += changes.empty() ? "方案没有变化\n" : fmt::format("{} 处变化\n\n", changes.size());
    std::vector<std::vector<std::string>> lines;
    if (!changes.empty()) lines.push_back({"  行 (旧 → 新)"});
    for (const SchemeChange& c : changes) lines.push_back({"  " + lines_text(c), action_word(c.action), change_text(c)});
    out += aligned_columns(lines);
    if (!impact) return out;

    out += "\n" + impact_text(*impact, fmt::format("按 {} 计算的影响", options.data));
    return out;
}

std::string render_json(const DiffOptions& options, const Version& before, const Version& after,
                        const std::vector<SchemeChange>& changes, const std::optional<Impact>& impact) {
    Json out;
    out["old"] = {{"file", before.path}, {"scheme", before.scheme}};
    out["new"] = {{"file", after.path}, {"scheme", after.scheme}};
    Json list = Json::array();
    for (const SchemeChange& c : changes) {
        auto text = [](const std::string& t) { return t.empty() ? Json(nullptr) : Json(t); };
        list.push_back({{"action", action_json(c.action)}, {"kind", c.kind}, {"name", c.name}, {"aspect", text(c.aspect)},
                        {"before", text(c.before)}, {"after", text(c.after)},
                        {"old_line", c.old_line ? Json(c.old_line) : Json(nullptr)},
                        {"new_line", c.new_line ? Json(c.new_line) : Json(nullptr)}});
    }
    out["changes"] = std::move(list);
    if (impact) out["impact"] = impact_json(*impact, options.data);
    return out.dump(2) + "\n";
}

// When weights are the only changes that can move a score, a moved score was moved by them:
// say so ("weight") rather than "score".
void name_weights(const std::vector<SchemeChange>& changes, Impact& impact) {
    static const std::set<std::string> moving{"indicator", "input", "parameter", "function", "variant", "module",
                                              "record", "entity", "enum"};
    bool weights = false;
    for (const SchemeChange& c : changes) {
        if (moving.count(c.kind)) return;
        weights = weights || c.kind == "weight";
    }
    if (!weights) return;
    for (auto* rows : {&impact.changed, &impact.movers})
        for (RowImpact& row : *rows)
            std::replace(row.causes.begin(), row.causes.end(), std::string("score"), std::string("weight"));
}

Exit diff(const DiffOptions& options) {
    Version before, after;
    Exit old_exit = load(options.old_policy, before, options.errors);
    Exit new_exit = load(options.new_policy, after, options.errors);
    if (old_exit != success || new_exit != success) return std::max(old_exit, new_exit) == file_error ? file_error : policy_error;
    std::vector<SchemeChange> changes =
        diff_schemes({&before.module, &before.loaded.sources.file(0)}, {&after.module, &after.loaded.sources.file(0)});
    std::optional<Impact> impact;
    if (!options.data.empty()) {
        PhaseTimer timer(false);
        std::shared_ptr<const JsonDocument> document;
        if (Exit exit = load_data(options.data, timer, document, "数据文件", options.errors); exit != success) return exit;
        RunInput old_run{compile(std::move(before.loaded))}, new_run{compile(std::move(after.loaded))};
        ImpactRuns runs = measure_impact(old_run, new_run, document);
        // An input only the new version needs is missing for the old one: reported, not guessed.
        print_side_errors(runs.before_errors, *old_run.policy, "旧方案 " + options.old_policy, options.errors, options.data);
        print_side_errors(runs.after_errors, *new_run.policy, "新方案 " + options.new_policy, options.errors, options.data);
        if (!runs.impact) return data_error;
        impact = std::move(runs.impact);
        name_weights(changes, *impact);
    }
    std::cout << (options.format == "json" ? render_json(options, before, after, changes, impact)
                                           : render_text(options, before, after, changes, impact));
    return success;
}

Action define(CLI::App& command) {
    auto options = std::make_shared<DiffOptions>();
    command.add_option("OLD", options->old_policy, "旧方案文件")->required();
    command.add_option("NEW", options->new_policy, "新方案文件")->required();
    command.add_option("--data", options->data, "按这份数据比较两个方案的结果");
    add_format_choice(command, options->format, {"text", "json"});
    add_error_format_option(command, options->errors);
    return [options] { return diff(*options); };
}

}  // namespace

Command diff_command() {
    return {
        .name = "diff",
        .synopsis = "OLD NEW [--data DATA] [--format text|json]",
        .summary = "比较两个版本的方案: 改了什么, 按数据谁的等次或名次因此改变",
        .example = "diff policies/longnan.kh examples/longnan-2018.kh --data examples/longnan-2018.json",
        .details = "按方案的用语列出 OLD 到 NEW 的变化: 指标、权重、分数线、名额、规则和一票否决的新增、删除、改名\n"
                   "(定义不变只换名称的算改名) 和修改, 各注明在两个文件中的行号。\n" +
                   option_lines({{"--data DATA", "两个方案都按 DATA 计算: 各等次人数的前后对比; 等次或名次改变的每一行 (前后得分、等次、名次, "
                                                 "能指明时的原因: 得分、分数线、一票否决、名额); 其他改变的输出字段 (如奖励); 得分变化最大的 10 行"},
                                 {"--format json", "供程序读取: {\"changes\": [...], \"impact\": {\"grades\": {\"before\", \"after\"}, \"changed\": [...]}}"},
                                 {"--errors text|gcc|json", "方案和数据错误的输出形式"}}) +
                   "\n任一方案有错时以 1 退出; 任一方案无法按数据计算 (如缺少旧方案需要的输入) 时列出数据错误并以 2 退出。\n",
        .define = define,
    };
}

}  // namespace kaohe::cli
