// Diagnostic codes: one small policy for every policy code in lang/diagnostic_codes.hpp, each
// reported with that code where it should be, and related spans (a duplicate points back).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "tests/checker/prelude.hpp"
#include "cli/formats/diagnostics_text.hpp"
#include "lang/loader.hpp"

namespace {


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

TEST_CASE("a record named like an enumeration points back at the enumeration") {
    auto r = check("enum 领域 { 安全, 环境 }\nrecord 领域 {\n  input 项: text at item\n}\n");
    CHECK(r.codes == Codes{"P210"});
    CHECK(r.says("类型 领域 重复定义"));
    CHECK(r.says("t.kh:10:6: 注: 首次定义在这里"));
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

namespace {

// One small policy per policy code, each after the prelude unless it says `whole`. Together
// they show every code in the table is reachable and reported where it should be.
struct Example {
    const char* code;
    std::string policy;
    bool whole = false;
};

const std::string deep = "value 甲 of 成员 = " + std::string(1200, '(') + "1" + std::string(1200, ')') + "\n";
std::string long_sum() {
    std::string sum = "value 甲 of 成员 = 1";
    for (int i = 0; i < 160'000; ++i) sum += " + 1";
    return sum + "\n";
}
const char* bands = "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  差 otherwise\n}\n";
const char* entity_with = "entity 县区 at counties key id {\n  input 甲: ";
const char* output_for_county = "\n}\noutput 县区 as county { score: 1 }\n";

const std::vector<Example> examples = {
    {"P101", "value 甲 of 成员 = 1 +\n"},
    {"P102", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n"},
    {"P103", deep},
    {"P108", long_sum()},
    {"P107", "value 甲 of 成员 = \"\xD3\xC5\xD0\xE3\"\n"},
    {"P106", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90%\n  差 otherwise\n}\n"},
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
    {"P230", "use \"./没有这个文件.kh\"\n"},
    {"P231", "use \"./t.kh\"\n"},  // the policy itself: load_program_text names it t.kh
    {"P220", "entity 市 at cities key id {\n  entity 村 at villages key id belongs to 县区 by county_id {\n  }\n}\n"},
    {"P221", "entity 甲队 at a key id belongs to 乙队 by b {\n}\nentity 乙队 at b key id belongs to 甲队 by a {\n}\n"},
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
    {"P410", "entity 地区 at cities, direct_counties, cities key id {\n}\n"},
    {"P501", "value 甲 of 成员 = weighted {\n  45% 民主测评\n  50% 实绩得分\n}\n"},
    {"P502", "value 甲 of 成员 = weighted {\n  100% 民主测评\n  0% 实绩得分\n}\n"},
    {"P503", "grade 等次 of 成员 by 民主测评 {\n}\n"},
    {"P504", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  优秀 otherwise\n}\n"},
    {"P505", "grade 等次 of 成员 by 民主测评 {\n  优秀 otherwise\n  差 >= 1\n}\n"},
    {"P506", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  称职 >= 95\n  差 otherwise\n}\n"},
    {"P507", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n}\n"},
    {"P508", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  差 otherwise\n"
             "  quota 差 share 20% per 县区 round floor order 民主测评 tie flag \"a\" excess flag \"b\"\n}\n"},
    {"P510", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 民主测评\n  差 otherwise\n}\n"},
    {"P511", "param 优秀线 = 90%\ngrade 等次 of 成员 by 民主测评 {\n  优秀 >= 优秀线\n  差 otherwise\n}\n"},
    {"P512", "value 甲 of 成员 = weighted { 民主测评 民主测评 }\n"},
    {"P513", "param 测评权重 = 100\nvalue 甲 of 成员 = weighted { 测评权重 民主测评 }\n"},
    {"P514", "value 甲 of 成员 = weighted { 100 民主测评 }\n"},
    {"P520", "value 甲 of 成员 points 10 = min(10, 民主测评)\nvalue 乙 of 成员 points 5 = 民主测评 / 20\n"
             "section 小计 of 成员 points 20: 甲, 乙\n"},
    {"P521", "value 甲 of 成员 points 10 = 民主测评 / 5\n"},
    {"P522", "value 甲 of 成员 points 10 = min(10, 民主测评)\nsection 小计 of 成员 points 20: 甲, 甲\n"},
    {"P523", "input 乙: number at b\nvalue 甲 of 成员 = 乙 * 2\nsection 小计 of 成员 points 20: 甲\n"},
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
    {"P612", "output 县区 as county { score: 实绩得分  score: 实绩得分 }\n"},
    {"P611", "input 年度: count at year\nvalue 甲 of 成员 = 1\nvariant 甲年 when 年度 = 3 {\n"
             "  value 甲 of 成员 = 民主测评 > 1\n}\n"},
    {"P620", "value 甲 of 成员 = 民主测评\n  article \"第五条\" office \"组织部\"\n"},
    {"P621", "value 甲 of 成员 = 民主测评\n  article 5\n"},
    {"P622", "value 甲 of 成员 = 民主测评\n  dept \"组织部\" dept \"人事处\"\n"},
    {"P623", "output 县区 as county { score 合计: 实绩得分 }\n"},
    {"P624", "input 年度: count at year\nvalue 甲 of 成员 points 10 = 民主测评 / 10\nvariant 甲年 when 年度 = 3 {\n"
             "  value 甲 of 成员 points 20 = 民主测评 / 5\n}\n"},
    {"P701", "value 甲 of 成员 = 乙 + 1\nvalue 乙 of 成员 = 甲 * 2\n"},
    {"P702", "value 甲 of 成员 = 民主测评\nassert: 甲 > 1 else \"x\"\n"},
    {"P703", "input 乙: number at b\nvalue 丙 = 乙 * 2\nassert: maximum(丙) <= 100 else \"x\"\n"},
    {"P314", "input 率: percent at rate\nvalue 甲 = if 率 >= 90% then 1 else 0\n"},
    {"P320", "enum 满意程度 { 满意, 基本满意, 不满意 }\ninput 满意度: 满意程度 at s\nvalue 甲 = 满意度 = \"满易\"\n"},
    {"P321", "enum 满意程度 { 满意, 基本满意, 满意 }\ninput 满意度: 满意程度 at s\n"},
    {"P322", "enum 满意程度 { 满意, 不满意 }\nenum 领域 { 安全, 环境 }\ninput 甲: 满意程度 at a\n"
             "input 乙: 领域 at b\nvalue 丙 = 甲 = 乙\n"},
    {"P323", "enum 满意程度 { 满意, 不满意 }\nfn 分(x: 满意程度) = if x = \"满意\" then 1 else 0\n"
             "input 甲: text at a\nvalue 丙 = 分(甲)\n"},
    {"P801", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 920\n  差 otherwise\n}\n"},
    {"P705", "grade 等次 of 成员 by 民主测评 {\n  优秀 >= 90\n  差 otherwise\n"
             "  quota 优秀 share 实绩得分 per 县区 round floor order 民主测评 tie flag \"a\" excess flag \"b\"\n}\n"},
    {"P704", "value 甲 of 成员 = 民主测评\nassert: maximum(甲) <= 50 else \"x\"\n"},
    // Warnings about what is unused come after the prelude's own, so these stand alone.
    {"P810", "entity 县区 at counties key id {\n  input 甲: score at a\n  input 乙: score at b\n}\n"
             "output 县区 as county { score: 甲 }\n", true},
    {"P811", "entity 县区 at counties key id {\n  input 甲: score at a\n}\n"
             "value 乙 of 县区 = 甲 * 2\noutput 县区 as county { score: 甲 }\n", true},
    {"P812", "entity 县区 at counties key id {\n  input 甲: score at a\n  input 乙: score at b\n}\n"
             "value 甲分 of 县区 = 甲\nvalue 乙分 of 县区 = 乙\nvalue 总分 of 县区 = 甲分 + 乙分\n"
             "output 县区 as county { score: round2(总分)  components: 甲分 }\n", true},
};

}  // namespace

TEST_CASE("every policy code has a policy that is reported with it") {
    std::set<std::string> shown;
    for (const auto& example : examples) {
        auto r = example.whole ? diagnostics_for(example.policy) : check(example.policy);
        INFO(example.code << "\n" << r.text);
        REQUIRE(!r.codes.empty());
        // Diagnostics come in file order, so the example's may follow another (an unused input).
        CHECK(std::find(r.codes.begin(), r.codes.end(), example.code) != r.codes.end());
        shown.insert(example.code);
    }
    for (const auto& info : kaohe::diagnostic_code_table)
        if (info.id.front() == 'P') CHECK(shown.count(std::string(info.id)) == 1);
}
