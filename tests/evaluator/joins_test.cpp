// A join by key evaluates exactly as nesting: the same rules over the same teams give the same
// results (values, ranks within the parent, quotas per parent, flags), before and after a what-if.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "runtime/run.hpp"

namespace {

const char* rules = R"(
value 队均分 of 县区 = if empty(工作队) then 0 else mean(工作队.工作队得分 where 驻村天数 >= 200)
value 综合得分 of 县区 = weighted {
  70% 县区得分
  30% 队均分
}
value 相对得分 of 工作队 = 工作队得分 - 队均分
rank 县内名次 of 工作队 by 工作队得分 desc within 县区
grade 等次 of 工作队 by 工作队得分 {
  优秀 >= 80
  合格 otherwise
  quota 优秀 share 50% per 县区 round floor order 工作队得分 desc tie flag "并列" excess flag "超额"
}
output 县区 as county { score: 综合得分 }
output 工作队 as team { score: 相对得分  rank: 县内名次  grade: 等次 }
)";

const char* nested = R"(entity 县区 at counties key id {
  input 县区得分: score at score
  entity 工作队 at teams key id {
    input 工作队得分: score at score
    input 驻村天数: count at days
  }
}
)";

const char* joined = R"(entity 县区 at counties key id {
  input 县区得分: score at score
}
entity 工作队 at teams key id belongs to 县区 by county_id {
  input 工作队得分: score at score
  input 驻村天数: count at days
}
)";

const char* nested_data = R"({"counties": [
  {"id": "A", "score": 80, "teams": [{"id": "T1", "score": 95, "days": 250}, {"id": "T3", "score": 91, "days": 210},
                                     {"id": "T4", "score": 91, "days": 100}, {"id": "T6", "score": 85, "days": 300}]},
  {"id": "B", "score": 90, "teams": [{"id": "T2", "score": 60, "days": 220}, {"id": "T5", "score": 88, "days": 200}]},
  {"id": "C", "score": 50, "teams": []}]})";

const char* flat_data = R"({"counties": [{"id": "A", "score": 80}, {"id": "B", "score": 90}, {"id": "C", "score": 50}],
  "teams": [{"id": "T1", "county_id": "A", "score": 95, "days": 250}, {"id": "T2", "county_id": "B", "score": 60, "days": 220},
            {"id": "T3", "county_id": "A", "score": 91, "days": 210}, {"id": "T4", "county_id": "A", "score": 91, "days": 100},
            {"id": "T5", "county_id": "B", "score": 88, "days": 200}, {"id": "T6", "county_id": "A", "score": 85, "days": 300}]})";

std::unique_ptr<kaohe::Run> evaluate(const std::string& policy, const std::string& data) {
    auto compiled = kaohe::compile(kaohe::load_program_text("t.kh", policy));
    REQUIRE(compiled);
    std::vector<kaohe::DataError> errors;
    auto document = kaohe::parse_data(data, "t.json", errors);
    REQUIRE(document);
    auto run = std::make_unique<kaohe::Run>(compiled, document);
    REQUIRE(run->evaluate());
    return run;
}

// Every result row as a line, sorted: the two runs list the teams in their data's order.
std::vector<std::string> lines(kaohe::Run& run) {
    std::vector<std::string> out;
    for (const auto& row : run.results()) {
        std::string line = row.id;
        for (const auto& [key, cell] : row.fields) line += " " + std::string(key) + "=" + cell.text;
        for (const auto& flag : row.flags) line += " !" + flag;
        out.push_back(line);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("a join by key gives the results of the same teams nested") {
    auto by_nesting = evaluate(std::string(nested) + rules, nested_data);
    auto by_key = evaluate(std::string(joined) + rules, flat_data);
    CHECK(lines(*by_key) == lines(*by_nesting));
    // and the rules did something: A's mean is (95 + 91 + 85) / 3, T3 lost 优秀 to the quota
    auto all = lines(*by_key);
    CHECK(std::find(all.begin(), all.end(), "A score=83.10") != all.end());
    CHECK(std::find_if(all.begin(), all.end(), [](const std::string& l) { return l.rfind("T3 ", 0) == 0; })
              ->find("!") != std::string::npos);

    for (auto* run : {by_nesting.get(), by_key.get()}) {
        const auto& program = run->policy().program;
        auto weight = kaohe::find_weight(program, "综合得分", "队均分");
        REQUIRE(weight);
        run->set_weight(*weight, *kaohe::Rational::parse("0.5"));
        auto other = kaohe::find_weight(program, "综合得分", "县区得分");
        REQUIRE(other);
        run->set_weight(*other, *kaohe::Rational::parse("0.5"));
        REQUIRE(run->reevaluate());
    }
    CHECK(lines(*by_key) == lines(*by_nesting));
    all = lines(*by_key);
    CHECK(std::find(all.begin(), all.end(), "A score=85.166666666667") != all.end());  // 40 + 90.33… / 2
}
