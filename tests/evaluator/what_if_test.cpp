// What-if re-evaluation must agree, cell for cell, with evaluating an edited policy afresh.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "lang/loader.hpp"
#include "runtime/bind.hpp"
#include "runtime/evaluator.hpp"
#include "runtime/json_document.hpp"
#include "runtime/results.hpp"
#include "runtime/what_if.hpp"

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

struct Run {
    kaohe::LoadedProgram loaded;
    kaohe::Plan plan;
    kaohe::BindResult bound;
};

// Loads and fully evaluates; the Run owns everything the tables refer to.
std::unique_ptr<Run> evaluate(const std::string& policy, const kaohe::JsonDocument& data) {
    auto run = std::make_unique<Run>();
    run->loaded = kaohe::load_program_text("longnan.kh", policy);
    REQUIRE(run->loaded.program);
    run->plan = kaohe::make_plan(*run->loaded.program);
    run->bound = kaohe::bind_data(run->plan, data);
    REQUIRE(run->bound.errors.empty());
    REQUIRE(kaohe::evaluate_plan(run->plan, run->bound.tables).empty());
    return run;
}

std::string printed(const std::vector<kaohe::ResultRow>& rows) {
    std::string out;
    for (const auto& row : rows) {
        out += row.id;
        for (const auto& [key, cell] : row.fields) out += " " + std::string(key) + "=" + cell.text;
        for (const auto& flag : row.flags) out += " !" + flag;
        out += "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("changing weights through the API equals evaluating the edited policy") {
    std::string policy = read(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    std::string error;
    auto data = kaohe::JsonDocument::parse(read(std::string(KAOHE_SOURCE_DIR) + "/examples/longnan-2017.json"), error);
    REQUIRE(data);

    auto what_if = evaluate(policy, *data);
    std::string before = printed(kaohe::collect_results(what_if->plan, what_if->bound.tables));
    kaohe::Program& program = *what_if->loaded.program;
    auto democratic = kaohe::find_weight(program, "综合得分", "民主测评得分");
    auto performance = kaohe::find_weight(program, "综合得分", "实绩得分");
    REQUIRE(democratic);
    REQUIRE(performance);
    CHECK_FALSE(kaohe::find_weight(program, "综合得分", "不存在"));
    kaohe::set_weight(*democratic, *kaohe::Rational::parse("0.15"));
    kaohe::set_weight(*performance, *kaohe::Rational::parse("0.40"));

    auto rerun = kaohe::downstream(what_if->plan, {democratic->symbol});
    auto runs = [&](const char* name) {
        for (std::size_t i = 0; i < rerun.steps.size(); ++i)
            if (program.symbols[what_if->plan.steps[i].symbol].name == name) return bool(rerun.steps[i]);
        FAIL("no step " << name);
        return false;
    };
    CHECK(runs("综合得分"));
    CHECK(runs("名次"));
    CHECK(runs("等次"));
    CHECK_FALSE(runs("民主测评得分"));
    CHECK_FALSE(runs("优秀比例"));
    CHECK_FALSE(runs("县区名次"));

    REQUIRE(kaohe::reevaluate(what_if->plan, what_if->bound.tables, {democratic->symbol}).empty());
    std::string after = printed(kaohe::collect_results(what_if->plan, what_if->bound.tables));

    std::string edited = replace(replace(policy, "  10% 民主测评得分", "  15% 民主测评得分"), "  45% 实绩得分", "  40% 实绩得分");
    auto fresh = evaluate(edited, *data);
    CHECK(after == printed(kaohe::collect_results(fresh->plan, fresh->bound.tables)));
    CHECK(after != before);

    // Flag rules rerun only when they read something downstream of the change.
    auto rule_named = [&](const char* text) {
        for (std::size_t i = 0; i < program.flags.size(); ++i)
            if (program.flags[i].text == text) return i;
        FAIL("no flag rule " << text);
        return std::size_t{0};
    };
    auto& rule_flags = what_if->bound.tables.rule_flags;
    std::size_t veto = rule_named("待研究确定"), by_grade = rule_named("诫勉谈话");
    rule_flags[veto].emplace_back(0, "未重算");
    rule_flags[by_grade].emplace_back(0, "应重算");
    kaohe::set_weight(*democratic, *kaohe::Rational::parse("0.10"));
    REQUIRE(kaohe::reevaluate(what_if->plan, what_if->bound.tables, {democratic->symbol}).empty());
    CHECK(rule_flags[veto].back().second == "未重算");
    CHECK(std::none_of(rule_flags[by_grade].begin(), rule_flags[by_grade].end(),
                       [](const auto& hit) { return hit.second == "应重算"; }));
}
