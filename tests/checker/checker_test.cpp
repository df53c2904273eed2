// Checker: every problem in a policy, with its position, caret and hint.
#include <catch2/catch.hpp>

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

// Every diagnostic for a policy text, rendered as the user sees them.
std::string diagnostics_for(const std::string& policy) {
    auto loaded = kaohe::load_program_text("t.kh", policy);
    return kaohe::render_all(loaded.diagnostics, loaded.sources);
}

std::string check(const std::string& body) { return diagnostics_for(std::string(prelude) + body); }

}  // namespace

TEST_CASE("a well-formed policy checks cleanly") {
    CHECK(check("value 甲 of 成员 = 民主测评 * 2 + 实绩得分\n") == "");
}

TEST_CASE("an unknown name is reported once, with a suggestion") {
    CHECK(check("value 甲 of 成员 = 民主测平 + 民主测平\n") ==
          "t.kh:10:17: 错误: 未定义的名称 民主测平\n"
          "   10 | value 甲 of 成员 = 民主测平 + 民主测平\n"
          "      |                    ^^^^^^^^\n"
          "      = 提示: 是否指 民主测评？\n");
}

TEST_CASE("type errors say what was found") {
    CHECK(check("value 甲 of 成员 = 民主测评 + 否决事项\n").find("算术运算需要数值, 这里是 文本列表") != std::string::npos);
    CHECK(check("value 甲 of 成员 = if 民主测评 then 1 else 2\n").find("if 后应为条件") != std::string::npos);
    CHECK(check("value 甲 of 成员 = mean(民主测评)\n").find("mean 需要列表或下属实体集合, 这里是 数值") != std::string::npos);
    CHECK(check("value 甲 of 县区 = sum(成员.否决事项)\n").find("sum 需要数值列表") != std::string::npos);
}

TEST_CASE("weights must add up to 100%") {
    auto errors = check("value 甲 of 成员 = weighted {\n  45% 民主测评\n  50% 实绩得分\n}\n");
    CHECK(errors.find("权重合计为 95%, 应为 100%") != std::string::npos);
    CHECK(errors.find("t.kh:10:17:") != std::string::npos);
}

TEST_CASE("grade bands: order, reachability and a floor") {
    auto errors = check("grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  称职 >= 95\n  基本称职 >= 60\n}\n");
    CHECK(errors.find("称职 的分数线 >= 95 不低于上一个等次 优秀 的 >= 90") != std::string::npos);
    CHECK(errors.find("分数低于 60 的没有等次") != std::string::npos);
    CHECK(check("grade 等次 of 成员 by 民主测评 {\n  优秀 > 90\n  称职 >= 90\n  差 otherwise\n}\n") == "");
    CHECK(check("grade 等次 of 成员 by 民主测评 {\n  优秀 otherwise\n  差 >= 1\n}\n").find("在 otherwise 之后") !=
          std::string::npos);
}

TEST_CASE("grade names are checked where they are compared") {
    auto errors = check("grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  差 otherwise\n}\n"
                        "flag \"表扬\" of 成员 when 等次 = \"忧秀\"\n");
    CHECK(errors.find("“忧秀” 不是 等次 的等次 (优秀、差)") != std::string::npos);
    CHECK(errors.find("是否指 优秀？") != std::string::npos);
}

TEST_CASE("quotas need a pool above the graded entity and a band below") {
    auto errors = check("grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  差 otherwise\n"
                        "  quota 差 share 20% per 成员 round floor order 民主测评 tie flag \"a\" excess flag \"b\"\n}\n");
    CHECK(errors.find("之下没有等次可降") != std::string::npos);
    CHECK(errors.find("名额池 成员 应是 成员 的上级实体") != std::string::npos);
}

TEST_CASE("cycles are reported with their path") {
    auto errors = check("value 甲 of 成员 = 乙 + 1\nvalue 乙 of 成员 = 甲 * 2\n");
    CHECK(errors.find("循环定义: 甲 → 乙 → 甲") != std::string::npos);
}

TEST_CASE("duplicates, unknown types and unknown entities") {
    CHECK(check("value 甲 of 成员 = 1\nvalue 甲 of 成员 = 2\n").find("名称 甲 重复定义") != std::string::npos);
    CHECK(check("value 甲 of 村 = 1\n").find("未定义的实体 村") != std::string::npos);
    CHECK(diagnostics_for("entity 县区 at counties key id {\n  input 甲: scor at a\n}\n").find("是否指 score？") !=
          std::string::npos);
}

TEST_CASE("functions see only their parameters and may not recurse") {
    CHECK(check("fn 加倍(x: number) = x * 民主测评\n").find("函数体内只能使用参数") != std::string::npos);
    CHECK(check("fn 甲(x: number) = 乙(x)\nfn 乙(x: number) = 甲(x)\nvalue 丙 of 成员 = 甲(1)\n").find("不能递归") !=
          std::string::npos);
    CHECK(check("fn 加倍(x: number) = x * 2\nvalue 丙 of 成员 = 加倍(\"a\")\n").find("第 1 个参数应为 数值") !=
          std::string::npos);
}

TEST_CASE("flag templates need their loop") {
    CHECK(check("veto of 成员 when not empty(否决事项) {\n  flag \"一票否决:{项}\"\n}\n").find("只能与 for 一起使用") !=
          std::string::npos);
}

TEST_CASE("an unknown stdlib module lists the ones there are") {
    auto errors = check("use vote\n");
    CHECK(errors.find("找不到标准库模块 vote") != std::string::npos);
    CHECK(errors.find("votes") != std::string::npos);
}

TEST_CASE("the shipped policies check cleanly") {
    auto loaded = kaohe::load_program_file(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    CHECK(kaohe::render_all(loaded.diagnostics, loaded.sources) == "");
    CHECK(loaded.program.has_value());
}

TEST_CASE("declared ranges must make sense") {
    auto errors = [](const char* input) {
        return diagnostics_for(std::string("entity 县区 at counties key id {\n  ") + input + "\n}\n");
    };
    CHECK(errors("input 甲: number in 5..1 at a").find("下限大于上限") != std::string::npos);
    CHECK(errors("input 甲: score in 0..120 at a").find("超出了 score 本身的范围") != std::string::npos);
    CHECK(errors("input 甲: text in 0..1 at a").find("只能用于数值类型") != std::string::npos);
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

std::string check_variant(const std::string& body) { return diagnostics_for(std::string(variant_prelude) + body); }

}  // namespace

TEST_CASE("assert: maximum and minimum follow declared input ranges through the expressions") {
    CHECK(check_variant("assert: maximum(合计) = 40 and minimum(合计) = 0 else \"x\"\n") == "");
    CHECK(check_variant("assert: maximum(乙) = 10 and minimum(乙) = 0 else \"x\"\n") == "");
    auto failed = check_variant("assert: maximum(甲) >= 80% * maximum(合计) else \"甲应占八成\"\n");
    CHECK(failed.find("断言不成立: 甲应占八成") != std::string::npos);
    CHECK(failed.find("maximum(甲) = 30, maximum(合计) = 40") != std::string::npos);
}

TEST_CASE("assert: an unbounded value is reported, not guessed") {
    auto errors = check_variant("value 丙 of 村 = 金额 * 2\nassert: maximum(丙) <= 100 else \"x\"\n");
    CHECK(errors.find("无法确定 丙 的上限") != std::string::npos);
}

TEST_CASE("variants replace base values, and asserts can be made inside them") {
    const char* variant = "variant 第三年 when 年度 = 3 {\n  value 甲 of 村 = 60 * 率 / 100\n}\n";
    CHECK(check_variant(std::string(variant) + "assert in 第三年: maximum(甲) = 60 else \"x\"\n"
                                               "assert: maximum(甲) = 30 else \"y\"\n") == "");
    CHECK(check_variant(std::string(variant) + "assert in 第3年: maximum(甲) = 60 else \"x\"\n")
              .find("是否指 第三年？") != std::string::npos);
}

TEST_CASE("variants are checked") {
    CHECK(check_variant("variant 甲年 when 年度 = 3 {\n  value 丁 of 村 = 1\n}\n").find("没有可替换的基础定义") !=
          std::string::npos);
    CHECK(check_variant("variant 甲年 when 年度 = 3 {\n  value 甲 of 村 = 率 > 1\n}\n").find("基础定义为 数值") !=
          std::string::npos);
    CHECK(check_variant("variant 甲年 when count(村) > 3 {\n  value 甲 of 村 = 1\n}\n").find("只用方案级输入的条件") !=
          std::string::npos);
    CHECK(check_variant("variant 甲年 when 率 > 3 {\n  value 甲 of 村 = 1\n}\n").find("未定义的名称 率") !=
          std::string::npos);
}

TEST_CASE("maximum outside an assert is explained") {
    CHECK(check_variant("value 丙 of 村 = maximum(甲)\n").find("只能用在 assert 中") != std::string::npos);
}

TEST_CASE("hidden conditions are never offered as hints") {
    auto errors = check("veto of 成员 when not empty(否决事项) {\n  flag \"否决\"\n}\nvalue 甲 of 成员 = 一票否决 + 1\n");
    CHECK(errors.find("未定义的名称 一票否决") != std::string::npos);
    CHECK(errors.find("#") == std::string::npos);
}

namespace {

// Two grades whose labels overlap, a data text and a text function: a grade stands for a text
// wherever the language lets a text go, and its own labels are checked where it meets a literal.
const char* grade_prelude = R"(input 年度: count at year
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
output 成员 as member { grade: 等次 }
)";

std::string check_grades(const std::string& body) { return diagnostics_for(std::string(grade_prelude) + body); }

}  // namespace

TEST_CASE("a grade stands for a text where a text may go") {
    CHECK(check_grades("flag \"a\" of 成员 when 等次 = \"优秀\" or \"称职\" != 等次\n") == "");
    CHECK(check_grades("flag \"a\" of 成员 when 等次 = 自评\n") == "");
    CHECK(check_grades("flag \"a\" of 成员 when 等次 = 测评等次\n") == "");
    CHECK(check_grades("value 甲 of 成员 = if 得分 > 95 then 等次 else \"差\"\n") == "");
    CHECK(check_grades("value 甲 of 成员 = if 得分 > 95 then \"特优\" else 等次\n") == "");
    CHECK(check_grades("value 甲 of 成员 = if 得分 > 95 then 等次 else 测评等次\n") == "");
    CHECK(check_grades("value 甲 of 成员 = 标注(等次)\n") == "");
    CHECK(check_grades("value 甲 of 县区 = contains(成员.等次, \"优秀\")\n") == "");
    CHECK(check_grades("variant 从严 when 年度 = 3 {\n  value 最终 of 成员 = 自评\n}\n") == "");
    CHECK(check_grades("variant 从严 when 年度 = 3 {\n  value 最终 of 成员 = \"不称职\"\n}\n") == "");
}

TEST_CASE("a grade's labels are checked against a literal, and only its own") {
    CHECK(check_grades("flag \"a\" of 成员 when 等次 = \"卓越\"\n").find("“卓越” 不是 等次 的等次 (优秀、称职、不称职)") !=
          std::string::npos);
    CHECK(check_grades("flag \"a\" of 成员 when \"忧秀\" != 测评等次\n").find("“忧秀” 不是 测评等次 的等次") !=
          std::string::npos);
    // Through a value and an if whose branches are the same grade, it is still that grade.
    CHECK(check_grades("flag \"a\" of 成员 when 最终 = \"差\"\n").find("“差” 不是 等次 的等次") != std::string::npos);
    CHECK(check_grades("flag \"a\" of 成员 when (if 得分 > 95 then 等次 else 最终) = \"差\"\n").find("不是 等次 的等次") !=
          std::string::npos);
    // An if that mixes a grade with a text, a list of grades, and what a text function returns are
    // texts: any text may be compared with them.
    CHECK(check_grades("flag \"a\" of 成员 when (if 得分 > 95 then 等次 else \"差\") = \"忧秀\"\n") == "");
    CHECK(check_grades("flag \"a\" of 成员 when (if 得分 > 95 then 等次 else 测评等次) = \"忧秀\"\n") == "");
    CHECK(check_grades("value 甲 of 县区 = contains(成员.等次, \"忧秀\")\n") == "");
    CHECK(check_grades("flag \"a\" of 成员 when 标注(等次) = \"忧秀\"\n") == "");
    // A variant that replaces a grade-valued value by a text leaves it that grade.
    CHECK(check_grades("variant 从严 when 年度 = 3 {\n  value 最终 of 成员 = 自评\n}\n"
                       "flag \"a\" of 成员 when 最终 = \"差\"\n")
              .find("“差” 不是 等次 的等次") != std::string::npos);
}

TEST_CASE("a grade is not a number") {
    CHECK(check_grades("flag \"a\" of 成员 when 等次 = 1\n").find("无法比较 文本 和 数值") != std::string::npos);
    CHECK(check_grades("value 甲 of 成员 = if 得分 > 95 then 等次 else 1\n").find("then 和 else 的类型不同: 文本 和 数值") !=
          std::string::npos);
    CHECK(check_grades("variant 从严 when 年度 = 3 {\n  value 最终 of 成员 = 1\n}\n").find("基础定义为 文本") !=
          std::string::npos);
}

TEST_CASE("a label compared with a grade becomes that grade's band when checked") {
    auto loaded = kaohe::load_program_text(
        "t.kh", std::string(grade_prelude) + "flag \"a\" of 成员 when 等次 = \"称职\" and \"不称职\" != 最终\n"
                                             "flag \"b\" of 成员 when (if 得分 > 95 then 等次 else \"差\") = \"称职\"\n");
    REQUIRE(loaded.program);
    const kaohe::CheckedExpr& both = *loaded.program->flags[0].condition;
    const kaohe::CheckedExpr& equal = *both.args[0];
    CHECK(equal.args[1]->constant.band == kaohe::BandIndex(1));
    CHECK(equal.args[1]->type.grade == equal.args[0]->type.grade);
    const kaohe::CheckedExpr& not_equal = *both.args[1];
    CHECK(not_equal.args[0]->constant.band == kaohe::BandIndex(2));
    CHECK(not_equal.args[0]->type.grade == not_equal.args[1]->type.grade);
    // An if that mixes the grade with a text is a text; what it is compared with stays a text.
    const kaohe::CheckedExpr& mixed = *loaded.program->flags[1].condition;
    CHECK_FALSE(mixed.args[0]->type.grade);
    CHECK_FALSE(mixed.args[1]->constant.band);
}
