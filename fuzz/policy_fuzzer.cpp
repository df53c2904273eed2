// Any bytes as a policy: load (parse, check), render the diagnostics both ways, plan what
// checks; format it (kaohe fmt), and read it as a test file (kaohe test). Whatever the input,
// nothing may crash, hang or trip a sanitizer, and formatting a policy that parses must give one
// that parses to the same AST (fmt refuses to write otherwise, so a difference is a bug).
#include <cstddef>
#include <cstdint>
#include <string>

#include "cli/formats/diagnostics_json.hpp"
#include "cli/formats/diagnostics_text.hpp"
#include "lang/ast_printer.hpp"
#include "lang/formatter.hpp"
#include "lang/loader.hpp"
#include "lang/parser.hpp"
#include "lang/test_file.hpp"
#include "runtime/run.hpp"

namespace {

// The printed AST, or empty when the text has a syntax error.
std::string structure(const std::string& text) {
    kaohe::SourceSet sources;
    sources.add("fuzz.kh", text);
    kaohe::Diagnostics diagnostics;
    kaohe::ast::Module module = kaohe::parse_module(sources, 0, diagnostics);
    return diagnostics.has_errors() ? std::string() : kaohe::ast::print(module);
}

void format_keeps_meaning(const std::string& text) {
    std::string formatted = kaohe::format_policy(text);
    if (formatted == text) return;
    std::string before = structure(text);
    if (!before.empty() && structure(formatted) != before) __builtin_trap();
}

void read_as_test_file(const std::string& text) {
    kaohe::SourceSet sources;
    sources.add("fuzz.khtest", text);
    kaohe::Diagnostics diagnostics;
    kaohe::parse_test_file(sources, 0, diagnostics);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    format_keeps_meaning(input);
    read_as_test_file(input);
    // In a folder that does not exist, so a `use "./x.kh"` finds nothing instead of reading files.
    auto loaded = kaohe::load_program_text("/nonexistent/fuzz.kh", std::string(reinterpret_cast<const char*>(data), size));
    std::string text = kaohe::cli::diagnostics_text(loaded.diagnostics, loaded.sources);
    std::string json = kaohe::cli::diagnostics_json(loaded.diagnostics, loaded.sources);
    if (loaded.program) kaohe::compile(std::move(loaded));
    return 0;
}
