// Checker: every problem in a policy, with its position, caret and hint.
#include <catch2/catch.hpp>

#include "tests/checker/prelude.hpp"
#include "cli/formats/diagnostics_text.hpp"
#include "lang/loader.hpp"

namespace {

// Every diagnostic for a policy text, rendered as the user sees them, but for the warnings
// about an unused input or value (P810, P811): the preludes declare inputs most tests never read
// and the tests define values only to check them. Those warnings are tested on their own in
// modules_warnings_test.cpp and tests/language/warnings.
std::string diagnostics_for(const std::string& policy) {
    auto loaded = kaohe::load_program_text("t.kh", policy);
    std::string out;
    for (const auto& d : loaded.diagnostics.all())
        if (d.code != kaohe::DiagnosticCode::unused_input && d.code != kaohe::DiagnosticCode::unused_value)
            out += kaohe::cli::diagnostic_text(d, loaded.sources);
    return out;
}

std::string check(const std::string& body) { return diagnostics_for(std::string(prelude) + body); }

// What a policy with no output declaration also gets, reported at its first line.
const std::string no_output_error =
    "t.kh:1:1: 错误: 方案没有 output 声明, 运行时没有任何结果可输出\n"
    "    1 | entity 县区 at counties key id {\n"
    "      | ^\n"
    "      = 提示: 例如 output 成员 as member { score: 综合得分 }\n";

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
    CHECK(check("value 甲 of 成员 = 民主测评 + 否决事项\n") ==
          "t.kh:10:24: 错误: 算术运算需要数值, 这里是 文本列表\n"
          "   10 | value 甲 of 成员 = 民主测评 + 否决事项\n"
          "      |                               ^^^^^^^^\n");
    CHECK(check("value 甲 of 成员 = if 民主测评 then 1 else 2\n") ==
          "t.kh:10:20: 错误: if 后应为条件 (真或假)\n"
          "   10 | value 甲 of 成员 = if 民主测评 then 1 else 2\n"
          "      |                       ^^^^^^^^\n");
    CHECK(check("value 甲 of 成员 = mean(民主测评)\n") ==
          "t.kh:10:22: 错误: mean 需要列表或下属实体集合, 这里是 数值\n"
          "   10 | value 甲 of 成员 = mean(民主测评)\n"
          "      |                         ^^^^^^^^\n");
    CHECK(check("value 甲 of 县区 = sum(成员.否决事项)\n") ==
          "t.kh:10:21: 错误: sum 需要数值列表, 例如 sum(成员.得分)\n"
          "   10 | value 甲 of 县区 = sum(成员.否决事项)\n"
          "      |                        ^^^^^^^^^^^^^\n");
}

TEST_CASE("weights must add up to 100%") {
    CHECK(check("value 甲 of 成员 = weighted {\n  45% 民主测评\n  50% 实绩得分\n}\n") ==
          "t.kh:10:17: 错误: 权重合计为 95% (45% + 50%), 应为 100%\n"
          "   10 | value 甲 of 成员 = weighted {\n"
          "      |                    ^^^^^^^^\n"
          "      = 提示: 各项权重之和必须正好是 100%\n");
}

TEST_CASE("grade bands: order, reachability and a floor") {
    CHECK(check("grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  称职 >= 95\n  基本称职 >= 60\n}\n") ==
          "t.kh:12:9: 错误: 等次 称职 的分数线 >= 95 不低于上一个等次 优秀 的 >= 90, 这个等次永远不会得到\n"
          "   12 |   称职 >= 95\n"
          "      |           ^^\n"
          "      = 提示: 等次应从高到低排列, 分数线逐级降低\n"
          "t.kh:13:3: 错误: 分数低于 60 的没有等次: 最后一个等次应为 otherwise\n"
          "   13 |   基本称职 >= 60\n"
          "      |   ^^^^^^^^\n"
          "      = 提示: 例如 基本称职 otherwise\n");
    CHECK(check("grade 等次 of 成员 by 民主测评 {\n  优秀 > 90\n  称职 >= 90\n  差 otherwise\n}\n") == "");
    CHECK(check("grade 等次 of 成员 by 民主测评 {\n  优秀 otherwise\n  差 >= 1\n}\n") ==
          "t.kh:12:3: 错误: 等次 差 在 otherwise 之后, 永远不会得到\n"
          "   12 |   差 >= 1\n"
          "      |   ^^\n"
          "      = 提示: otherwise 应是最后一个等次\n"
          "t.kh:12:3: 错误: 分数低于 1 的没有等次: 最后一个等次应为 otherwise\n"
          "   12 |   差 >= 1\n"
          "      |   ^^\n"
          "      = 提示: 例如 差 otherwise\n");
}

TEST_CASE("grade names are checked where they are compared") {
    CHECK(check("grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  差 otherwise\n}\n"
                "flag \"表扬\" of 成员 when 等次 = \"忧秀\"\n") ==
          "t.kh:14:27: 错误: “忧秀” 不是 等次 的等次 (优秀、差)\n"
          "   14 | flag \"表扬\" of 成员 when 等次 = \"忧秀\"\n"
          "      |                                 ^^^^^^\n"
          "      = 提示: 是否指 优秀？\n");
}

TEST_CASE("quotas need a pool above the graded entity and a band below") {
    CHECK(check("grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  差 otherwise\n"
                "  quota 差 share 20% per 成员 round floor order 民主测评 tie flag \"a\" excess flag \"b\"\n}\n") ==
          "t.kh:13:9: 错误: 名额限制的等次 差 之下没有等次可降\n"
          "   13 |   quota 差 share 20% per 成员 round floor order 民主测评 tie flag \"a\" excess flag \"b\"\n"
          "      |         ^^\n"
          "t.kh:13:25: 错误: 名额池 成员 应是 成员 的上级实体\n"
          "   13 |   quota 差 share 20% per 成员 round floor order 民主测评 tie flag \"a\" excess flag \"b\"\n"
          "      |                          ^^^^\n");
}

TEST_CASE("cycles are reported with their path") {
    CHECK(check("value 甲 of 成员 = 乙 + 1\nvalue 乙 of 成员 = 甲 * 2\n") ==
          "t.kh:10:7: 错误: 循环定义: 甲 → 乙 → 甲\n"
          "   10 | value 甲 of 成员 = 乙 + 1\n"
          "      |       ^^\n"
          "      = 提示: 一个值不能直接或间接地依赖它自己\n");
}

TEST_CASE("duplicates, unknown types and unknown entities") {
    // The first definition is shown too (tests/checker/codes_test.cpp).
    CHECK(check("value 甲 of 村 = 1\n") ==
          "t.kh:10:12: 错误: 未定义的实体 村\n"
          "   10 | value 甲 of 村 = 1\n"
          "      |             ^^\n");
    // Without the prelude there is no output declaration, which is reported too.
    CHECK(diagnostics_for("entity 县区 at counties key id {\n  input 甲: scor at a\n}\n") ==
          no_output_error +
          "t.kh:2:12: 错误: 未知的类型 scor\n"
          "    2 |   input 甲: scor at a\n"
          "      |             ^^^^\n"
          "      = 提示: 是否指 score？\n");
}

TEST_CASE("functions see only their parameters and may not recurse") {
    CHECK(check("fn 加倍(x: number) = x * 民主测评\n") ==
          "t.kh:10:24: 错误: 未定义的名称 民主测评 (函数体内只能使用函数的参数和 param 参数)\n"
          "   10 | fn 加倍(x: number) = x * 民主测评\n"
          "      |                          ^^^^^^^^\n");
    CHECK(check("fn 甲(x: number) = 乙(x)\nfn 乙(x: number) = 甲(x)\nvalue 丙 of 成员 = 甲(1)\n") ==
          "t.kh:11:19: 错误: 函数 甲 直接或间接调用了自己; 函数不能递归\n"
          "   11 | fn 乙(x: number) = 甲(x)\n"
          "      |                    ^^^^^\n");
    CHECK(check("fn 加倍(x: number) = x * 2\nvalue 丙 of 成员 = 加倍(\"a\")\n") ==
          "t.kh:11:20: 错误: 加倍 的第 1 个参数应为 数值, 这里是 文本\n"
          "   11 | value 丙 of 成员 = 加倍(\"a\")\n"
          "      |                         ^^^\n");
}

TEST_CASE("flag templates need their loop") {
    CHECK(check("veto of 成员 when not empty(否决事项) {\n  flag \"一票否决:{项}\"\n}\n") ==
          "t.kh:11:8: 错误: 标记文本中的 {…} 只能与 for 一起使用\n"
          "   11 |   flag \"一票否决:{项}\"\n"
          "      |        ^^^^^^^^^^^^^^^\n"
          "      = 提示: 例如 flag \"一票否决:{事项}\" for 事项 in 否决事项\n");
}

TEST_CASE("an unknown stdlib module lists the ones there are") {
    // In name order, whatever order the file system lists them in.
    CHECK(check("use vote\n") == "t.kh:10:5: 错误: 找不到标准库模块 vote (" + kaohe::stdlib_directory() + "/vote.kh)\n"
                                 "   10 | use vote\n"
                                 "      |     ^^^^\n"
                                 "      = 提示: 可用的模块: scoring、votes\n");
}

TEST_CASE("the shipped policies check cleanly") {
    for (const char* name : {"policies/longnan", "policies/jiangxi", "policies/guangdong", "examples/teams"}) {
        auto loaded = kaohe::load_program_file(std::string(KAOHE_SOURCE_DIR) + "/" + name + ".kh");
        INFO(name << "\n" << kaohe::cli::diagnostics_text(loaded.diagnostics, loaded.sources));
        CHECK(loaded.diagnostics.all().empty());  // no error, and no warning either
        CHECK(loaded.program.has_value());
    }
}

TEST_CASE("declared ranges must make sense") {
    auto errors = [](const char* input) {
        return diagnostics_for(std::string("entity 县区 at counties key id {\n  ") + input + "\n}\n");
    };
    CHECK(errors("input 甲: number in 5..1 at a") ==
          no_output_error +
          "t.kh:2:19: 错误: 取值范围的下限大于上限\n"
          "    2 |   input 甲: number in 5..1 at a\n"
          "      |                    ^^^^^^^\n");
    CHECK(errors("input 甲: score in 0..120 at a") ==
          no_output_error +
          "t.kh:2:18: 错误: 取值范围超出了 score 本身的范围\n"
          "    2 |   input 甲: score in 0..120 at a\n"
          "      |                   ^^^^^^^^^\n");
    CHECK(errors("input 甲: text in 0..1 at a") ==
          no_output_error +
          "t.kh:2:17: 错误: 取值范围只能用于数值类型\n"
          "    2 |   input 甲: text in 0..1 at a\n"
          "      |                  ^^^^^^^\n");
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
    CHECK(check_variant("assert: maximum(甲) >= 80% * maximum(合计) else \"甲应占八成\"\n") ==
          "t.kh:11:9: 错误: 断言不成立: 甲应占八成\n"
          "   11 | assert: maximum(甲) >= 80% * maximum(合计) else \"甲应占八成\"\n"
          "      |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
          "      = 提示: 按声明的输入范围算得 maximum(甲) = 30, maximum(合计) = 40\n");
}

TEST_CASE("assert: an unbounded value is reported, not guessed") {
    CHECK(check_variant("value 丙 of 村 = 金额 * 2\nassert: maximum(丙) <= 100 else \"x\"\n") ==
          "t.kh:12:9: 错误: 无法确定 丙 的上限\n"
          "   12 | assert: maximum(丙) <= 100 else \"x\"\n"
          "      |         ^^^^^^^^^^^\n"
          "      = 提示: 为它用到的输入声明取值范围 (例如 number in 0..100), 或用 min/max 限定\n");
}

TEST_CASE("variants replace base values, and asserts can be made inside them") {
    const char* variant = "variant 第三年 when 年度 = 3 {\n  value 甲 of 村 = 60 * 率 / 100\n}\n";
    CHECK(check_variant(std::string(variant) + "assert in 第三年: maximum(甲) = 60 else \"x\"\n"
                                               "assert: maximum(甲) = 30 else \"y\"\n") == "");
    CHECK(check_variant(std::string(variant) + "assert in 第3年: maximum(甲) = 60 else \"x\"\n") ==
          "t.kh:14:11: 错误: 未定义的变体 第3年\n"
          "   14 | assert in 第3年: maximum(甲) = 60 else \"x\"\n"
          "      |           ^^^^^\n"
          "      = 提示: 是否指 第三年？\n");
}

TEST_CASE("variants are checked") {
    CHECK(check_variant("variant 甲年 when 年度 = 3 {\n  value 丁 of 村 = 1\n}\n") ==
          "t.kh:12:9: 错误: 变体 甲年 中的 丁 没有可替换的基础定义\n"
          "   12 |   value 丁 of 村 = 1\n"
          "      |         ^^\n"
          "      = 提示: 变体只能替换方案中已有的 value\n");
    CHECK(check_variant("variant 甲年 when 年度 = 3 {\n  value 甲 of 村 = 率 > 1\n}\n") ==
          "t.kh:12:18: 错误: 变体 甲年 中 甲 的类型为 条件, 基础定义为 数值\n"
          "   12 |   value 甲 of 村 = 率 > 1\n"
          "      |                    ^^^^^^\n");
    CHECK(check_variant("variant 甲年 when count(村) > 3 {\n  value 甲 of 村 = 1\n}\n") ==
          "t.kh:11:17: 错误: 变体的条件应为只用方案级输入的条件, 例如 考核年度 = 3\n"
          "   11 | variant 甲年 when count(村) > 3 {\n"
          "      |                   ^^^^^^^^^^^^^\n");
    // 率 is an input of 村, which a variant's condition cannot see: said so, not "是否指 村？".
    CHECK(check_variant("variant 甲年 when 率 > 3 {\n  value 甲 of 村 = 1\n}\n") ==
          "t.kh:11:17: 错误: 率 定义在 村 上, 在 方案 这里用不到\n"
          "   11 | variant 甲年 when 率 > 3 {\n"
          "      |                   ^^\n"
          "      = 提示: 村 的每一行有自己的 率: 在 方案 上可以汇总它, 例如 mean(村.率)\n");
}

TEST_CASE("maximum outside an assert is explained") {
    CHECK(check_variant("value 丙 of 村 = maximum(甲)\n") ==
          "t.kh:11:16: 错误: maximum 只能用在 assert 中: 它是方案检查时算出的可能最大 (最小) 值\n"
          "   11 | value 丙 of 村 = maximum(甲)\n"
          "      |                  ^^^^^^^^^^^\n");
}

TEST_CASE("hidden conditions are never offered as hints") {
    // The veto's condition is kept as a hidden value named 一票否决#1: close, but never offered.
    CHECK(check("veto of 成员 when not empty(否决事项) {\n  flag \"否决\"\n}\nvalue 甲 of 成员 = 一票否决 + 1\n") ==
          "t.kh:13:17: 错误: 未定义的名称 一票否决\n"
          "   13 | value 甲 of 成员 = 一票否决 + 1\n"
          "      |                    ^^^^^^^^\n");
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

TEST_CASE("a definition keeps the comments on its declaration, for explanations to quote") {
    auto loaded = kaohe::load_program_file(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    REQUIRE(loaded.program);
    auto comments_of = [&](const std::string& name) {
        for (const auto& symbol : loaded.program->symbols)
            if (symbol.name == name) return symbol.comments;
        FAIL("no symbol " << name);
        return std::vector<std::string>{};
    };
    REQUIRE_FALSE(comments_of("综合得分").empty());
    CHECK(comments_of("综合得分").front().starts_with("第九条: 综合得分 = 实绩×45%"));
    CHECK(comments_of("实绩得分") == std::vector<std::string>{"第八条 1: 经济社会发展实绩考核得分"});
    CHECK(comments_of("市级领导评价").empty());
}

TEST_CASE("a name defined on another entity says where it is, not that it is unknown") {
    CHECK(check("output 县区 as county { score: 民主测评 }\n") ==
          "t.kh:10:30: 错误: 民主测评 定义在 成员 上, 在 县区 这里用不到\n"
          "   10 | output 县区 as county { score: 民主测评 }\n"
          "      |                                ^^^^^^^^\n"
          "      = 提示: 成员 的每一行有自己的 民主测评: 在 县区 上可以汇总它, 例如 mean(成员.民主测评)\n");
}

TEST_CASE("an indicator keeps its points and metadata, and a section its members, in the program") {
    auto loaded = kaohe::load_program_text("t.kh", std::string(prelude) +
        "value 测评分 of 成员 points 60 = 民主测评 * 0.6\n"
        "  article \"第九条(一)\" dept \"组织部\" source \"民主测评票\"\n"
        "value 实绩分 of 成员 points 40 = 实绩得分 * 0.4\n"
        "section 个人总分 of 成员 points 100: 测评分, 实绩分\n"
        "  article \"第九条\"\n");
    REQUIRE(loaded.program);
    const auto& program = *loaded.program;
    auto symbol_of = [&](const std::string& name) -> const kaohe::Symbol& {
        for (kaohe::SymbolId id : program.symbols.ids())
            if (program.symbols[id].name == name) return program.symbols[id];
        FAIL("no symbol " << name);
        throw;
    };
    const auto& score = symbol_of("测评分");
    CHECK(score.info.article == "第九条(一)");
    CHECK(score.info.department == "组织部");
    CHECK(score.info.source == "民主测评票");
    CHECK(score.points == kaohe::Rational(60));
    CHECK(symbol_of("实绩分").info.empty());
    const auto& total = symbol_of("个人总分");
    CHECK(total.info.article == "第九条");
    CHECK(total.points == kaohe::Rational(100));
    REQUIRE(program.sections.size() == 1);
    const auto& section = program.sections.front();
    CHECK(program.symbols[section.symbol].name == "个人总分");
    REQUIRE(section.members.size() == 2);
    CHECK(program.symbols[section.members[0]].name == "测评分");
    CHECK(program.symbols[section.members[1]].name == "实绩分");
}

TEST_CASE("a section whose parts do not add up says which, with each part") {
    CHECK(check("value 甲 of 成员 points 15 = min(15, 民主测评)\nvalue 乙 of 成员 = 民主测评 / 10\n"
                "section 小计 of 成员 points 20: 甲, 乙\n") ==
          "t.kh:12:25: 错误: 小计 声明 20 分, 各项分值合计 25 分: 甲 15、乙 10 (最高可得)\n"
          "   12 | section 小计 of 成员 points 20: 甲, 乙\n"
          "      |                             ^^\n"
          "      = 提示: 调整 points 或各项的分值, 使合计为 20 分\n");
}
