// Test files: the statements of lang/test_file.hpp as parsed, their mistakes (T101) at the right
// line, and what runtime/expectations.hpp makes of each kind of expectation against a real run.
#include <catch2/catch.hpp>

#include "lang/loader.hpp"
#include "lang/test_file.hpp"
#include "runtime/expectations.hpp"
#include "runtime/run.hpp"

namespace {

struct Parsed {
    kaohe::SourceSet sources;
    kaohe::Diagnostics diagnostics;
    kaohe::TestFile file;
};

Parsed parse(const std::string& text) {
    Parsed p;
    p.sources.add("t.khtest", text);
    p.file = kaohe::parse_test_file(p.sources, 0, p.diagnostics);
    return p;
}

std::uint32_t line_of(const Parsed& p, const kaohe::Diagnostic& d) { return p.sources.file(0).position(d.span.begin).line; }

const char* policy = R"(scheme 示例 2024
entity 县 at counties key id {
  entity 人 at people key id {
    input 分: score at score
  }
}
grade 等次 of 人 by 分 {
  优秀 >= 90
  合格 >= 60
  不合格 otherwise
}
flag "约谈" of 人 when 等次 = "不合格"
output 人 as person { score: 分  grade: 等次 }
)";

const char* data = R"({"counties": [
  {"id": "A", "people": [{"id": "A1", "score": 95}, {"id": "A2", "score": 59.5}]},
  {"id": "B", "people": [{"id": "B1", "score": 90}]}
]})";

// Every outcome of `tests` (expect lines after a test header) against the policy and data above.
std::vector<kaohe::ExpectationOutcome> outcomes(const std::string& tests, Parsed& p) {
    p = parse("test \"t\"\n" + tests);
    REQUIRE(!p.diagnostics.has_errors());
    auto compiled = kaohe::compile(kaohe::load_program_text("t.kh", policy));
    REQUIRE(compiled);
    std::vector<kaohe::DataError> errors;
    auto document = kaohe::parse_data(data, "d.json", errors);
    kaohe::Run run(compiled, document);
    REQUIRE(run.evaluate());
    auto rows = run.results();
    return kaohe::check_expectations(p.file.tests[0], &run, rows, run.errors());
}

}  // namespace

TEST_CASE("a test file's statements: defaults, tests, inline JSON over several lines, every expectation form") {
    Parsed p = parse(R"(# 注释
policy "scheme.kh"
data {
  "counties": [{"id": "A # not a comment", "people": []}]
}
test "第一个"   # 注释
  params { "优秀线": 92 }
  expect A1 grade 优秀
  expect person A1 score 91.25
  expect A1 flag “诫勉 谈话”
  expect A1 no flag 约谈
  expect A1 flags none
  expect none in A grade 优秀
  expect 2 rows person in A flag 约谈
  expect rows 3 person
  expect data error D105 at counties[0].score
  expect data error
)");
    INFO(p.diagnostics.all().size());
    REQUIRE(!p.diagnostics.has_errors());
    REQUIRE(p.file.policy->file == "scheme.kh");
    CHECK(p.file.data->json.find("A # not a comment") != std::string::npos);
    REQUIRE(p.file.tests.size() == 1);
    const kaohe::TestCase& t = p.file.tests[0];
    CHECK(t.name == "第一个");
    CHECK(t.params->json == R"({ "优秀线": 92 })");
    REQUIRE(t.expectations.size() == 10);
    using K = kaohe::Expectation::Kind;
    CHECK((t.expectations[0].kind == K::field && t.expectations[0].id == "A1" && t.expectations[0].field == "grade" &&
           t.expectations[0].value == "优秀"));
    CHECK((t.expectations[1].output_kind == "person" && t.expectations[1].value == "91.25"));
    CHECK((t.expectations[2].kind == K::has_flag && t.expectations[2].value == "诫勉 谈话"));
    CHECK(t.expectations[3].kind == K::lacks_flag);
    CHECK(t.expectations[4].kind == K::no_flags);
    CHECK((t.expectations[5].kind == K::count && t.expectations[5].count == 0 && t.expectations[5].within == "A"));
    CHECK((t.expectations[6].kind == K::count && t.expectations[6].count == 2 && t.expectations[6].by_flag &&
           t.expectations[6].output_kind == "person"));
    CHECK((t.expectations[7].kind == K::rows && t.expectations[7].count == 3));
    CHECK((t.expectations[8].code == "D105" && t.expectations[8].path == "$.counties[0].score"));
    CHECK((t.expectations[9].kind == K::data_error && t.expectations[9].path.empty()));
    CHECK(p.sources.file(0).position(t.expectations[9].span.begin).line == 17);
}

TEST_CASE("a number is an id; a count says rows or none") {
    Parsed p = parse("test \"a\"\n  expect 360121 score 92.40\n  expect 360100 no flag 通报批评\n  expect 3 rows grade 好\n"
                     "  expect 1 row city in 360100 flag 约谈\n");
    REQUIRE(!p.diagnostics.has_errors());
    const auto& e = p.file.tests[0].expectations;
    REQUIRE(e.size() == 4);
    using K = kaohe::Expectation::Kind;
    CHECK((e[0].kind == K::field && e[0].id == "360121" && e[0].value == "92.40"));
    CHECK((e[1].kind == K::lacks_flag && e[1].id == "360100"));
    CHECK((e[2].kind == K::count && e[2].count == 3 && e[2].output_kind.empty()));
    CHECK((e[3].kind == K::count && e[3].count == 1 && e[3].output_kind == "city" && e[3].within == "360100" && e[3].by_flag));
}

TEST_CASE("mistakes in a test file are T101 at their line, and the rest is still read") {
    Parsed p = parse(R"(policy
test "a"
  expect A1
  expekt A1 grade 优秀
  expect A1 grade "优秀
  expect rows many
  expect A1 grade 优秀
data {
  "a": 1
)");
    std::vector<std::uint32_t> lines;
    for (const auto& d : p.diagnostics.all()) {
        CHECK(d.code == kaohe::DiagnosticCode::test_syntax);
        lines.push_back(line_of(p, d));
    }
    CHECK(lines == std::vector<std::uint32_t>{1, 3, 4, 5, 6, 8});
    REQUIRE(p.file.tests.size() == 1);
    CHECK(p.file.tests[0].expectations.size() == 1);  // only the last well-formed one
}

TEST_CASE("a second data in one test is a mistake; expect before any test is one too") {
    Parsed p = parse("expect A1 grade 优秀\ntest \"a\"\n  data \"x.json\"\n  data \"y.json\"\n");
    REQUIRE(p.diagnostics.all().size() == 2);
    CHECK(line_of(p, p.diagnostics.all()[0]) == 1);
    CHECK(line_of(p, p.diagnostics.all()[1]) == 4);
}

TEST_CASE("expectations pass and fail on the run's values, numbers compared exactly") {
    Parsed p;
    auto got = outcomes(R"(expect A1 grade 优秀
expect A1 score 95.00
expect A2 score 59.5
expect A2 grade 优秀
expect A2 flag 约谈
expect A1 no flag 约谈
expect A2 flags none
expect none in A grade 不合格
expect 1 row in B grade 优秀
expect 2 rows grade 优秀
expect rows 3
expect A9 grade 优秀
expect A1 等级 优秀
expect data error
)",
                        p);
    std::vector<bool> passed;
    for (const auto& o : got) passed.push_back(o.passed);
    CHECK(passed == std::vector<bool>{true, true, true, false, true, true, false, false, true, true, true, false, false, false});
    CHECK((got[3].expected == "优秀" && got[3].actual == "不合格"));
    CHECK(got[6].actual == "约谈");
    CHECK(got[7].actual == "1 行的 grade 为 不合格: A2");
    CHECK(got[11].actual == "没有编号为 A9 的结果行");
    CHECK(got[12].actual.find("没有字段 等级") != std::string::npos);
    CHECK(got[13].actual == "没有数据错误");
}

TEST_CASE("a run with data errors: only expected errors pass, and unexpected ones are a failure of their own") {
    kaohe::TestCase test;
    Parsed p = parse("test \"t\"\n  expect data error D105 at counties[0]\n  expect A1 grade 优秀\n");
    std::vector<kaohe::DataError> errors{
        {.code = kaohe::DiagnosticCode::out_of_range, .path = "$.counties[0].people[0].score", .message = "超出"},
        {.code = kaohe::DiagnosticCode::missing_field, .path = "$.counties[1].id", .message = "缺少"}};
    auto got = kaohe::check_expectations(p.file.tests[0], nullptr, {}, errors);
    REQUIRE(got.size() == 3);
    CHECK(got[0].passed);  // inside the expected path
    CHECK(!got[1].passed);
    CHECK(got[1].actual.starts_with("数据有错"));
    CHECK((!got[2].passed && got[2].expectation == nullptr && got[2].actual.find("D102") != std::string::npos));
}
