// Data error codes: one small data set per D code, each reported with its code, the row's
// entity and id as separate fields, and its JSON path.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "runtime/run.hpp"

namespace {

const char* policy = R"(record 票 {
  input 好: count at good
  input 差: count at bad
  require 好 + 差 > 0 else "票数为 0"
}
input 年度: count at year
enum 满意程度 { 满意, 基本满意, 不满意 }
entity 县区 at counties key id {
  input 满意度: optional 满意程度 at satisfaction
  input 得分: score at score
  input 事项: nonempty list of text at items
  input 达标: bool at passed
  input 票数: 票 at votes
  require 得分 > 10 at score else "得分应大于 10"
}
value 率 of 县区 = 100 / (得分 - 20)
param 甲权 = 50% at plan.a
param 乙权 = 50% at plan.b
param 中线 = 40 at plan.line
value 综合 of 县区 = weighted { 甲权 得分  乙权 率 }
grade 等次 of 县区 by 得分 {
  好 >= 60
  中 >= 中线
  差 otherwise
}
output 县区 as county { score: 率  total: 综合  grade: 等次 }
)";

// 工作队 belongs to 县区 by its county_id: the data codes of a join by key.
const char* joined_policy = R"(entity 县区 at counties key id {
  input 得分: score at score
}
entity 工作队 at teams key id belongs to 县区 by county_id {
  input 队得分: score at score
}
value 队均分 of 县区 = if empty(工作队) then 0 else mean(工作队.队得分)
output 县区 as county { score: 队均分 }
)";

// `parameters`, when given, is the text of a parameters file p.json; `joined` runs joined_policy.
std::vector<kaohe::DataError> errors_for(const std::string& json, const std::string& parameters = "",
                                        bool joined = false) {
    static const auto plain = kaohe::compile(kaohe::load_program_text("t.kh", policy));
    static const auto with_join = kaohe::compile(kaohe::load_program_text("t.kh", joined_policy));
    const auto& compiled = joined ? with_join : plain;
    std::vector<kaohe::DataError> errors;
    auto document = kaohe::parse_data(json, "t.json", errors);
    if (!document) return errors;
    std::vector<kaohe::ParameterFile> file;
    if (!parameters.empty()) file.push_back({kaohe::parse_data(parameters, "p.json", errors), "p.json"});
    kaohe::Run run(compiled, document, file);
    run.evaluate();
    return run.errors();
}

// A document for 2018 with this one county.
std::string with_county(const std::string& county) {
    return std::string(R"({"year": 2018, "counties": [)") + county + "]}";
}

const char* sound_county = R"({"id": "A", "score": 50, "items": ["x"], "passed": true, "votes": {"good": 1, "bad": 0}})";

// The sound county, with the yearly plan that sets the parameters.
std::string with_plan(const std::string& plan) {
    return std::string(R"({"year": 2018, "plan": )") + plan + R"(, "counties": [)" + sound_county + "]}";
}

struct Example {
    kaohe::DiagnosticCode code;
    std::string json;
    std::string path;
    std::string parameters = {};
    bool joined = false;  // for joined_policy
};

// Two counties and the given teams.
std::string with_teams(const std::string& teams, const std::string& second_county = "3602") {
    return R"({"counties": [{"id": "3601", "score": 80}, {"id": ")" + second_county +
           R"(", "score": 90}], "teams": [)" + teams + "]}";
}

}  // namespace

TEST_CASE("every data code has data that is reported with it") {
    using kaohe::DiagnosticCode;
    const std::vector<Example> examples = {
        {DiagnosticCode::invalid_json, R"({"year": 2018,)", "t.json"},
        {DiagnosticCode::document_not_object, "[]", "$"},
        {DiagnosticCode::missing_field, R"({"counties": []})", "$.year"},
        {DiagnosticCode::null_value, R"({"year": null, "counties": []})", "$.year"},
        {DiagnosticCode::wrong_json_type,
         with_county(R"({"id": "A", "score": "50", "items": ["x"], "passed": true, "votes": {"good": 1, "bad": 0}})"),
         "$.counties[0].score"},
        {DiagnosticCode::out_of_range,
         with_county(R"({"id": "A", "score": 150, "items": ["x"], "passed": true, "votes": {"good": 1, "bad": 0}})"),
         "$.counties[0].score"},
        {DiagnosticCode::invalid_id,
         with_county(R"({"id": "", "score": 50, "items": ["x"], "passed": true, "votes": {"good": 1, "bad": 0}})"),
         "$.counties[0].id"},
        {DiagnosticCode::empty_list,
         with_county(R"({"id": "A", "score": 50, "items": [], "passed": true, "votes": {"good": 1, "bad": 0}})"),
         "$.counties[0].items"},
        {DiagnosticCode::enum_value_outside,
         with_county(R"({"id": "A", "score": 50, "items": ["x"], "passed": true, "votes": {"good": 1, "bad": 0},
                         "satisfaction": "满易"})"),
         "$.counties[0].satisfaction"},
        {DiagnosticCode::requirement_failed,
         with_county(R"({"id": "A", "score": 50, "items": ["x"], "passed": true, "votes": {"good": 0, "bad": 0}})"),
         "$.counties[0].votes"},
        {DiagnosticCode::requirement_failed,
         with_county(R"({"id": "A", "score": 5, "items": ["x"], "passed": true, "votes": {"good": 1, "bad": 0}})"),
         "$.counties[0].score"},
        {DiagnosticCode::evaluation_failed,
         with_county(R"({"id": "A", "score": 20, "items": ["x"], "passed": true, "votes": {"good": 1, "bad": 0}})"),
         "$.counties[0]"},
        {DiagnosticCode::unreadable_number,
         with_county(R"({"id": "A", "score": 1e5000, "items": ["x"], "passed": true, "votes": {"good": 1, "bad": 0}})"),
         "$.counties[0].score"},
        {DiagnosticCode::duplicate_id, std::string(R"({"year": 2018, "counties": [)") + sound_county + ", " +
                                           sound_county + "]}",
         "$.counties[1].id"},
        {DiagnosticCode::unknown_parameter, with_county(sound_county), "p.json: $.丙权", R"({"丙权": 10})"},
        {DiagnosticCode::bad_parameter_value, with_plan(R"({"a": "五成"})"), "$.plan.a"},
        {DiagnosticCode::parameter_weights_not_100, with_plan(R"({"a": 60})"), "$.plan.a"},
        {DiagnosticCode::parameter_thresholds_out_of_order, with_county(sound_county), "p.json: $.中线",
         R"({"中线": 60})"},
        {DiagnosticCode::unknown_parent_key, with_teams(R"({"id": "T7", "county_id": "360799", "score": 70})"),
         "$.teams[0].county_id", {}, true},
        {DiagnosticCode::missing_parent_key, with_teams(R"({"id": "T7", "score": 70})"), "$.teams[0].county_id", {}, true},
        {DiagnosticCode::duplicate_parent_id, with_teams(R"({"id": "T7", "county_id": "3601", "score": 70})", "3601"),
         "$.counties[1].id", {}, true},
    };
    CHECK(errors_for(with_county(
                         R"({"id": "A", "score": 50, "items": ["x"], "passed": true, "votes": {"good": 1, "bad": 0}})"))
              .empty());
    std::set<kaohe::DiagnosticCode> shown;
    for (const auto& example : examples) {
        auto errors = errors_for(example.json, example.parameters, example.joined);
        INFO(kaohe::code_info(example.code).id << " " << example.json);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == example.code);
        CHECK(errors[0].path == example.path);
        shown.insert(example.code);
    }
    for (const auto& info : kaohe::diagnostic_code_table)
        if (kaohe::is_data_code(info.code)) CHECK(shown.count(info.code) == 1);
}

TEST_CASE("a row's entity type and id are separate fields") {
    auto errors = errors_for(
        with_county(R"({"id": "A", "score": 150, "items": ["x"], "passed": true, "votes": {"good": 1, "bad": 0}})"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].subject == kaohe::DataSubject::row);
    CHECK(errors[0].entity == "县区");
    CHECK(errors[0].id == "A");
    CHECK(errors[0].message == "应为分数 (0 到 100), 这里是 150");
    CHECK(!errors[0].rule);
}

TEST_CASE("a text outside an enumeration names the allowed values; an optional one may be empty") {
    const char* county = R"({"id": "A", "score": 50, "items": ["x"], "passed": true, "votes": {"good": 1, "bad": 0}, )";
    auto errors = errors_for(with_county(std::string(county) + R"("satisfaction": "满易"})"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].id == "A");
    CHECK(errors[0].message == "应为 满意、基本满意、不满意 之一, 这里是 \"满易\"");
    CHECK(errors_for(with_county(std::string(county) + R"("satisfaction": "基本满意"})")).empty());
    CHECK(errors_for(with_county(std::string(county) + R"("satisfaction": ""})")).empty());
}

TEST_CASE("a key that names no row of the parent says which row and which key") {
    auto errors = errors_for(with_teams(R"({"id": "T1", "county_id": 3602, "score": 70},
                                           {"id": "T7", "county_id": "360799", "score": 70})"),
                             "", true);
    REQUIRE(errors.size() == 1);  // 3602 written as a number is the id "3602"
    CHECK(errors[0].entity == "工作队");
    CHECK(errors[0].id == "T7");
    CHECK(errors[0].path == "$.teams[1].county_id");
    CHECK(errors[0].message == "工作队 T7 的 county_id \"360799\" 不是任何 县区 的编号");
}
