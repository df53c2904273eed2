// Grammar: what parses, what is rejected with which message, and how expressions group.
#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "cli/formats/diagnostics_text.hpp"
#include "lang/ast_printer.hpp"
#include "lang/grammar.hpp"
#include "lang/parser.hpp"

namespace {

struct Parsed {
    kaohe::ast::Module module;
    std::string errors;
};

Parsed parse(const std::string& text) {
    kaohe::SourceSet sources;
    kaohe::Diagnostics diagnostics;
    auto file = sources.add("t.kh", text);
    Parsed parsed{kaohe::parse_module(sources, file, diagnostics), kaohe::cli::diagnostics_text(diagnostics, sources)};
    return parsed;
}

std::string expression(const std::string& text) {
    Parsed parsed = parse("value x = " + text + "\n");
    if (!parsed.errors.empty()) return parsed.errors;
    return kaohe::ast::print(*parsed.module.values.at(0).expr);
}

}  // namespace

TEST_CASE("the grammar has no rule that can loop without consuming input") {
    CHECK(tao::pegtl::analyze<kaohe::grammar::chunk>(1) == 0);
}

TEST_CASE("expressions group by precedence, left to right") {
    const std::pair<const char*, const char*> table[] = {
        {"1 + 2 * 3", "(1 + (2 * 3))"},
        {"1 - 2 - 3", "((1 - 2) - 3)"},
        {"(1 + 2) * 3", "((1 + 2) * 3)"},
        {"a >= 90 and not b or c", "(((a >= 90) and (not b)) or c)"},
        {"a ≥ 90", "(a >= 90)"},
        {"a × b ÷ c", "((a * b) / c)"},
        {"-a + 1", "((-a) + 1)"},
        {"票.优秀 * 1.0", "(票.优秀 * 1)"},
        {"if a then 20% else 15%", "(if a then 0.2 else 0.15)"},
        {"count(成员 where 得分 >= 90)", "count(成员 where (得分 >= 90))"},
        {"mean(成员.得分)", "mean(成员.得分)"},
        {"weighted { 45% 甲  55% 乙 }", "weighted{0.45×甲, 0.55×乙}"},
        {"\"一票否决\" = “一票否决”", "(\"一票否决\" = \"一票否决\")"},
    };
    for (const auto& [input, printed] : table) {
        INFO(input);
        CHECK(expression(input) == printed);
    }
}

TEST_CASE("keywords are not names, but names may start with them") {
    CHECK(expression("outputs + valueX") == "(outputs + valueX)");
    CHECK(parse("value of = 1\n").errors.find("value 后应为名称") != std::string::npos);
}

TEST_CASE("each declaration parses into its AST") {
    Parsed parsed = parse(R"(scheme 测试 2017
use votes
entity 县区 at counties key id {
  input 得分: score at performance_score
  input 名次: optional list of count at rank_history
  entity 成员 at members key id {
    input 票: 票数 at votes
  }
}
rank 名次 of 成员 by 得分 asc within 县区
grade 等次 of 成员 by 得分 {
  优秀 >= 90
  称职 > 80
  其他 otherwise
  quota 优秀 share 20% per 县区 round floor order 得分 desc, 票 asc tie flag "并列" excess flag "超额"
}
veto of 成员 when not empty(否决) {
  cap 等次 at 称职
  flag "一票否决:{项}" for 项 in 否决
}
flag "诫勉谈话" of 成员 when 等次 = "基本称职"
output 成员 as member { score: 得分  components: 甲, 乙 }
)");
    REQUIRE(parsed.errors.empty());
    const auto& m = parsed.module;
    CHECK(m.scheme_name == "测试");
    REQUIRE(m.entities.size() == 1);
    CHECK(m.entities[0].inputs[1].type.optional);
    CHECK(m.entities[0].inputs[1].type.list);
    CHECK(m.entities[0].children[0].inputs[0].type.name == "票数");
    CHECK_FALSE(m.ranks[0].descending);
    CHECK(m.ranks[0].within.name == "县区");
    REQUIRE(m.grades[0].bands.size() == 3);
    CHECK(m.grades[0].bands[1].edge == kaohe::ast::BandEdge::above);
    CHECK(m.grades[0].quotas[0].order.size() == 2);
    CHECK(m.grades[0].quotas[0].tie_flag == "并列");
    CHECK(m.vetoes[0].flags[0].loop_var == "项");
    CHECK(m.flags[0].flag.text == "诫勉谈话");
    CHECK(m.outputs[0].items[1].values.size() == 2);
}

TEST_CASE("syntax errors name what was expected, with a caret under the spot") {
    const std::pair<const char*, const char*> table[] = {
        {"value 甲 = (1 + 2\n", "t.kh:1:17: 错误: 缺少右括号 )\n"
                                "    1 | value 甲 = (1 + 2\n"
                                "      |                  ^\n"},
        {"entity 县区 at counties key id {\n  input 得分 score at x\n}\n",
         "t.kh:2:12: 错误: 这里应为冒号 :\n"
         "    2 |   input 得分 score at x\n"
         "      |              ^^^^^\n"},
        {"grade 等次 of 成员 by 得分 {\n  优秀 90\n}\n",
         "t.kh:2:6: 错误: 等次名后应为 >= 分数线、> 分数线 或 otherwise\n"
         "    2 |   优秀 90\n"
         "      |        ^^\n"},
        {"valeu 甲 = 1\n", "t.kh:1:1: 错误: 这里应为一个声明: scheme、use、record、entity、input、fn、value、rank、grade、veto、flag、output、variant 或 assert\n"
                           "    1 | valeu 甲 = 1\n"
                           "      | ^^^^^\n"},
    };
    for (const auto& [input, expected] : table) {
        INFO(input);
        CHECK(parse(input).errors == expected);
    }
}

TEST_CASE("an unclosed block says where it started") {
    auto errors = parse("value 甲 = weighted {\n  45% 乙\n  五十 丙\n}\n").errors;
    CHECK(errors.find("这里应为权重百分比") != std::string::npos);
    CHECK(errors.find("这个块从第 1 行开始") != std::string::npos);
}

TEST_CASE("one error per broken declaration, and parsing goes on") {
    auto errors = parse("value 甲 = 1 +\nvalue 乙 = (2\nvalue 丙 = 3\nvalue 丁 = *\n").errors;
    CHECK(errors.find("t.kh:1:") != std::string::npos);
    CHECK(errors.find("t.kh:2:") != std::string::npos);
    CHECK(errors.find("t.kh:3:") == std::string::npos);
    CHECK(errors.find("t.kh:4:") != std::string::npos);
}

TEST_CASE("unterminated strings are reported on their line") {
    auto errors = parse("flag \"诫勉谈话 of 成员 when 甲\n").errors;
    CHECK(errors.find("字符串缺少结尾的引号") != std::string::npos);
}

TEST_CASE("pathological nesting is an error, not a crash") {
    std::string deep = "value 甲 = " + std::string(5000, '(') + "1" + std::string(5000, ')') + "\n";
    CHECK(parse(deep).errors.find("表达式嵌套过深") != std::string::npos);
    std::string minus;
    for (int i = 0; i < 20000; ++i) minus += "- ";
    CHECK(parse("value 甲 = " + minus + "1\n").errors.find("表达式嵌套过深") != std::string::npos);
}
