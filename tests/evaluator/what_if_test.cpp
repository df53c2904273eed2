// What-if re-evaluation must agree, cell for cell, with evaluating an edited policy afresh.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <thread>

#include "tests/evaluator/text_files.hpp"
#include "runtime/run.hpp"

namespace {

using kaohe::test::read;
using kaohe::test::replace;

// Loads, plans and fully evaluates; the run keeps the policy and the data alive.
std::unique_ptr<kaohe::Run> evaluate(const std::string& policy, const std::string& data,
                                     kaohe::EvaluationListener* listener = nullptr) {
    auto loaded = kaohe::load_program_text("longnan.kh", policy);
    REQUIRE(loaded.program);
    std::string error;
    auto document = kaohe::JsonDocument::parse(data, error);
    REQUIRE(document);
    auto run = std::make_unique<kaohe::Run>(kaohe::compile(std::move(loaded)),
                                            std::make_shared<const kaohe::JsonDocument>(std::move(*document)));
    REQUIRE(run->evaluate(listener));
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
    std::string data = read(std::string(KAOHE_SOURCE_DIR) + "/examples/longnan-2017.json");

    auto what_if = evaluate(policy, data);
    std::string before = printed(what_if->results());
    const kaohe::Program& program = what_if->policy().program;
    const kaohe::Plan& plan = what_if->policy().plan;
    auto democratic = kaohe::find_weight(program, "综合得分", "民主测评得分");
    auto performance = kaohe::find_weight(program, "综合得分", "实绩得分");
    REQUIRE(democratic);
    REQUIRE(performance);
    CHECK_FALSE(kaohe::find_weight(program, "综合得分", "不存在"));
    what_if->set_weight(*democratic, *kaohe::Rational::parse("0.15"));
    what_if->set_weight(*performance, *kaohe::Rational::parse("0.40"));

    auto rerun = kaohe::downstream(plan, {democratic->symbol});
    auto runs = [&](const char* name) {
        for (std::size_t i = 0; i < rerun.steps.size(); ++i)
            if (program.symbols[plan.steps[i].symbol].name == name) return bool(rerun.steps[i]);
        FAIL("no step " << name);
        return false;
    };
    CHECK(runs("综合得分"));
    CHECK(runs("名次"));
    CHECK(runs("等次"));
    CHECK_FALSE(runs("民主测评得分"));
    CHECK_FALSE(runs("优秀比例"));
    CHECK_FALSE(runs("县区名次"));

    REQUIRE(what_if->reevaluate());
    std::string after = printed(what_if->results());

    std::string edited = replace(replace(policy, "param 民主测评权重 = 10%", "param 民主测评权重 = 15%"),
                                 "param 实绩权重 = 45%", "param 实绩权重 = 40%");
    CHECK(after == printed(evaluate(edited, data)->results()));
    CHECK(after != before);
    // The change lives in the run: the shared program keeps the policy's weights.
    CHECK(program.weightings[democratic->weighting].weights[democratic->item] == *kaohe::Rational::parse("0.10"));
    CHECK(what_if->state().weightings[democratic->weighting].weights[democratic->item] ==
          *kaohe::Rational::parse("0.15"));
}

TEST_CASE("runs sharing one compiled policy do not see each other's what-ifs, on any thread") {
    std::string policy = read(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    std::string data = read(std::string(KAOHE_SOURCE_DIR) + "/examples/longnan-2017.json");
    auto loaded = kaohe::load_program_text("longnan.kh", policy);
    REQUIRE(loaded.program);
    std::shared_ptr<const kaohe::CompiledPolicy> shared = kaohe::compile(std::move(loaded));
    std::string error;
    auto document = std::make_shared<const kaohe::JsonDocument>(*kaohe::JsonDocument::parse(data, error));
    auto democratic = kaohe::find_weight(shared->program, "综合得分", "民主测评得分");
    auto performance = kaohe::find_weight(shared->program, "综合得分", "实绩得分");
    REQUIRE(democratic);

    kaohe::Run baseline(shared, document);
    REQUIRE(baseline.evaluate());
    std::string expected = printed(baseline.results());

    // Two threads: one changes weights and re-evaluates, the other evaluates plainly, both at once.
    std::string changed, plain;
    std::thread what_if_thread([&] {
        kaohe::Run run(shared, document);
        run.evaluate();
        run.set_weight(*democratic, *kaohe::Rational::parse("0.20"));
        run.set_weight(*performance, *kaohe::Rational::parse("0.35"));
        run.reevaluate();
        changed = printed(run.results());
    });
    std::thread plain_thread([&] {
        for (int i = 0; i < 3; ++i) {
            kaohe::Run run(shared, document);
            run.evaluate();
            plain = printed(run.results());
        }
    });
    what_if_thread.join();
    plain_thread.join();
    CHECK(plain == expected);
    CHECK(changed != expected);
    CHECK(printed(baseline.results()) == expected);
}

TEST_CASE("flag rules rerun only when they read something downstream of a change") {
    // A listener hears exactly the flag rules that run (and hit someone).
    struct Rules : kaohe::EvaluationListener {
        std::set<std::size_t> ran;
        void on_flag(std::size_t rule, std::uint32_t, std::string_view) override { ran.insert(rule); }
    } first, rules;
    std::string policy = read(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    auto run = evaluate(policy, read(std::string(KAOHE_SOURCE_DIR) + "/examples/longnan-2017.json"), &first);
    const kaohe::Program& program = run->policy().program;
    auto democratic = kaohe::find_weight(program, "综合得分", "民主测评得分");
    REQUIRE(democratic);
    auto rule_named = [&](const char* text) {
        for (std::size_t i = 0; i < program.flags.size(); ++i)
            if (program.flags[i].text == text) return i;
        FAIL("no flag rule " << text);
        return std::size_t{0};
    };
    REQUIRE(first.ran.count(rule_named("待研究确定")) == 1);
    REQUIRE(first.ran.count(rule_named("诫勉谈话")) == 1);
    run->set_weight(*democratic, *kaohe::Rational::parse("0.15"));
    run->set_weight(*kaohe::find_weight(program, "综合得分", "实绩得分"), *kaohe::Rational::parse("0.40"));
    REQUIRE(run->reevaluate(&rules));
    CHECK(rules.ran.count(rule_named("诫勉谈话")) == 1);
    CHECK(rules.ran.count(rule_named("待研究确定")) == 0);  // reads only the veto, not the scores
}

namespace {

kaohe::SymbolId symbol_named(const kaohe::Program& program, std::string_view name) {
    for (kaohe::SymbolId s : program.symbols.ids())
        if (program.symbols[s].name == name) return s;
    FAIL("no symbol " << name);
    return {};
}

std::uint32_t row_of(const kaohe::Run& run, std::string_view entity, std::string_view id) {
    const kaohe::Program& program = run.policy().program;
    for (kaohe::EntityId e : program.entities.ids()) {
        if (program.entities[e].name != entity) continue;
        const auto& ids = run.tables().entities[e].ids;
        for (std::uint32_t row = 0; row < ids.size(); ++row)
            if (ids[row] == id) return row;
    }
    FAIL("no row " << id);
    return 0;
}

kaohe::Value votes(std::initializer_list<int> counts) {
    std::vector<kaohe::Value> fields;
    for (int count : counts) fields.push_back(kaohe::Value::of_number(kaohe::Rational(count)));
    return kaohe::Value::of_items(kaohe::Value::Kind::record, std::move(fields));
}

}  // namespace

TEST_CASE("changing parameters through the API equals evaluating the edited policy") {
    std::string policy = read(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    std::string data = read(std::string(KAOHE_SOURCE_DIR) + "/examples/longnan-2017.json");
    auto run = evaluate(policy, data);
    std::string before = printed(run->results());
    const kaohe::Program& program = run->policy().program;
    // a line, a quota share and two weights, all written as `param`
    run->set_parameter(symbol_named(program, "优秀线"), kaohe::Rational(88));
    run->set_parameter(symbol_named(program, "一般优秀比例"), *kaohe::Rational::parse("0.3"));
    run->set_parameter(symbol_named(program, "民主测评权重"), *kaohe::Rational::parse("0.15"));
    run->set_parameter(symbol_named(program, "实绩权重"), *kaohe::Rational::parse("0.40"));
    REQUIRE(run->reevaluate());
    std::string edited = policy;
    for (auto [from, to] : {std::pair{"param 优秀线 = 90", "param 优秀线 = 88"},
                            {"param 一般优秀比例 = 15%", "param 一般优秀比例 = 30%"},
                            {"param 民主测评权重 = 10%", "param 民主测评权重 = 15%"},
                            {"param 实绩权重 = 45%", "param 实绩权重 = 40%"}})
        edited = replace(edited, from, to);
    std::string after = printed(run->results());
    CHECK(after == printed(evaluate(edited, data)->results()));
    CHECK(after != before);
}

TEST_CASE("changing one row's input through the API equals evaluating the edited data") {
    std::string policy = read(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    std::string data = read(std::string(KAOHE_SOURCE_DIR) + "/examples/longnan-2017.json");
    auto run = evaluate(policy, data);
    std::string before = printed(run->results());
    const kaohe::Program& program = run->policy().program;
    kaohe::SymbolId votes_input = symbol_named(program, "民主测评票");
    std::uint32_t row = row_of(*run, "成员", "LN01-M03");

    // A trial that fails (no valid votes divides by zero) and is taken back leaves no trace.
    run->set_input(votes_input, row, votes({0, 0, 0, 0}));
    CHECK_FALSE(run->reevaluate());
    CHECK_FALSE(run->errors().empty());
    run->set_input(votes_input, row, votes({29, 19, 2, 1}));
    REQUIRE(run->reevaluate());
    CHECK(printed(run->results()) == before);

    run->set_input(votes_input, row, votes({50, 1, 0, 0}));
    REQUIRE(run->reevaluate());
    std::string edited = replace(data, R"("excellent": 29,
      "competent": 19,)", R"("excellent": 50,
      "competent": 1,)");
    edited = replace(edited, R"("basic": 2,
      "incompetent": 1
     },
     "interview_votes": {
      "excellent": 7,)", R"("basic": 0,
      "incompetent": 0
     },
     "interview_votes": {
      "excellent": 7,)");
    std::string after = printed(run->results());
    CHECK(after == printed(evaluate(policy, edited)->results()));
    CHECK(after != before);
}

TEST_CASE("other parameters files on an evaluated run equal a fresh run with them, and are verified alike") {
    auto loaded = kaohe::load_program_text("longnan.kh", read(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh"));
    REQUIRE(loaded.program);
    std::shared_ptr<const kaohe::CompiledPolicy> policy = kaohe::compile(std::move(loaded));
    std::string error;
    auto parse = [&](const std::string& json) {
        auto document = kaohe::JsonDocument::parse(json, error);
        REQUIRE(document);
        return std::make_shared<const kaohe::JsonDocument>(std::move(*document));
    };
    auto data = parse(read(std::string(KAOHE_SOURCE_DIR) + "/examples/longnan-2017.json"));
    std::vector<kaohe::ParameterFile> files{{parse(R"({"优秀线": 88, "实绩权重": "40%", "目标管理权重": "25%"})"), "--set"}};

    kaohe::Run run(policy, data);
    REQUIRE(run.evaluate());
    std::string before = printed(run.results());
    REQUIRE(run.set_parameters(files));
    REQUIRE(run.reevaluate());
    kaohe::Run fresh(policy, data, files);
    REQUIRE(fresh.evaluate());
    std::string after = printed(run.results());
    CHECK(after == printed(fresh.results()));
    CHECK(after != before);

    // Weights that no longer add up are refused as a fresh run refuses them.
    CHECK_FALSE(run.set_parameters({{parse(R"({"实绩权重": "50%"})"), "--set"}}));
    REQUIRE_FALSE(run.errors().empty());
    CHECK(run.errors().front().code == kaohe::DiagnosticCode::parameter_weights_not_100);
}

TEST_CASE("a re-evaluation for some symbols leaves the rest stale, and the next full one finishes it") {
    std::string policy = read(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    std::string data = read(std::string(KAOHE_SOURCE_DIR) + "/examples/longnan-2017.json");
    auto run = evaluate(policy, data);
    const kaohe::Program& program = run->policy().program;
    const kaohe::Plan& plan = run->policy().plan;
    kaohe::SymbolId grade = symbol_named(program, "等次");
    std::vector<kaohe::SymbolId> wanted{grade, symbol_named(program, "名次")};
    std::size_t caution = program.flags.size();  // 诫勉谈话 reads 等次: stale after a run for 等次
    for (std::size_t i = 0; i < program.flags.size(); ++i)
        if (program.flags[i].text == "诫勉谈话") caution = i;
    REQUIRE(caution < program.flags.size());

    // Two rounds of changes, each re-evaluated only for the grade and the rank.
    run->set_parameter(symbol_named(program, "民主测评权重"), *kaohe::Rational::parse("0.25"));
    run->set_parameter(symbol_named(program, "实绩权重"), *kaohe::Rational::parse("0.30"));
    REQUIRE(run->reevaluate_for(wanted));
    auto stale_flags = run->tables().rule_flags[caution];
    run->set_parameter(symbol_named(program, "称职线"), kaohe::Rational(86));
    REQUIRE(run->reevaluate_for(wanted));
    CHECK(run->tables().rule_flags[caution] == stale_flags);  // no flag rule ran

    std::string edited = policy;
    for (auto [from, to] : {std::pair{"param 民主测评权重 = 10%", "param 民主测评权重 = 25%"},
                            {"param 实绩权重 = 45%", "param 实绩权重 = 30%"},
                            {"param 称职线 = 80", "param 称职线 = 86"}})
        edited = replace(edited, from, to);
    auto fresh = evaluate(edited, data);
    // The grades are already right ...
    const auto& grades = run->tables().entities[program.symbols[grade].entity].columns[plan.column_of_symbol[grade]];
    const auto& fresh_grades = fresh->tables().entities[program.symbols[grade].entity].columns[plan.column_of_symbol[grade]];
    for (std::size_t row = 0; row < grades.size(); ++row) CHECK(grades[row].band() == fresh_grades[row].band());
    CHECK(run->tables().rule_flags[caution] != fresh->tables().rule_flags[caution]);  // the test moves someone
    // Results shown after a restricted re-evaluation finish it first: no stale flag is printed.
    CHECK(printed(run->results()) == printed(fresh->results()));
    // ... and a full re-evaluation with no new change keeps them up to date.
    REQUIRE(run->reevaluate());
    CHECK(printed(run->results()) == printed(fresh->results()));
}
