// Checker: every problem in a policy, with its code, position, caret and hint.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "cli/formats/diagnostics_text.hpp"
#include "lang/loader.hpp"

namespace {

const char* prelude = R"(entity 县区 at counties key id {
  input 实绩得分: score at performance_score
  input 评分: list of score at scores
  entity 成员 at members key id {
    input 民主测评: score at democratic
    input 否决事项: list of text at vetoes
  }
}
output 成员 as member { score: 民主测评 }
)";

using Codes = std::vector<std::string>;

// What the checker said about a policy: every diagnostic as the user reads it, and the codes
// of the same diagnostics in the same order.
struct Checked {
    std::string text;
    Codes codes;
    bool says(const std::string& part) const { return text.find(part) != std::string::npos; }
};

Checked diagnostics_for(const std::string& policy) {
    auto loaded = kaohe::load_program_text("t.kh", policy);
    Checked checked{kaohe::cli::diagnostics_text(loaded.diagnostics, loaded.sources), {}};
    for (const auto& d : loaded.diagnostics.all()) checked.codes.emplace_back(kaohe::code_info(d.code).id);
    return checked;
}

Checked check(const std::string& body) { return diagnostics_for(std::string(prelude) + body); }

}  // namespace

TEST_CASE("a well-formed policy checks cleanly") {
    auto r = check("value 甲 of 成员 = 民主测评 * 2 + 实绩得分\n");
    CHECK(r.codes == Codes{});
    CHECK(r.text == "");
}

TEST_CASE("an unknown name is reported once, with a suggestion") {
    auto r = check("value 甲 of 成员 = 民主测平 + 民主测平\n");
    CHECK(r.codes == Codes{"P201"});
    CHECK(r.text ==
          "t.kh:10:17: 错误: 未定义的名称 民主测平\n"
          "   10 | value 甲 of 成员 = 民主测平 + 民主测平\n"
          "      |                    ^^^^^^^^\n"
          "      = 提示: 是否指 民主测评？\n");
}

TEST_CASE("type errors say what was found") {
    auto arithmetic = check("value 甲 of 成员 = 民主测评 + 否决事项\n");
    CHECK(arithmetic.codes == Codes{"P301"});
    CHECK(arithmetic.says("算术运算需要数值, 这里是 文本列表"));
    auto condition = check("value 甲 of 成员 = if 民主测评 then 1 else 2\n");
    CHECK(condition.codes == Codes{"P302"});
    CHECK(condition.says("if 后应为条件"));
    auto mean = check("value 甲 of 成员 = mean(民主测评)\n");
    CHECK(mean.codes == Codes{"P306"});
    CHECK(mean.says("mean 需要列表或下属实体集合, 这里是 数值"));
    auto sum = check("value 甲 of 县区 = sum(成员.否决事项)\n");
    CHECK(sum.codes == Codes{"P306"});
    CHECK(sum.says("sum 需要数值列表"));
}

TEST_CASE("weights must add up to 100%") {
    auto r = check("value 甲 of 成员 = weighted {\n  45% 民主测评\n  50% 实绩得分\n}\n");
    CHECK(r.codes == Codes{"P501"});
    CHECK(r.says("t.kh:10:17: 错误: 权重合计为 95%, 应为 100%"));
}

TEST_CASE("a zero weight is a warning, and a policy with only warnings checks") {
    auto loaded = kaohe::load_program_text("t.kh", std::string(prelude) +
                                                       "value 甲 of 成员 = weighted {\n  100% 民主测评\n  0% 实绩得分\n}\n");
    REQUIRE(loaded.diagnostics.all().size() == 1);
    CHECK(loaded.diagnostics.all()[0].code == kaohe::DiagnosticCode::zero_weight);
    CHECK(loaded.diagnostics.all()[0].severity == kaohe::Severity::warning);
    CHECK(kaohe::cli::diagnostics_text(loaded.diagnostics, loaded.sources).find("t.kh:12:3: 警告: 权重为 0 的项不影响结果") == 0);
    CHECK(loaded.program.has_value());
}

TEST_CASE("grade bands: order, reachability and a floor") {
    auto r = check("grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  称职 >= 95\n  基本称职 >= 60\n}\n");
    CHECK(r.codes == Codes{"P506", "P507"});
    CHECK(r.says("称职 的分数线 >= 95 不低于上一个等次 优秀 的 >= 90"));
    CHECK(r.says("分数低于 60 的没有等次"));
    CHECK(check("grade 等次 of 成员 by 民主测评 {\n  优秀 > 90\n  称职 >= 90\n  差 otherwise\n}\n").codes == Codes{});
    auto after = check("grade 等次 of 成员 by 民主测评 {\n  优秀 otherwise\n  差 >= 1\n}\n");
    CHECK(after.codes == Codes{"P505", "P507"});
    CHECK(after.says("在 otherwise 之后"));
}

TEST_CASE("grade names are checked where they are compared") {
    auto r = check("grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  差 otherwise\n}\n"
                   "flag \"表扬\" of 成员 when 等次 = \"忧秀\"\n");
    CHECK(r.codes == Codes{"P209"});
    CHECK(r.says("“忧秀” 不是 等次 的等次 (优秀、差)"));
    CHECK(r.says("是否指 优秀？"));
}

TEST_CASE("quotas need a pool above the graded entity and a band below") {
    auto r = check("grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  差 otherwise\n"
                   "  quota 差 share 20% per 成员 round floor order 民主测评 tie flag \"a\" excess flag \"b\"\n}\n");
    CHECK(r.codes == Codes{"P508", "P213"});
    CHECK(r.says("之下没有等次可降"));
    CHECK(r.says("名额池 成员 应是 成员 的上级实体"));
}

TEST_CASE("cycles are reported with their path") {
    auto r = check("value 甲 of 成员 = 乙 + 1\nvalue 乙 of 成员 = 甲 * 2\n");
    CHECK(r.codes == Codes{"P701"});
    CHECK(r.says("循环定义: 甲 → 乙 → 甲"));
}

TEST_CASE("duplicates, unknown types and unknown entities") {
    auto duplicate = check("value 甲 of 成员 = 1\nvalue 甲 of 成员 = 2\n");
    CHECK(duplicate.codes == Codes{"P210"});
    CHECK(duplicate.says("名称 甲 重复定义"));
    auto entity = check("value 甲 of 村 = 1\n");
    CHECK(entity.codes == Codes{"P203"});
    CHECK(entity.says("未定义的实体 村"));
    auto type = diagnostics_for("entity 县区 at counties key id {\n  input 甲: scor at a\n}\n");
    CHECK(type.codes == Codes{"P204", "P603"});
    CHECK(type.says("是否指 score？"));
}

TEST_CASE("a duplicate points back at the first definition") {
    auto r = check("value 甲 of 成员 = 1\nvalue 甲 of 成员 = 2\n");
    CHECK(r.codes == Codes{"P210"});
    CHECK(r.text ==
          "t.kh:11:7: 错误: 名称 甲 重复定义\n"
          "   11 | value 甲 of 成员 = 2\n"
          "      |       ^^\n"
          "t.kh:10:7: 注: 首次定义在这里\n"
          "   10 | value 甲 of 成员 = 1\n"
          "      |       ^^\n");
}

TEST_CASE("functions see only their parameters and may not recurse") {
    auto parameters = check("fn 加倍(x: number) = x * 民主测评\n");
    CHECK(parameters.codes == Codes{"P201"});
    CHECK(parameters.says("函数体内只能使用参数"));
    auto recursion = check("fn 甲(x: number) = 乙(x)\nfn 乙(x: number) = 甲(x)\nvalue 丙 of 成员 = 甲(1)\n");
    CHECK(recursion.codes == Codes{"P313"});
    CHECK(recursion.says("不能递归"));
    auto argument = check("fn 加倍(x: number) = x * 2\nvalue 丙 of 成员 = 加倍(\"a\")\n");
    CHECK(argument.codes == Codes{"P306"});
    CHECK(argument.says("第 1 个参数应为 数值"));
}

TEST_CASE("flag templates need their loop") {
    auto r = check("veto of 成员 when not empty(否决事项) {\n  flag \"一票否决:{项}\"\n}\n");
    CHECK(r.codes == Codes{"P602"});
    CHECK(r.says("只能与 for 一起使用"));
}

TEST_CASE("an unknown stdlib module lists the ones there are") {
    auto r = check("use vote\n");
    CHECK(r.codes == Codes{"P206"});
    CHECK(r.says("找不到标准库模块 vote"));
    CHECK(r.says("votes"));
}

TEST_CASE("the shipped policies check cleanly") {
    auto loaded = kaohe::load_program_file(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    CHECK(kaohe::cli::diagnostics_text(loaded.diagnostics, loaded.sources) == "");
    CHECK(loaded.program.has_value());
}

TEST_CASE("declared ranges must make sense") {
    auto errors = [](const char* input) {
        return diagnostics_for(std::string("entity 县区 at counties key id {\n  ") + input + "\n}\n" +
                               "output 县区 as county { score: 1 }\n");
    };
    auto inverted = errors("input 甲: number in 5..1 at a");
    CHECK(inverted.codes == Codes{"P404"});
    CHECK(inverted.says("下限大于上限"));
    auto outside = errors("input 甲: score in 0..120 at a");
    CHECK(outside.codes == Codes{"P405"});
    CHECK(outside.says("超出了 score 本身的范围"));
    auto text = errors("input 甲: text in 0..1 at a");
    CHECK(text.codes == Codes{"P403"});
    CHECK(text.says("只能用于数值类型"));
}

namespace {

const char* variant_prelude = R"(input 年度: count in 1..3 at cycle_year
entity 村 at villages key id {
  input 率: percent at rate
  input 次数: count at visits
  input 金额: number at amount
}
value 甲 of 村 = 30 * 率 / 100
value 乙 of 村 = 10 - min(10, 次数)
value 合计 of 村 = 甲 + 乙
output 村 as village { score: 合计 }
)";

Checked check_variant(const std::string& body) { return diagnostics_for(std::string(variant_prelude) + body); }

}  // namespace

TEST_CASE("assert: maximum and minimum follow declared input ranges through the expressions") {
    CHECK(check_variant("assert: maximum(合计) = 40 and minimum(合计) = 0 else \"x\"\n").codes == Codes{});
    CHECK(check_variant("assert: maximum(乙) = 10 and minimum(乙) = 0 else \"x\"\n").codes == Codes{});
    auto failed = check_variant("assert: maximum(甲) >= 80% * maximum(合计) else \"甲应占八成\"\n");
    CHECK(failed.codes == Codes{"P704"});
    CHECK(failed.says("断言不成立: 甲应占八成"));
    CHECK(failed.says("maximum(甲) = 30, maximum(合计) = 40"));
}

TEST_CASE("assert: an unbounded value is reported, not guessed") {
    auto r = check_variant("value 丙 of 村 = 金额 * 2\nassert: maximum(丙) <= 100 else \"x\"\n");
    CHECK(r.codes == Codes{"P703"});
    CHECK(r.says("无法确定 丙 的上限"));
}

TEST_CASE("variants replace base values, and asserts can be made inside them") {
    const char* variant = "variant 第三年 when 年度 = 3 {\n  value 甲 of 村 = 60 * 率 / 100\n}\n";
    CHECK(check_variant(std::string(variant) + "assert in 第三年: maximum(甲) = 60 else \"x\"\n"
                                               "assert: maximum(甲) = 30 else \"y\"\n")
              .codes == Codes{});
    auto unknown = check_variant(std::string(variant) + "assert in 第3年: maximum(甲) = 60 else \"x\"\n");
    CHECK(unknown.codes == Codes{"P207"});
    CHECK(unknown.says("是否指 第三年？"));
}

TEST_CASE("variants are checked") {
    auto no_base = check_variant("variant 甲年 when 年度 = 3 {\n  value 丁 of 村 = 1\n}\n");
    CHECK(no_base.codes == Codes{"P609"});
    CHECK(no_base.says("没有可替换的基础定义"));
    auto type = check_variant("variant 甲年 when 年度 = 3 {\n  value 甲 of 村 = 率 > 1\n}\n");
    CHECK(type.codes == Codes{"P611"});
    CHECK(type.says("基础定义为 数值"));
    auto condition = check_variant("variant 甲年 when count(村) > 3 {\n  value 甲 of 村 = 1\n}\n");
    CHECK(condition.codes == Codes{"P610"});
    CHECK(condition.says("只用方案级输入的条件"));
    auto scheme_only = check_variant("variant 甲年 when 率 > 3 {\n  value 甲 of 村 = 1\n}\n");
    CHECK(scheme_only.codes == Codes{"P201"});
    CHECK(scheme_only.says("未定义的名称 率"));
}

TEST_CASE("maximum outside an assert is explained") {
    auto r = check_variant("value 丙 of 村 = maximum(甲)\n");
    CHECK(r.codes == Codes{"P312"});
    CHECK(r.says("只能用在 assert 中"));
}

TEST_CASE("hidden conditions are never offered as hints") {
    auto r = check("veto of 成员 when not empty(否决事项) {\n  flag \"否决\"\n}\nvalue 甲 of 成员 = 一票否决 + 1\n");
    CHECK(r.codes == Codes{"P201"});
    CHECK(r.says("未定义的名称 一票否决"));
    CHECK(!r.says("#"));
}

namespace {

// One small policy per policy code, each after the prelude unless it says `whole`. Together
// they show every code in the table is reachable and reported where it should be.
struct Example {
    const char* code;
    std::string policy;
    bool whole = false;
};

const std::string deep = "value 甲 of 成员 = " + std::string(1200, '(') + "1" + std::string(1200, ')') + "\n";
const char* bands = "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  差 otherwise\n}\n";
const char* entity_with = "entity 县区 at counties key id {\n  input 甲: ";
const char* output_for_county = "\n}\noutput 县区 as county { score: 1 }\n";

const std::vector<Example> examples = {
    {"P101", "value 甲 of 成员 = 1 +\n"},
    {"P102", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n"},
    {"P103", deep},
    {"P104", "grade 等次 of 成员 by 民主测评 {\n  优秀 < 90\n  差 otherwise\n}\n"},
    {"P105", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  差 otherwise\n"
             "  quota 优秀 share 20% per 县区 round up order 民主测评 tie flag \"a\" excess flag \"b\"\n}\n"},
    {"P201", "value 甲 of 成员 = 民主测平\n"},
    {"P202", "value 甲 of 成员 = 平均(评分)\n"},
    {"P203", "value 甲 of 村 = 1\n"},
    {"P204", "fn 甲(x: scor) = 1\n"},
    {"P205", "record 票 {\n  input 优: count at a\n}\nfn 甲(x: 票) = x.良\n"},
    {"P206", "use vote\n"},
    {"P207", "assert in 第三年: 1 > 0 else \"x\"\n"},
    {"P208", "veto of 成员 when not empty(否决事项) {\n  cap 等级 at 称职\n}\n"},
    {"P209", std::string(bands) + "flag \"表扬\" of 成员 when 等次 = \"忧秀\"\n"},
    {"P210", "value 甲 of 成员 = 1\nvalue 甲 of 成员 = 2\n"},
    {"P211", "value 甲 of 成员 = 1\nvalue 甲 of 县区 = 2\nassert: maximum(甲) <= 2 else \"x\"\n"},
    {"P212", "value 甲 of 成员 = count(县区)\n"},
    {"P213", "rank 名次 of 县区 by 实绩得分 within 成员\n"},
    {"P301", "value 甲 of 成员 = 民主测评 + 否决事项\n"},
    {"P302", "value 甲 of 成员 = if 民主测评 then 1 else 2\n"},
    {"P303", "veto of 成员 when not empty(否决事项) {\n  flag \"否决:{项}\" for 项 in 评分\n}\n"},
    {"P304", "value 甲 of 成员 = 民主测评 = 否决事项\n"},
    {"P305", "value 甲 of 成员 = if 民主测评 > 1 then 1 else \"a\"\n"},
    {"P306", "value 甲 of 县区 = sum(成员.否决事项)\n"},
    {"P307", "value 甲 of 成员 = round2(1, 2)\n"},
    {"P308", "value 甲 of 成员 = 民主测评.甲\n"},
    {"P309", "value 甲 of 成员 = count(否决事项 where 民主测评 > 1)\n"},
    {"P310", "value 甲 of 县区 = 成员\n"},
    {"P311", "value 甲 of 成员 = 民主测评 / 0\n"},
    {"P312", "value 甲 of 成员 = maximum(民主测评)\n"},
    {"P313", "fn 甲(x: number) = 乙(x)\nfn 乙(x: number) = 甲(x)\nvalue 丙 of 成员 = 甲(1)\n"},
    {"P401", std::string(entity_with) + "optional score at a" + output_for_county, true},
    {"P402", std::string(entity_with) + "nonempty score at a" + output_for_county, true},
    {"P403", std::string(entity_with) + "text in 0..1 at a" + output_for_county, true},
    {"P404", std::string(entity_with) + "number in 5..1 at a" + output_for_county, true},
    {"P405", std::string(entity_with) + "score in 0..120 at a" + output_for_county, true},
    {"P406", "record 甲 {\n  input 一: count at a\n}\nrecord 乙 {\n  input 二: 甲 at b\n}\n"},
    {"P501", "value 甲 of 成员 = weighted {\n  45% 民主测评\n  50% 实绩得分\n}\n"},
    {"P502", "value 甲 of 成员 = weighted {\n  100% 民主测评\n  0% 实绩得分\n}\n"},
    {"P503", "grade 等次 of 成员 by 民主测评 {\n}\n"},
    {"P504", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  优秀 otherwise\n}\n"},
    {"P505", "grade 等次 of 成员 by 民主测评 {\n  优秀 otherwise\n  差 >= 1\n}\n"},
    {"P506", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  称职 >= 95\n  差 otherwise\n}\n"},
    {"P507", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n}\n"},
    {"P508", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  差 otherwise\n"
             "  quota 差 share 20% per 县区 round floor order 民主测评 tie flag \"a\" excess flag \"b\"\n}\n"},
    {"P601", "veto of 成员 when not empty(否决事项) {\n  flag \"否决\" for 项 in 否决事项\n}\n"},
    {"P602", "veto of 成员 when not empty(否决事项) {\n  flag \"一票否决:{项}\"\n}\n"},
    {"P603", "entity 县区 at counties key id {\n  input 甲: score at a\n}\n", true},
    {"P604", "output 成员 as member { score: 民主测评 }\n"},
    {"P605", "output 县区 as county { id: 实绩得分 }\n"},
    {"P606", "output 县区 as county { score: 实绩得分, 实绩得分 }\n"},
    {"P607", "output 县区 as county { components: 实绩得分 + 1 }\n"},
    {"P608", "output 县区 as county { score: 评分 }\n"},
    {"P609", "input 年度: count at year\nvariant 甲年 when 年度 = 3 {\n  value 丁 of 成员 = 1\n}\n"},
    {"P610", "value 甲 of 成员 = 1\nvariant 甲年 when count(成员) > 3 {\n  value 甲 of 成员 = 2\n}\n"},
    {"P611", "input 年度: count at year\nvalue 甲 of 成员 = 1\nvariant 甲年 when 年度 = 3 {\n"
             "  value 甲 of 成员 = 民主测评 > 1\n}\n"},
    {"P701", "value 甲 of 成员 = 乙 + 1\nvalue 乙 of 成员 = 甲 * 2\n"},
    {"P702", "value 甲 of 成员 = 民主测评\nassert: 甲 > 1 else \"x\"\n"},
    {"P703", "input 乙: number at b\nvalue 丙 = 乙 * 2\nassert: maximum(丙) <= 100 else \"x\"\n"},
    {"P704", "value 甲 of 成员 = 民主测评\nassert: maximum(甲) <= 50 else \"x\"\n"},
};

}  // namespace

TEST_CASE("every policy code has a policy that is reported with it") {
    std::set<std::string> shown;
    for (const auto& example : examples) {
        auto r = example.whole ? diagnostics_for(example.policy) : check(example.policy);
        INFO(example.code << "\n" << r.text);
        REQUIRE(!r.codes.empty());
        CHECK(r.codes.front() == example.code);
        shown.insert(example.code);
    }
    for (const auto& info : kaohe::diagnostic_code_table)
        if (!kaohe::is_data_code(info.code)) CHECK(shown.count(std::string(info.id)) == 1);
}
