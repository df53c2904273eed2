// The output formats on hand-made result rows: the exact bytes each one writes, quoting and
// escaping, alignment under Chinese text, and the format table --format is checked against.
#include <catch2/catch.hpp>

#include "cli/formats/formats.hpp"

namespace {

using kaohe::Cell;
using kaohe::ResultRow;

Cell decimal(std::string text) { return {Cell::Kind::decimal, std::move(text), false}; }
Cell integer(std::string text) { return {Cell::Kind::integer, std::move(text), false}; }
Cell text(std::string value) { return {Cell::Kind::text, std::move(value), false}; }
Cell boolean(bool value) { return {Cell::Kind::boolean, "", value}; }

std::vector<ResultRow> two_kinds() {
    return {
        {"A1", "county", {{"name", text("武都区")}, {"score", decimal("91.50")}}, {}, {}},
        {"A-M01", "member", {{"name", text("张三")}, {"score", decimal("88.60")}, {"rank", integer("1")}},
         {{"满意", boolean(true)}}, {"诫勉谈话", "待研究确定"}},
        {"A-M02", "member", {{"name", text("Li, \"Si\"")}, {"score", decimal("7.00")}, {"rank", integer("2")}},
         {{"满意", boolean(false)}}, {}},
    };
}

}  // namespace

TEST_CASE("the format table: table is the default, names are unique and found") {
    auto formats = kaohe::cli::formats();
    REQUIRE(formats.size() == 3);
    CHECK(formats.front().name == "table");
    CHECK(kaohe::cli::format_names("|") == "table|json|csv");
    for (const auto& format : formats) CHECK(kaohe::cli::find_format(format.name) == &format);
    CHECK(kaohe::cli::find_format("xml") == nullptr);
    CHECK(kaohe::cli::find_format("") == nullptr);
}

TEST_CASE("json: typed cells, a null grade when there is none, escaped text") {
    std::vector<ResultRow> rows{{"C\"1\\\n\x01", "county", {{"score", decimal("89.995")}, {"rank", integer("3")}},
                                 {{"民主", decimal("90.00")}}, {"标记"}}};
    CHECK(kaohe::cli::render_json(rows) ==
          "{\n \"results\": [\n  {\n   \"id\": \"C\\\"1\\\\\\n\\u0001\",\n   \"entity\": \"county\",\n"
          "   \"score\": \"89.995\",\n   \"rank\": 3,\n   \"grade\": null,\n   \"flags\": [\"标记\"],\n"
          "   \"components\": {\n    \"民主\": \"90.00\"\n   }\n  }\n ]\n}\n");
    CHECK(kaohe::cli::render_json({}) == "{\n \"results\": []\n}\n");
}

TEST_CASE("table: a block per kind, columns aligned in display cells") {
    CHECK(kaohe::cli::render_table(two_kinds()) ==
          "[county]\n"
          "id  name    score  flags\n"
          "A1  武都区  91.50  \n"
          "\n"
          "[member]\n"
          "id     name      score  rank  满意  flags\n"
          "A-M01  张三      88.60  1     是    诫勉谈话、待研究确定\n"
          "A-M02  Li, \"Si\"  7.00   2     否    \n");
}

TEST_CASE("csv: byte order mark, CRLF, a header per kind, quoted commas and quotes") {
    CHECK(kaohe::cli::render_csv(two_kinds()) ==
          "\xEF\xBB\xBF"
          "entity,id,name,score,flags\r\n"
          "county,A1,武都区,91.50,\r\n"
          "entity,id,name,score,rank,满意,flags\r\n"
          "member,A-M01,张三,88.60,1,是,诫勉谈话、待研究确定\r\n"
          "member,A-M02,\"Li, \"\"Si\"\"\",7.00,2,否,\r\n");
}

TEST_CASE("grouped components: a nested object in json, 组.名 columns in table and csv") {
    ResultRow row{"A1", "county", {{"score", decimal("74.00")}}, {{"成效", decimal("54.00")}, {"甲", decimal("27.00")},
                  {"乙", decimal("27.00")}, {"丙", decimal("20.00")}}, {}, {"", "明细", "明细", "帮扶"}};
    CHECK(kaohe::cli::render_json({row}) ==
          "{\n \"results\": [\n  {\n   \"id\": \"A1\",\n   \"entity\": \"county\",\n   \"score\": \"74.00\",\n"
          "   \"grade\": null,\n   \"flags\": [],\n   \"components\": {\n    \"成效\": \"54.00\",\n"
          "    \"明细\": {\n     \"甲\": \"27.00\",\n     \"乙\": \"27.00\"\n    },\n"
          "    \"帮扶\": {\n     \"丙\": \"20.00\"\n    }\n   }\n  }\n ]\n}\n");
    CHECK(kaohe::cli::render_csv({row}) ==
          "\xEF\xBB\xBF" "entity,id,score,成效,明细.甲,明细.乙,帮扶.丙,flags\r\n"
          "county,A1,74.00,54.00,27.00,27.00,20.00,\r\n");
}

TEST_CASE("json with provenance: the results, then where they came from") {
    kaohe::cli::Provenance provenance{"陇南班子成员考核",
                                      "2017",
                                      {{"policies/longnan.kh", "ab12"}, {"stdlib/votes.kh", "cd34"}},
                                      "data.json",
                                      "ef56",
                                      {{"实绩权重", "45%"}, {"优秀线", "90"}}};
    std::string out = kaohe::cli::render_json({}, provenance);
    CHECK(out == "{\n \"results\": [],\n \"provenance\": {\n  \"scheme\": \"陇南班子成员考核\",\n  \"version\": \"2017\",\n  \"kaohe\": \"" KAOHE_VERSION
                 "\",\n  \"policy\": [{\"file\": \"policies/longnan.kh\", \"sha256\": \"ab12\"}, "
                 "{\"file\": \"stdlib/votes.kh\", \"sha256\": \"cd34\"}],\n"
                 "  \"data\": {\"file\": \"data.json\", \"sha256\": \"ef56\"},\n"
                 "  \"parameters\": {\"实绩权重\": \"45%\", \"优秀线\": \"90\"}\n }\n}\n");
    // With rows, the results keep the exact bytes of the contract before the provenance.
    std::vector<ResultRow> rows = two_kinds();
    std::string plain = kaohe::cli::render_json(rows);
    CHECK(kaohe::cli::render_json(rows, provenance).rfind(plain.substr(0, plain.size() - 3), 0) == 0);
}
