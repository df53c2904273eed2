// Grammar: what parses, what is rejected with which message, and how expressions group.
#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "cli/formats/diagnostics_text.hpp"
#include "base/read_file.hpp"
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

TEST_CASE("an enumeration lists names or quoted texts, with commas or one a line") {
    Parsed parsed = parse("enum 满意程度 { 满意, 基本满意, \"不满意\" }  # 第五条\n"
                          "enum 否决领域 {\n  党风廉政\n  “安全 生产”\n}\n");
    REQUIRE(parsed.errors.empty());
    REQUIRE(parsed.module.enums.size() == 2);
    CHECK(parsed.module.enums[1].values == std::vector<std::string>{"党风廉政", "安全 生产"});
    CHECK(kaohe::ast::print(parsed.module) ==
          "enum 满意程度 { \"满意\", \"基本满意\", \"不满意\" }  # 第五条\n"
          "enum 否决领域 { \"党风廉政\", \"安全 生产\" }\n");
    CHECK(parse("enum 满意程度 { 满意, }\n").errors ==
          "t.kh:1:17: 错误: 逗号后应为下一个枚举值\n"
          "    1 | enum 满意程度 { 满意, }\n"
          "      |                       ^\n");
    CHECK(parse("enum 满意程度 { }\n").errors ==
          "t.kh:1:13: 错误: { 后应为枚举的值, 例如 满意 或 \"基本满意\"\n"
          "    1 | enum 满意程度 { }\n"
          "      |                 ^\n");
}

TEST_CASE("an entity may read several arrays and belong to another by key") {
    Parsed parsed = parse(R"(entity 地区 at cities as 省辖市, direct_counties as 直管县, districts key id {
}
entity 工作队 at teams key id belongs to 县区 by info.county_id {
  input 得分: score at score
}
)");
    REQUIRE(parsed.errors.empty());
    const auto& m = parsed.module;
    REQUIRE(m.entities.size() == 2);
    REQUIRE(m.entities[0].arrays.size() == 3);
    CHECK(m.entities[0].arrays[1].path == "direct_counties");
    CHECK(m.entities[0].arrays[1].flag == "直管县");
    CHECK(m.entities[0].arrays[2].flag.empty());
    CHECK(m.entities[0].parent.empty());
    CHECK(m.entities[1].parent == "县区");
    CHECK(m.entities[1].parent_key == "info.county_id");
    CHECK(kaohe::ast::print(m) ==
          "entity 地区 at cities as 省辖市, direct_counties as 直管县, districts key id\n"
          "entity 工作队 at teams key id belongs to 县区 by info.county_id\n"
          "  input 得分: score at score\n");
}

TEST_CASE("a belongs to clause says what is missing") {
    CHECK(parse("entity 工作队 at teams key id belongs 县区 by county_id {\n}\n").errors ==
          "t.kh:1:36: 错误: 这里应为 to: belongs to 县区 by county_id\n"
          "    1 | entity 工作队 at teams key id belongs 县区 by county_id {\n"
          "      |                                       ^^^^\n");
    CHECK(parse("entity 工作队 at teams key id belongs to 县区 {\n}\n").errors.find(
              "这里应为 by 加存放上级编号的字段, 例如 belongs to 县区 by county_id") != std::string::npos);
    CHECK(parse("entity 地区 at cities, key id {\n}\n").errors.find("逗号后应为下一个数组字段名") != std::string::npos);
}

TEST_CASE("syntax errors name what was expected, with a caret under the spot") {
    const std::pair<const char*, const char*> table[] = {
        {"value 甲 = (1 + 2\n", "t.kh:1:17: 错误: 缺少右括号 ), 与第 1 行第 11 列的 ( 配对\n"
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
        {"valeu 甲 = 1\n", "t.kh:1:1: 错误: 这里应为一个声明: scheme、use、param、record、entity、input、require、fn、value、section、rank、grade、veto、flag、output、variant、assert 或 enum\n"
                           "    1 | valeu 甲 = 1\n"
                           "      | ^^^^^\n"},
    };
    for (const auto& [input, expected] : table) {
        INFO(input);
        CHECK(parse(input).errors == expected);
    }
}

TEST_CASE("an unclosed block says where its { is") {
    CHECK(parse("value 甲 = weighted {\n  45% 乙\n  “五十” 丙\n}\n").errors ==
          "t.kh:3:3: 错误: 这里应为权重 (例如 45%, 或 param 声明的权重名) 或结束的 }\n"
          "    3 |   “五十” 丙\n"
          "      |   ^^^^^^\n"
          "      = 提示: 这个块从第 1 行的 { 开始; 块内各行需缩进\n");
    // A nested entity left open: the inner { (line 3), not the declaration's first line.
    CHECK(parse("entity 县区 at counties key id {\n  input 甲: score at a\n  entity 成员 at members key id {\n"
                "    input 乙: score at b\n    乙乙\n  }\n}\n")
              .errors.find("这个块从第 3 行的 { 开始") != std::string::npos);
}

TEST_CASE("a missing ) names the ( it pairs with, across lines and inside other brackets") {
    // The inner ( of max( on line 2 is the one left open; the outer ( closes on line 3.
    CHECK(parse("value 甲 = round2(\n  max(1, 2\n  ) + (3\n").errors ==
          "t.kh:3:9: 错误: 缺少右括号 ), 与第 3 行第 7 列的 ( 配对\n"
          "    3 |   ) + (3\n"
          "      |         ^\n");
    // Brackets inside strings and comments do not count.
    CHECK(parse("value 甲 = if 乙 = \"(\" then (1  # (\n  else 2\n").errors.find("与第 1 行第 27 列的 ( 配对") !=
          std::string::npos);
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

namespace {

// The module printed with the comments attached to each item after it ("  # …").
std::string printed(const std::string& text) {
    Parsed parsed = parse(text);
    REQUIRE(parsed.errors == "");
    return kaohe::ast::print(parsed.module);
}

}  // namespace

TEST_CASE("comments are kept, each attached to the item it stands above or beside") {
    std::string policy =
        "# 考核办法\n"                                   // a header: a blank line below it, so nobody's
        "\n"
        "# 第九条: 综合得分\n"                           // the block directly above
        "# (续)\n"
        "value 综合 of 人 = weighted {   # 加权\n"      // beside the first line: the value's
        "  # 业绩部分\n"                                 // above an item: that item's
        "  60% 甲\n"
        "  40% 乙   # 乙的权重\n"                        // beside an item
        "  # 末尾说明\n"                                 // above the closing brace: nobody's
        "}\n"
        "flag \"#不是注释\" of 人 when 甲 > 1  # 第十条\n"  // a # inside a string is text
        "grade 等次 of 人 by 甲 {\n"
        "  优秀 >= 90  # 第十二条\n"
        "  差 otherwise\n"
        "}\n";
    Parsed parsed = parse(policy);
    REQUIRE(parsed.errors == "");
    std::vector<std::string> all;
    for (const auto& c : parsed.module.comments) all.push_back(c.text);
    CHECK(all == std::vector<std::string>{"考核办法", "第九条: 综合得分", "(续)", "加权", "业绩部分", "乙的权重",
                                          "末尾说明", "第十条", "第十二条"});
    CHECK(kaohe::ast::print(parsed.module) ==
          "value 综合 of 人 = weighted{0.6×甲, 0.4×乙}  # 第九条: 综合得分  # (续)  # 加权\n"
          "  0.6×甲  # 业绩部分\n"
          "  0.4×乙  # 乙的权重\n"
          "grade 等次 of 人 by 甲\n"
          "  优秀 >= 90  # 第十二条\n"
          "  差 otherwise\n"
          "flag \"#不是注释\"\n"
          "  of 人 when (甲 > 1)  # 第十条\n");
}

TEST_CASE("a one-line declaration takes the comment above it, not its first field") {
    CHECK(printed("# 第七条\noutput 人 as person { score: 甲  grade: 乙 }\n") ==
          "output 人 as person  # 第七条\n"
          "  score: 甲\n"
          "  grade: 乙\n");
}

TEST_CASE("the Longnan policy's 第九条 belongs to 综合得分") {
    kaohe::SourceSet sources;
    kaohe::Diagnostics diagnostics;
    auto file = sources.add("longnan.kh", kaohe::read_file(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh").text);
    auto module = kaohe::parse_module(sources, file, diagnostics);
    const kaohe::ast::ValueDecl* total = nullptr;
    for (const auto& v : module.values)
        if (v.name == "综合得分") total = &v;
    REQUIRE(total);
    REQUIRE_FALSE(total->layout.comments.empty());
    CHECK(module.comments[total->layout.comments.front()].text.starts_with("第九条"));
}

TEST_CASE("use names a stdlib module or, in quotes, a file relative to this one") {
    CHECK(printed("use votes  # 测评票\nuse \"./共用/公共指标.kh\"\nuse “../上级.kh”\n") ==
          "use votes  # 测评票\nuse \"./共用/公共指标.kh\"\nuse \"../上级.kh\"\n");
    Parsed parsed = parse("use votes\nuse \"./公共指标.kh\"\n");
    REQUIRE(parsed.module.uses.size() == 2);
    CHECK_FALSE(parsed.module.uses[0].local);
    CHECK(parsed.module.uses[1].local);
    CHECK(parsed.module.uses[1].module == "./公共指标.kh");
}
