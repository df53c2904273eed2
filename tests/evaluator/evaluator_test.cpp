// Evaluator: small policies over small data, through plan, binding and evaluation.
#include <catch2/catch.hpp>

#include <map>
#include <memory>

#include "cli/formats/diagnostics_text.hpp"
#include "runtime/run.hpp"

namespace {

struct Run {
    std::shared_ptr<const kaohe::CompiledPolicy> policy;  // result rows name their fields by view into it
    std::vector<kaohe::ResultRow> rows;
    std::vector<std::string> errors;
    std::string policy_errors;

    const kaohe::ResultRow& row(const std::string& id) const {
        for (const auto& r : rows)
            if (r.id == id) return r;
        FAIL("no row " << id);
        return rows.front();
    }
    std::string field(const std::string& id, const std::string& key) const {
        for (const auto& [k, cell] : row(id).fields)
            if (k == key) return cell.text;
        return "<none>";
    }
    std::string all_errors() const {
        std::string out;
        for (const auto& e : errors) out += e + "\n";
        return out;
    }
};

Run run(const std::string& policy, const std::string& json) {
    Run result;
    kaohe::LoadedProgram loaded = kaohe::load_program_text("t.kh", policy);
    result.policy_errors = kaohe::cli::diagnostics_text(loaded.diagnostics, loaded.sources);
    REQUIRE(result.policy_errors == "");
    std::string json_error;
    auto document = kaohe::JsonDocument::parse(json, json_error);
    REQUIRE(document);
    result.policy = kaohe::compile(std::move(loaded));
    kaohe::Run evaluation(result.policy, std::make_shared<const kaohe::JsonDocument>(std::move(*document)));
    evaluation.evaluate();
    for (const auto& e : evaluation.errors()) result.errors.push_back(kaohe::cli::data_error_text(e, result.policy->sources));
    if (evaluation.errors().empty()) result.rows = evaluation.results();
    return result;
}

// One county pool with an excellent quota of 50%, ordered by score then 票.
const char* quota_policy = R"(
entity 县区 at counties key id {
  input 比例: percent at ratio
  entity 成员 at members key id {
    input 得分: score at score
    input 票: score at votes
    input 否决: list of text at vetoes
  }
}
rank 名次 of 成员 by 得分 within 县区
grade 等次 of 成员 by 得分 {
  优秀 >= 90
  称职 >= 80
  差 otherwise
  quota 优秀 share 比例 / 100 per 县区 round floor order 得分 desc, 票 desc tie flag "并列待定" excess flag "超出优秀名额"
}
veto of 成员 when not empty(否决) {
  cap 等次 at 称职
  flag "一票否决:{项}" for 项 in 否决
}
output 成员 as member { score: 得分  grade: 等次  rank: 名次 }
)";

std::string member(const char* id, const char* score, const char* votes, const char* vetoes = "") {
    return std::string(R"({"id": ")") + id + R"(", "score": )" + score + R"(, "votes": )" + votes +
           R"(, "vetoes": [)" + vetoes + "]}";
}

std::string county(const char* ratio, const std::vector<std::string>& members) {
    std::string list;
    for (const auto& m : members) list += (list.empty() ? "" : ",") + m;
    return std::string(R"({"counties": [{"id": "C", "ratio": )") + ratio + R"(, "members": [)" + list + "]}]}";
}

}  // namespace

TEST_CASE("quota: the first slots by order keys get the grade, the rest move down with a flag") {
    // 4 members, 50% → 2 slots; three candidates ≥ 90.
    auto r = run(quota_policy, county("50", {member("a", "95", "80"), member("b", "92", "70"), member("c", "91", "99"),
                                             member("d", "85", "50")}));
    REQUIRE(r.errors.empty());
    CHECK(r.field("a", "grade") == "优秀");
    CHECK(r.field("b", "grade") == "优秀");
    CHECK(r.field("c", "grade") == "称职");
    CHECK(r.row("c").flags == std::vector<std::string>{"超出优秀名额"});
    CHECK(r.field("d", "grade") == "称职");
    CHECK(r.row("d").flags.empty());
}

TEST_CASE("quota: a group tied on every key across the cut gets none of the slots") {
    auto r = run(quota_policy, county("50", {member("a", "95", "80"), member("b", "92", "70"), member("c", "92", "70"),
                                             member("d", "91", "60")}));
    REQUIRE(r.errors.empty());
    CHECK(r.field("a", "grade") == "优秀");
    CHECK(r.field("b", "grade") == "称职");
    CHECK(r.field("c", "grade") == "称职");
    CHECK(r.row("b").flags == std::vector<std::string>{"并列待定"});
    CHECK(r.row("c").flags == std::vector<std::string>{"并列待定"});
    CHECK(r.row("d").flags == std::vector<std::string>{"超出优秀名额"});
}

TEST_CASE("quota: a tie broken by the second key is no tie") {
    auto r = run(quota_policy, county("50", {member("a", "95", "80"), member("b", "92", "71"), member("c", "92", "70"),
                                             member("d", "70", "60")}));
    CHECK(r.field("b", "grade") == "优秀");
    CHECK(r.field("c", "grade") == "称职");
    CHECK(r.row("c").flags == std::vector<std::string>{"超出优秀名额"});
}

TEST_CASE("quota: floor of the share, and zero slots") {
    // 3 members × 50% = 1.5 → 1 slot
    auto r = run(quota_policy, county("50", {member("a", "95", "80"), member("b", "93", "70"), member("c", "60", "70")}));
    CHECK(r.field("a", "grade") == "优秀");
    CHECK(r.field("b", "grade") == "称职");
    // 1 member × 50% → 0 slots: even an unrivalled candidate is over the quota
    auto alone = run(quota_policy, county("50", {member("a", "95", "80")}));
    CHECK(alone.field("a", "grade") == "称职");
    CHECK(alone.row("a").flags == std::vector<std::string>{"超出优秀名额"});
}

TEST_CASE("veto: capped, out of the quota, one flag per area in input order") {
    auto r = run(quota_policy, county("50", {member("a", "99", "99", R"("安全生产", "环境保护")"),
                                             member("b", "92", "70"), member("c", "70", "70"), member("d", "70", "70")}));
    CHECK(r.field("a", "grade") == "称职");
    CHECK(r.row("a").flags == std::vector<std::string>{"一票否决:安全生产", "一票否决:环境保护"});
    CHECK(r.field("b", "grade") == "优秀");  // the vetoed member took no slot
    auto low = run(quota_policy, county("50", {member("a", "65", "99", R"("安全生产")")}));
    CHECK(low.field("a", "grade") == "差");  // a cap never raises a grade
}

TEST_CASE("competition ranks share the best rank") {
    auto r = run(quota_policy, county("0", {member("a", "90", "1"), member("b", "95", "1"), member("c", "90", "1"),
                                            member("d", "80", "1")}));
    CHECK(r.field("b", "rank") == "1");
    CHECK(r.field("a", "rank") == "2");
    CHECK(r.field("c", "rank") == "2");
    CHECK(r.field("d", "rank") == "4");
}

TEST_CASE("data errors: every one, with entity id and JSON path, and no results") {
    auto r = run(quota_policy, R"({"counties": [{"id": "C", "ratio": 50, "members": [
        {"id": "a", "score": 120, "votes": 80, "vetoes": []},
        {"id": "b", "votes": "many", "vetoes": []},
        {"score": 90, "votes": 80, "vetoes": [3]}]}]})");
    CHECK(r.rows.empty());
    std::string all = r.all_errors();
    CHECK(all.find("成员 a: $.counties[0].members[0].score (得分): 应为分数 (0 到 100), 这里是 120") != std::string::npos);
    CHECK(all.find("成员 b: $.counties[0].members[1].score (得分): 缺少字段") != std::string::npos);
    CHECK(all.find("$.counties[0].members[1].votes (票): 应为分数 (0 到 100), 这里是字符串 \"many\"") != std::string::npos);
    CHECK(all.find("$.counties[0].members[2].id: 缺少编号字段") != std::string::npos);
    CHECK(all.find("$.counties[0].members[2].vetoes[0] (否决): 应为字符串") != std::string::npos);
    CHECK(r.errors.size() == 5);
}

TEST_CASE("records: fields, requirements and the vote score from the stdlib") {
    const char* policy = R"(
use votes
entity 成员 at members key id {
  input 票: 票数 at votes
}
value 得分 of 成员 = 票数得分(票)
output 成员 as member { score: 得分 }
)";
    auto r = run(policy, R"({"members": [{"id": "m", "votes": {"excellent": 40, "competent": 12, "basic": 3, "incompetent": 1}}]})");
    REQUIRE(r.errors.empty());
    CHECK(r.field("m", "score") == "91.25");  // (40 + 9.6 + 1.5) / 56 × 100
    auto zero = run(policy, R"({"members": [{"id": "m", "votes": {"excellent": 0, "competent": 0, "basic": 0, "incompetent": 0}}]})");
    REQUIRE(zero.errors.size() == 1);
    CHECK(zero.errors[0].find("成员 m: $.members[0].votes (票): 有效票数为 0") != std::string::npos);
    auto negative = run(policy, R"({"members": [{"id": "m", "votes": {"excellent": -1, "competent": 2.5, "basic": 0}}]})");
    CHECK(negative.all_errors().find("votes.excellent (票): 应为非负整数, 这里是 -1") != std::string::npos);
    CHECK(negative.all_errors().find("votes.competent (票): 应为非负整数, 这里是 2.5") != std::string::npos);
    CHECK(negative.all_errors().find("votes.incompetent (票): 缺少字段") != std::string::npos);
}

TEST_CASE("aggregates over child entities, with filters, and over lists") {
    const char* policy = R"(
entity 县区 at counties key id {
  input 评分: list of number at scores
  entity 成员 at members key id {
    input 得分: number at score
  }
}
value 优秀人数 of 县区 = count(成员 where 得分 >= 90)
value 平均分 of 县区 = mean(成员.得分)
value 最高 of 县区 = max(成员.得分)
value 有人不及格 of 县区 = any(成员 where 得分 < 60)
value 评分差 of 县区 = max(评分) - min(评分)
value 总人数 = count(成员)
value 比重 of 县区 = count(成员) / 总人数
output 县区 as county { n: 优秀人数  mean: 平均分  top: 最高  fail: 有人不及格  spread: 评分差  share: 比重 }
)";
    auto r = run(policy, R"({"counties": [
        {"id": "A", "scores": [1, 4.5], "members": [{"id": "a1", "score": 95}, {"id": "a2", "score": 90}, {"id": "a3", "score": 50}]},
        {"id": "B", "scores": [2], "members": [{"id": "b1", "score": 70}]}]})");
    REQUIRE(r.errors.empty());
    CHECK(r.field("A", "n") == "2.00");
    CHECK(r.field("A", "mean") == "78.333333333333");
    CHECK(r.field("A", "top") == "95.00");
    CHECK(r.field("A", "fail") == "");
    CHECK(r.row("A").fields[3].second.boolean);
    CHECK_FALSE(r.row("B").fields[3].second.boolean);
    CHECK(r.field("A", "spread") == "3.50");
    CHECK(r.field("A", "share") == "0.75");
    CHECK(r.field("B", "n") == "0.00");
}

TEST_CASE("an evaluation failure names the row and the policy position") {
    const char* policy = R"(
entity 县区 at counties key id {
  input 计划: number at plan
}
value 完成率 of 县区 = 10 / 计划
output 县区 as county { score: 完成率 }
)";
    auto r = run(policy, R"({"counties": [{"id": "A", "plan": 0}, {"id": "B", "plan": 4}, {"id": "C", "plan": 0}]})");
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0] == "数据错误: 县区 A: $.counties[0]: 除数为 0 (方案 t.kh:5:24)");
    CHECK(r.errors[1].find("县区 C") != std::string::npos);
    CHECK(r.rows.empty());
}

TEST_CASE("optional inputs: missing lists are empty, missing text is empty") {
    const char* policy = R"(
entity 县区 at counties key id {
  input 名次: optional list of count at ranks
  input 上年: optional text at previous
}
value 有记录 of 县区 = count(名次)
value 上年优秀 of 县区 = 上年 = "优秀"
output 县区 as county { n: 有记录  excellent: 上年优秀 }
)";
    auto r = run(policy, R"({"counties": [{"id": "A"}, {"id": "B", "ranks": [1, 2], "previous": "优秀"}]})");
    REQUIRE(r.errors.empty());
    CHECK(r.field("A", "n") == "0.00");
    CHECK(r.field("B", "n") == "2.00");
    CHECK(r.row("B").fields[1].second.boolean);
}

TEST_CASE("declared ranges are enforced when data is read") {
    const char* policy = R"(
entity 县区 at counties key id {
  input 增长: number in -100..1000 at growth
  input 份额: percent in 0..50 at share
}
value 和 of 县区 = round_half_up(增长 + 份额, 1)
output 县区 as county { score: 和 }
)";
    auto ok = run(policy, R"({"counties": [{"id": "A", "growth": -3.25, "share": 50}]})");
    REQUIRE(ok.errors.empty());
    CHECK(ok.field("A", "score") == "46.80");
    auto bad = run(policy, R"({"counties": [{"id": "A", "growth": -100.5, "share": 50.01}]})");
    CHECK(bad.all_errors().find("$.counties[0].growth (增长): 应为数字 (-100 到 1000), 这里是 -100.5") != std::string::npos);
    CHECK(bad.all_errors().find("$.counties[0].share (份额): 应为百分比 (0 到 50), 这里是 50.01") != std::string::npos);
}

TEST_CASE("variants take effect when their condition holds") {
    const char* policy = R"(
input 年度: count in 1..3 at cycle_year
entity 村 at villages key id {
  input 率: percent at rate
}
value 分 of 村 = 30 * 率 / 100
variant 第三年 when 年度 = 3 {
  value 分 of 村 = 60 * 率 / 100
}
output 村 as village { score: 分 }
)";
    CHECK(run(policy, R"({"cycle_year": 2, "villages": [{"id": "v", "rate": 50}]})").field("v", "score") == "15.00");
    CHECK(run(policy, R"({"cycle_year": 3, "villages": [{"id": "v", "rate": 50}]})").field("v", "score") == "30.00");
    auto missing = run(policy, R"({"villages": [{"id": "v", "rate": 50}]})");
    CHECK(missing.all_errors() == "数据错误: $.cycle_year (年度): 缺少字段\n");
}

TEST_CASE("named flags are conditions other rules use; entity requirements name their field") {
    const char* policy = R"kh(
entity 市 at cities key id {
  input 影响: bool at impact
  require count(县) > 0 at counties else "没有县 (counties)"
  entity 县 at counties key id {
    input 违规: count at violations
    input 人口: count at population
  }
}
flag 资金违规 of 市 when sum(县.违规) > 0
flag 约谈 of 市 when 资金违规
flag 责任追究 of 市 when 资金违规 and 影响
value 人口 of 市 = sum(县.人口)
output 市 as city { score: 人口 }
)kh";
    auto r = run(policy, R"({"cities": [
        {"id": "A", "impact": true, "counties": [{"id": "a", "violations": 1, "population": 5}]},
        {"id": "B", "impact": false, "counties": [{"id": "b", "violations": 2, "population": 0}]},
        {"id": "C", "impact": true, "counties": [{"id": "c", "violations": 0, "population": 3}]}]})");
    REQUIRE(r.errors.empty());
    CHECK(r.row("A").flags == std::vector<std::string>{"资金违规", "约谈", "责任追究"});
    CHECK(r.row("B").flags == std::vector<std::string>{"资金违规", "约谈"});
    CHECK(r.row("C").flags.empty());
    auto empty = run(policy, R"({"cities": [{"id": "A", "impact": true, "counties": []},
                                            {"id": "B", "impact": true, "counties": []}]})");
    CHECK(empty.all_errors() == "数据错误: 市 A: $.cities[0].counties: 没有县 (counties)\n"
                                "数据错误: 市 B: $.cities[1].counties: 没有县 (counties)\n");
}

TEST_CASE("fraction of records, filtered sums and empty sums") {
    const char* policy = R"(
entity 村 at villages key id {
  entity 户 at households key id {
    input 步骤: list of text at steps
    input 一致: bool at matches
  }
}
value 完整 of 户 = contains(步骤, "申请") and contains(步骤, "公示")
value 完整率 of 村 = 100 * fraction(户 where 完整)
value 不一致 of 村 = count(户 where not 一致)
value 完整户不一致 of 村 = count(户 where 完整 and not 一致)
output 村 as village { rate: 完整率  bad: 不一致  both: 完整户不一致 }
)";
    auto r = run(policy, R"({"villages": [{"id": "v", "households": [
        {"id": "1", "steps": ["申请", "公示"], "matches": true},
        {"id": "2", "steps": ["申请"], "matches": false},
        {"id": "3", "steps": ["公示", "申请", "核查"], "matches": false}]}]})");
    REQUIRE(r.errors.empty());
    CHECK(r.field("v", "rate") == "66.666666666667");
    CHECK(r.field("v", "bad") == "2.00");
    CHECK(r.field("v", "both") == "1.00");
    auto none = run(policy, R"({"villages": [{"id": "v", "households": []}]})");
    CHECK(none.all_errors().find("fraction 的集合为空") != std::string::npos);
}

TEST_CASE("weighted sums are exact whether or not the weights share a small denominator") {
    const char* data = R"({"units": [{"id": "u", "a": 88.6, "b": 71.35, "c": 90}]})";
    auto policy = [](const char* weights) {
        return std::string(R"(
entity 单位 at units key id {
  input 甲: score at a
  input 乙: score at b
  input 丙: score at c
}
value 得分 of 单位 = weighted { )") + weights + R"( }
output 单位 as unit { score: 得分 }
)";
    };
    // 0.5 × 88.6 + 0.335 × 71.35 + 0.165 × 90, over the common denominator 200
    CHECK(run(policy("50% 甲  33.5% 乙  16.5% 丙"), data).field("u", "score") == "83.05225");
    auto weighted =
        kaohe::make_weighting({kaohe::Rational::fraction(1, 2), kaohe::Rational::fraction(1, 3), kaohe::Rational::fraction(1, 6)});
    CHECK(weighted.unit == 6);
    CHECK(weighted.units == std::vector<std::int64_t>{3, 2, 1});
    // Denominators whose least common multiple is too large for integer weights: exact all the same.
    weighted = kaohe::make_weighting({kaohe::Rational::fraction(1, 999999937), kaohe::Rational::fraction(999999936, 999999937)});
    CHECK(weighted.unit == 999999937);
    weighted = kaohe::make_weighting(
        {kaohe::Rational::fraction(1, 999999937), kaohe::Rational::fraction(1, 999999929),
         kaohe::Rational(1) - kaohe::Rational::fraction(1, 999999937) - kaohe::Rational::fraction(1, 999999929)});
    CHECK(weighted.unit == 0);
}

TEST_CASE("grades compare by band; a variant's text in a grade's place compares as the text it is") {
    // Two grades share the label 优秀 at different bands, and 卓越 and 优秀 share band 0; 最终, 复评
    // and 换算 are the grade 等次 until variant 从严 puts a member's own text, or the other grade,
    // in their place.
    const char* policy = R"(
input 年度: count at year
entity 县区 at counties key id {
  entity 成员 at members key id {
    input 得分: score at score
    input 自评: text at self_grade
  }
}
grade 等次 of 成员 by 得分 {
  优秀 >= 90
  称职 >= 60
  不称职 otherwise
}
grade 测评等次 of 成员 by 得分 {
  卓越 >= 95
  优秀 >= 80
  差 otherwise
}
fn 标注(x: text) = x
value 最终 of 成员 = 等次
value 末等 of 成员 = 等次
value 复评 of 成员 = 等次
value 换算 of 成员 = 等次
variant 从严 when 年度 = 3 {
  value 最终 of 成员 = if 得分 < 95 then 自评 else 等次
  value 末等 of 成员 = "不称职"
  value 复评 of 成员 = 自评
  value 换算 of 成员 = 测评等次
}
flag "优秀" of 成员 when 等次 = "优秀"
flag "非称职" of 成员 when "称职" != 等次
flag "自评相符" of 成员 when 等次 = 自评
flag "同名" of 成员 when 等次 = 测评等次
flag "最终优秀" of 成员 when 最终 = "优秀"
flag "最终同等次" of 成员 when 最终 = 等次
flag "最终同末等" of 成员 when 最终 = 末等
flag "最终同复评" of 成员 when 最终 = 复评
flag "换算优秀" of 成员 when 换算 = "优秀"
flag "换算同等次" of 成员 when 换算 != 等次
flag "末等不称职" of 成员 when 末等 = "不称职"
flag "混合" of 成员 when (if 得分 > 95 then 等次 else "称职") = "称职"
flag "同一等次" of 成员 when (if 得分 > 95 then 等次 else 最终) = "优秀"
flag "函数" of 成员 when 标注(等次) = "优秀"
value 有优秀 of 县区 = contains(成员.等次, "优秀")
value 优秀数 of 县区 = count(成员 where 等次 = "优秀")
output 成员 as member { grade: 等次  final: 最终  last: 末等  mixed: if 得分 > 95 then 等次 else "差" }
output 县区 as county { score: 优秀数  any: 有优秀 }
)";
    auto data = [](int year) {
        return R"({"year": )" + std::to_string(year) + R"(, "counties": [{"id": "A", "members": [
            {"id": "a1", "score": 92, "self_grade": "优秀"},
            {"id": "a2", "score": 85, "self_grade": "良好"},
            {"id": "a3", "score": 50, "self_grade": "优秀"},
            {"id": "a4", "score": 96, "self_grade": "称职"},
            {"id": "a5", "score": 70, "self_grade": "卓越"}]}]})";
    };
    using Flags = std::vector<std::string>;
    auto base = run(policy, data(2));
    REQUIRE(base.errors.empty());
    CHECK(base.row("a1").flags == Flags{"优秀", "非称职", "自评相符", "同名", "最终优秀", "最终同等次", "最终同末等",
                                        "最终同复评", "换算优秀", "混合", "同一等次", "函数"});
    CHECK(base.row("a3").flags == Flags{"非称职", "最终同等次", "最终同末等", "最终同复评", "末等不称职", "混合"});
    CHECK(base.row("a4").flags == Flags{"优秀", "非称职", "最终优秀", "最终同等次", "最终同末等", "最终同复评", "换算优秀",
                                        "同一等次", "函数"});
    CHECK(base.field("a4", "mixed") == "优秀");
    CHECK(base.field("A", "score") == "2.00");

    auto strict = run(policy, data(3));
    REQUIRE(strict.errors.empty());
    CHECK(strict.field("a2", "final") == "良好");
    CHECK(strict.field("a5", "final") == "卓越");
    CHECK(strict.field("a1", "last") == "不称职");
    CHECK(strict.row("a1").flags == Flags{"优秀", "非称职", "自评相符", "同名", "最终优秀", "最终同等次", "最终同复评",
                                          "换算优秀", "末等不称职", "混合", "同一等次", "函数"});
    CHECK(strict.row("a2").flags == Flags{"最终同复评", "换算优秀", "换算同等次", "末等不称职", "混合"});
    CHECK(strict.row("a3").flags == Flags{"非称职", "最终优秀", "最终同复评", "换算同等次", "末等不称职", "混合", "同一等次"});
    // 测评等次 卓越 is band 0, as 等次 优秀 is; in 换算 it is the text 卓越, not 优秀.
    CHECK(strict.row("a4").flags == Flags{"优秀", "非称职", "最终优秀", "最终同等次", "换算同等次", "末等不称职", "同一等次",
                                          "函数"});
    CHECK(strict.row("a5").flags == Flags{"最终同复评", "换算同等次", "末等不称职", "混合"});
}
