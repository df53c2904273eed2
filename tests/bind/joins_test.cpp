// Joins by key and entities read from several arrays, at the level of the tables: a joined
// entity's rows are regrouped by parent so each parent's children are one range, results come
// out in the document's order, and error paths name the array a row came from.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "runtime/run.hpp"

namespace {

const char* policy = R"(entity 县区 at counties key id {
  input 县区得分: score at score
}
entity 工作队 at teams key id belongs to 县区 by county_id {
  input 工作队得分: score at score
  entity 队员 at members key id {
    input 队员得分: score at score
  }
}
entity 地区 at cities as 省辖市, direct_counties as 直管县 key id {
  input 得分: score at score
}
value 队数 of 县区 = count(工作队)
value 队员数 of 县区 = count(队员)
value 县区分 of 工作队 = 县区得分
value 类别分 of 地区 = if 直管县 then 1 else 0
output 县区 as county { score: 队数  count: 队员数 }
output 工作队 as team { score: 县区分 }
output 地区 as region { score: 类别分 }
)";

std::unique_ptr<kaohe::Run> run_on(const std::string& json) {
    static const auto compiled = kaohe::compile(kaohe::load_program_text("t.kh", policy));
    REQUIRE(compiled);
    std::vector<kaohe::DataError> errors;
    auto document = kaohe::parse_data(json, "t.json", errors);
    REQUIRE(document);
    auto run = std::make_unique<kaohe::Run>(compiled, document);
    return run;
}

const char* data = R"({
  "counties": [{"id": "A", "score": 10}, {"id": "B", "score": 20}],
  "teams": [
    {"id": "T1", "county_id": "B", "score": 1, "members": [{"id": "M1", "score": 1}]},
    {"id": "T2", "county_id": "A", "score": 2, "members": [{"id": "M2", "score": 1}, {"id": "M3", "score": 1}]},
    {"id": "T3", "county_id": "B", "score": 3, "members": []}
  ],
  "cities": [{"id": "C1", "score": 1}],
  "direct_counties": [{"id": "D1", "score": 1}, {"id": "D2", "score": 1}]
})";

kaohe::EntityId entity_named(const kaohe::Program& program, const std::string& name) {
    for (kaohe::EntityId e : program.entities.ids())
        if (program.entities[e].name == name) return e;
    FAIL("no entity " << name);
    return {};
}

}  // namespace

TEST_CASE("a joined entity's rows are grouped by parent, each parent's children one range") {
    auto run = run_on(data);
    REQUIRE(run->errors().empty());
    const auto& program = run->policy().program;
    kaohe::EntityId county = entity_named(program, "县区"), team = entity_named(program, "工作队"),
                    member = entity_named(program, "队员");
    CHECK(program.entities[team].parent == county);
    const auto& teams = run->tables().entities[team];
    CHECK(teams.ids == std::vector<std::string>{"T2", "T1", "T3"});
    CHECK(teams.parent_row == std::vector<std::uint32_t>{0, 1, 1});
    CHECK(teams.ranges[county] == std::vector<kaohe::RowRange>{{0, 1}, {1, 3}});
    CHECK(teams.document_order == std::vector<std::uint32_t>{1, 0, 2});
    // children of the joined rows follow them: M2, M3 under T2 (now row 0), then M1 under T1
    const auto& members = run->tables().entities[member];
    CHECK(members.ids == std::vector<std::string>{"M2", "M3", "M1"});
    CHECK(members.ranges[county] == std::vector<kaohe::RowRange>{{0, 2}, {2, 3}});
}

TEST_CASE("results of a joined entity come in the document's order, values from the parent") {
    auto run = run_on(data);
    REQUIRE(run->evaluate());
    std::vector<std::string> order;
    std::vector<std::string> scores;
    for (const auto& row : run->results()) {
        order.push_back(row.id);
        scores.push_back(row.fields.front().second.text);
    }
    CHECK(order == std::vector<std::string>{"A", "B", "T1", "T2", "T3", "C1", "D1", "D2"});
    CHECK(scores == std::vector<std::string>{"1.00", "2.00", "20.00", "10.00", "20.00", "0.00", "1.00", "1.00"});
}

TEST_CASE("an entity read from several arrays keeps each row's array for its path") {
    auto run = run_on(R"({"counties": [], "teams": [],
      "cities": [{"id": "C1", "score": 1}],
      "direct_counties": [{"id": "D1", "score": 1}, {"id": "D2", "score": 101}]})");
    REQUIRE(run->errors().size() == 1);
    CHECK(run->errors()[0].id == "D2");
    CHECK(run->errors()[0].path == "$.direct_counties[1].score");
    const auto& program = run->policy().program;
    const auto& regions = run->tables().entities[entity_named(program, "地区")];
    CHECK(regions.array_of_row == std::vector<std::uint32_t>{0, 1, 1});
}

TEST_CASE("a join of many rows is one hash lookup a row") {
    std::string json = R"({"counties": [)";
    const int counties = 2000, teams = 20000;
    for (int i = 0; i < counties; ++i)
        json += (i ? "," : "") + fmt::format("{{\"id\": \"K{}\", \"score\": 1}}", i);
    json += R"(], "teams": [)";
    for (int i = 0; i < teams; ++i)
        json += (i ? "," : "") + fmt::format("{{\"id\": \"T{}\", \"county_id\": \"K{}\", \"score\": 1, \"members\": []}}",
                                             i, (i * 7919) % counties);
    json += R"(], "cities": [], "direct_counties": []})";
    auto run = run_on(json);
    REQUIRE(run->errors().empty());
    REQUIRE(run->evaluate());
    const auto& program = run->policy().program;
    const auto& table = run->tables().entities[entity_named(program, "工作队")];
    for (std::uint32_t row = 1; row < table.size(); ++row) REQUIRE(table.parent_row[row - 1] <= table.parent_row[row]);
    std::size_t total = 0;
    for (auto [begin, end] : table.ranges[entity_named(program, "县区")]) total += end - begin;
    CHECK(total == teams);
}
