// Diagnostic formats: the same diagnostics and data errors as text and as JSON, from a real
// policy and real data, so a field that goes missing or a bad escape shows up here.
#include <catch2/catch.hpp>

#include "cli/formats/diagnostics_json.hpp"
#include "cli/formats/diagnostics_text.hpp"
#include "lang/loader.hpp"
#include "runtime/bind.hpp"
#include "runtime/evaluator.hpp"
#include "runtime/json_document.hpp"

namespace {

// The data errors of a run, from binding or else from evaluating; the program must check.
std::vector<kaohe::DataError> data_errors(const kaohe::LoadedProgram& loaded, const std::string& json) {
    REQUIRE(loaded.program);
    std::string json_error;
    auto document = kaohe::JsonDocument::parse(json, json_error);
    REQUIRE(document);
    auto plan = kaohe::make_plan(*loaded.program);
    auto state = kaohe::initial_state(*loaded.program);
    auto bound = kaohe::bind_data(plan, state, *document);
    return bound.errors.empty() ? kaohe::evaluate_plan(plan, state, bound.tables) : bound.errors;
}

bool is_json(const std::string& text) {
    std::string error;
    return kaohe::JsonDocument::parse(text, error).has_value();
}

const char* policy = R"(entity 县区 at counties key id {
  input 得分: score at score
}
value 甲 of 县区 = 得份 + 1
value 乙 of 县区 = weighted {
  100% 得分
  0% 得分
}
value 甲 of 县区 = 2
output 县区 as county { score: 乙 }
)";

}  // namespace

TEST_CASE("policy diagnostics as JSON: code, severity, span, hint and related spans") {
    auto loaded = kaohe::load_program_text("t.kh", policy);
    CHECK(kaohe::cli::diagnostics_json(loaded.diagnostics, loaded.sources) ==
          "[\n"
          R"(  {"code": "P201", "severity": "error", "file": "t.kh", "line": 4, "column": 17, "end_line": 4, )"
          R"("end_column": 19, "message": "未定义的名称 得份", "hint": "是否指 得分？", "related": []},)" "\n"
          R"(  {"code": "P502", "severity": "warning", "file": "t.kh", "line": 7, "column": 3, "end_line": 7, )"
          R"("end_column": 5, "message": "权重为 0 的项不影响结果", "hint": null, "related": []},)" "\n"
          R"(  {"code": "P210", "severity": "error", "file": "t.kh", "line": 9, "column": 7, "end_line": 9, )"
          R"("end_column": 8, "message": "名称 甲 重复定义", "hint": null, "related": [{"file": "t.kh", "line": 4, )"
          R"("column": 7, "end_line": 4, "end_column": 8, "message": "首次定义在这里"}]})" "\n"
          "]\n");
}

TEST_CASE("the text and JSON renderers show the same diagnostics") {
    auto loaded = kaohe::load_program_text("t.kh", policy);
    std::string text = kaohe::cli::diagnostics_text(loaded.diagnostics, loaded.sources);
    CHECK(text.find("t.kh:4:17: 错误: 未定义的名称 得份\n") == 0);  // in file order
    CHECK(text.find("t.kh:9:7: 错误: 名称 甲 重复定义\n") != std::string::npos);
    CHECK(text.find("t.kh:4:7: 注: 首次定义在这里\n") != std::string::npos);
    CHECK(text.find("t.kh:7:3: 警告: 权重为 0 的项不影响结果\n") != std::string::npos);
}

TEST_CASE("no diagnostics is an empty JSON array") {
    kaohe::SourceSet sources;
    CHECK(kaohe::cli::diagnostics_json(kaohe::Diagnostics{}, sources) == "[]\n");
    CHECK(kaohe::cli::data_errors_json({}, sources) == "[]\n");
}

TEST_CASE("JSON escapes what a file name or message may hold") {
    auto loaded = kaohe::load_program_text("dir\\\"t\".kh", "value 甲 = \n");
    std::string json = kaohe::cli::diagnostics_json(loaded.diagnostics, loaded.sources);
    CHECK(json.find(R"("file": "dir\\\"t\".kh")") != std::string::npos);
    CHECK(is_json(json));
}

TEST_CASE("a syntax error at the end of a line is an empty span just past it") {
    auto loaded = kaohe::load_program_text("t.kh", "value 甲 = 1 +\nvalue 乙 = 2\n");
    std::string json = kaohe::cli::diagnostics_json(loaded.diagnostics, loaded.sources);
    CHECK(json.find(R"("code": "P101", "severity": "error", "file": "t.kh", "line": 1, "column": 14, "end_line": 1, )"
                    R"("end_column": 14)") != std::string::npos);
    CHECK(is_json(json));
}

namespace {

const char* data_policy = R"(input 年度: count at year
entity 县区 at counties key id {
  input 计划: number at plan
}
value 总量 = 100 / (年度 - 2017)
value 完成率 of 县区 = 10 / 计划
output 县区 as county { score: 完成率 }
)";

}  // namespace

TEST_CASE("data errors as JSON: entity and id apart, path, rule position") {
    auto loaded = kaohe::load_program_text("t.kh", data_policy);
    auto bad_rows = data_errors(loaded, R"({"year": 2018, "counties": [{"id": "A", "plan": 0}, {"plan": "x"}]})");
    CHECK(kaohe::cli::data_errors_json(bad_rows, loaded.sources) ==
          "[\n"
          R"(  {"code": "D102", "severity": "error", "entity": "县区", "id": null, "path": "$.counties[1].id", )"
          R"("input": null, "message": "缺少编号字段", "rule": null},)" "\n"
          R"(  {"code": "D104", "severity": "error", "entity": "县区", "id": null, "path": "$.counties[1].plan", )"
          R"("input": "计划", "message": "应为数字, 这里是字符串 \"x\"", "rule": null})" "\n"
          "]\n");

    auto failed = data_errors(loaded, R"({"year": 2018, "counties": [{"id": "A", "plan": 0}]})");
    CHECK(kaohe::cli::data_errors_json(failed, loaded.sources) ==
          "[\n"
          R"(  {"code": "D202", "severity": "error", "entity": "县区", "id": "A", "path": "$.counties[0]", )"
          R"("input": null, "message": "除数为 0", )"
          R"("rule": {"file": "t.kh", "line": 6, "column": 24}})" "\n"
          "]\n");
}

TEST_CASE("data errors about the document and the scheme name no entity") {
    auto loaded = kaohe::load_program_text("t.kh", data_policy);
    auto missing = data_errors(loaded, R"({"counties": []})");
    REQUIRE(missing.size() == 1);
    CHECK(kaohe::cli::data_error_text(missing[0], loaded.sources) == "数据错误: $.year (年度): 缺少字段");
    CHECK(kaohe::cli::data_errors_json(missing, loaded.sources) ==
          "[\n"
          R"(  {"code": "D102", "severity": "error", "entity": null, "id": null, "path": "$.year", "input": "年度", )"
          R"("message": "缺少字段", "rule": null})" "\n"
          "]\n");

    auto scheme = data_errors(loaded, R"({"year": 2017, "counties": []})");
    REQUIRE(scheme.size() == 1);
    CHECK(kaohe::cli::data_error_text(scheme[0], loaded.sources) == "数据错误: 方案: $: 除数为 0 (方案 t.kh:5:19)");
    CHECK(kaohe::cli::data_errors_json(scheme, loaded.sources) ==
          "[\n"
          R"(  {"code": "D202", "severity": "error", "entity": null, "id": null, "path": "$", "input": null, )"
          R"("message": "除数为 0", )"
          R"("rule": {"file": "t.kh", "line": 5, "column": 19}})" "\n"
          "]\n");

    auto not_object = data_errors(loaded, "[1]");
    REQUIRE(not_object.size() == 1);
    CHECK(not_object[0].code == kaohe::DiagnosticCode::document_not_object);
    CHECK(kaohe::cli::data_error_text(not_object[0], loaded.sources).find("数据错误: $: 数据文件应为一个 JSON 对象") == 0);
}

TEST_CASE("a row without an id is named as such in text") {
    auto loaded = kaohe::load_program_text("t.kh", data_policy);
    auto errors = data_errors(loaded, R"({"year": 2018, "counties": [{"plan": 1}]})");
    REQUIRE(errors.size() == 1);
    CHECK(kaohe::cli::data_error_text(errors[0], loaded.sources) == "数据错误: 县区 (无编号): $.counties[0].id: 缺少编号字段");
}
