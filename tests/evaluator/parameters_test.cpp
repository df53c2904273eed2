// Parameters: a run that binds them (from the data's 实施方案 or a parameters file) must give
// exactly what the policy edited to those values gives, and a bound set that breaks a rule
// `check` verified for the defaults is one data error, not a result.
#include <catch2/catch.hpp>

#include "tests/evaluator/text_files.hpp"
#include "runtime/run.hpp"

namespace {

using kaohe::test::read;
using kaohe::test::replace;

struct Outcome {
    std::string results;  // every row, one line each
    std::vector<kaohe::DataError> errors;
};

Outcome run(const std::string& policy, const std::string& data, const std::string& parameters = "") {
    auto loaded = kaohe::load_program_text("t.kh", policy);
    REQUIRE(loaded.program);
    std::vector<kaohe::DataError> errors;
    auto document = kaohe::parse_data(data, "d.json", errors);
    REQUIRE(document);
    std::vector<kaohe::ParameterFile> file;
    if (!parameters.empty()) {
        file.push_back({kaohe::parse_data(parameters, "p.json", errors), "p.json"});
        REQUIRE(file.back().document);
    }
    kaohe::Run evaluation(kaohe::compile(std::move(loaded)), document, file);
    Outcome outcome;
    if (!evaluation.evaluate()) {
        outcome.errors = evaluation.errors();
        return outcome;
    }
    for (const auto& row : evaluation.results()) {
        outcome.results += row.id;
        for (const auto& [key, cell] : row.fields) outcome.results += " " + std::string(key) + "=" + cell.text;
        for (const auto& flag : row.flags) outcome.results += " !" + flag;
        outcome.results += "\n";
    }
    return outcome;
}

// The Longnan example with a yearly 实施方案 object in front of its counties.
std::string with_plan(const std::string& data, const std::string& plan) {
    return replace(data, "{", "{\"实施方案\": " + plan + ",");
}

}  // namespace

TEST_CASE("weights and thresholds bound from the data equal the policy edited to them") {
    std::string policy = read(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    std::string data = read(std::string(KAOHE_SOURCE_DIR) + "/examples/longnan-2017.json");
    std::string edited = replace(replace(replace(policy, "param 民主测评权重 = 10%", "param 民主测评权重 = 15%"),
                                         "param 实绩权重 = 45%", "param 实绩权重 = 40%"),
                                 "param 优秀线 = 90", "param 优秀线 = 85");
    Outcome expected = run(edited, data);
    REQUIRE(expected.errors.empty());
    CHECK(expected.results != run(policy, data).results);

    // Percent parameters in the data are points, like a percent input, or a text with %.
    Outcome from_data = run(policy, with_plan(data, R"({"实绩权重": 40, "民主测评权重": "15%", "优秀线": 85})"));
    REQUIRE(from_data.errors.empty());
    CHECK(from_data.results == expected.results);

    // A parameters file wins over the data.
    Outcome from_file = run(policy, with_plan(data, R"({"实绩权重": 30, "优秀线": 99})"),
                            R"({"实绩权重": "40%", "民主测评权重": 15, "优秀线": 85})");
    REQUIRE(from_file.errors.empty());
    CHECK(from_file.results == expected.results);
}

TEST_CASE("a bound set of parameters is verified once, naming the parameters") {
    std::string policy = read(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    std::string data = read(std::string(KAOHE_SOURCE_DIR) + "/examples/longnan-2017.json");

    Outcome weights = run(policy, with_plan(data, R"({"民主测评权重": 15})"));
    REQUIRE(weights.errors.size() == 1);  // one for the weighted sum, not one per member
    CHECK(weights.errors[0].code == kaohe::DiagnosticCode::parameter_weights_not_100);
    CHECK(weights.errors[0].path == "$.实施方案.民主测评权重");
    CHECK(weights.errors[0].message.find("合计为 105%") != std::string::npos);
    CHECK(weights.errors[0].message.find("民主测评权重 15%") != std::string::npos);

    Outcome thresholds = run(policy, data, R"({"称职线": 95})");
    REQUIRE(thresholds.errors.size() == 1);
    CHECK(thresholds.errors[0].code == kaohe::DiagnosticCode::parameter_thresholds_out_of_order);
    CHECK(thresholds.errors[0].path == "p.json: $.称职线");

    Outcome misspelt = run(policy, data, R"({"民主侧评权重": 15})");
    REQUIRE(misspelt.errors.size() == 1);
    CHECK(misspelt.errors[0].code == kaohe::DiagnosticCode::unknown_parameter);
    CHECK(misspelt.errors[0].message.find("是否指 民主测评权重") != std::string::npos);
}

TEST_CASE("a quota share bound outside 0–100% fails its pool, not silently") {
    std::string policy = read(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    std::string data = read(std::string(KAOHE_SOURCE_DIR) + "/examples/longnan-2017.json");
    Outcome share = run(policy, data, R"({"一般优秀比例": 150})");
    REQUIRE_FALSE(share.errors.empty());
    CHECK(share.errors[0].code == kaohe::DiagnosticCode::evaluation_failed);
    CHECK(share.errors[0].entity == "县区");
    CHECK(share.errors[0].message.find("名额比例为 150%") != std::string::npos);
}

TEST_CASE("a parameter is read in functions, and its default is used when nothing binds it") {
    const char* policy = R"(param 扣分 = 3 at 实施方案.扣分
fn 按次(次数: count) = max(0, 15 - 扣分 * 次数)
entity 县 at counties key id {
  input 违规: count at violations
}
value 得分 of 县 = 按次(违规)
output 县 as county { score: 得分 }
)";
    std::string data = R"({"counties": [{"id": "A", "violations": 2}]})";
    CHECK(run(policy, data).results == "A score=9.00\n");
    CHECK(run(policy, R"({"实施方案": {"扣分": 5}, "counties": [{"id": "A", "violations": 2}]})").results ==
          "A score=5.00\n");
}
