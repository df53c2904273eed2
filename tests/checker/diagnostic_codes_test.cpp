// The diagnostic code table and its documentation: every row of lang/diagnostic_codes.hpp is a
// row of docs/diagnostics.md, word for word, and the page names no code the table lacks.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>

#include "base/read_file.hpp"
#include "lang/diagnostic_codes.hpp"

namespace {

std::string read_doc() {
    kaohe::FileText file = kaohe::read_file(std::string(KAOHE_SOURCE_DIR) + "/docs/diagnostics.md");
    REQUIRE(file);
    return std::move(file.text);
}

// The row docs/diagnostics.md has for a code: | P201 | `unknown_name` | error | 未定义的名称 |
std::string doc_row(const kaohe::DiagnosticCodeInfo& info) {
    std::string severity = info.severity == kaohe::Severity::error ? "error" : "warning";
    return "| " + std::string(info.id) + " | `" + std::string(info.name) + "` | " + severity + " | " +
           std::string(info.description) + " |";
}

}  // namespace

TEST_CASE("ids are a letter for policy, data or test file and three digits") {
    const std::regex id_form("[PDT][1-9][0-9][0-9]");
    for (const auto& info : kaohe::diagnostic_code_table) {
        INFO(info.name);
        CHECK(std::regex_match(std::string(info.id), id_form));
    }
}

TEST_CASE("docs/diagnostics.md lists every code as the table has it") {
    std::string doc = read_doc();
    REQUIRE(!doc.empty());
    std::set<std::string> lines;
    std::istringstream in(doc);
    for (std::string line; std::getline(in, line);) lines.insert(line);
    for (const auto& info : kaohe::diagnostic_code_table) {
        INFO("docs/diagnostics.md should have the line\n" << doc_row(info));
        CHECK(lines.count(doc_row(info)) == 1);
    }
}

TEST_CASE("docs/diagnostics.md names no code the table lacks") {
    std::set<std::string> ids;
    for (const auto& info : kaohe::diagnostic_code_table) ids.insert(std::string(info.id));
    const std::regex row_id(R"(^\| ([A-Z][0-9]+) \|)");
    std::istringstream in(read_doc());
    for (std::string line; std::getline(in, line);) {
        std::smatch match;
        if (!std::regex_search(line, match, row_id)) continue;
        INFO(line);
        CHECK(ids.count(match[1]) == 1);
    }
}
