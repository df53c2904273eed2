#include "cli/formats/diagnostics_json.hpp"
#include "base/json_string.hpp"

#include <fmt/format.h>

namespace kaohe::cli {
namespace {

std::string json_string(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

std::string optional_string(const std::string& text) { return text.empty() ? "null" : json_string(text); }

// "file": …, "line": …, "column": …, and with `with_end` the end of the span.
std::string position_fields(Span span, const SourceSet& sources, bool with_end) {
    const SourceFile& file = sources.file(span.file);
    LineColumn begin = file.position(span.begin);
    std::string out = fmt::format(R"("file": {}, "line": {}, "column": {})", json_string(file.name()), begin.line,
                                  begin.column);
    if (with_end) {
        LineColumn end = file.position(span.end);
        out += fmt::format(R"(, "end_line": {}, "end_column": {})", end.line, end.column);
    }
    return out;
}

std::string diagnostic_json(const Diagnostic& d, const SourceSet& sources) {
    std::string related;
    for (const RelatedSpan& r : d.related)
        related += fmt::format(R"({}{{{}, "message": {}}})", related.empty() ? "" : ", ",
                               position_fields(r.span, sources, true), json_string(r.message));
    return fmt::format(R"({{"code": {}, "severity": {}, {}, "message": {}, "hint": {}, "related": [{}]}})",
                       json_string(code_info(d.code).id), d.severity == Severity::error ? R"("error")" : R"("warning")",
                       position_fields(d.span, sources, true), json_string(d.message), optional_string(d.hint),
                       related);
}

std::string data_error_json(const DataError& e, const SourceSet& sources) {
    bool row = e.subject == DataSubject::row;
    std::string rule = e.rule ? "{" + position_fields(*e.rule, sources, false) + "}" : "null";
    return fmt::format(R"({{"code": {}, "severity": "error", "entity": {}, "id": {}, "path": {}, "input": {}, )"
                       R"("message": {}, "rule": {}}})",
                       json_string(code_info(e.code).id), row ? json_string(e.entity) : "null",
                       row ? optional_string(e.id) : "null", json_string(e.path), optional_string(e.input),
                       json_string(e.message), rule);
}

template <typename Items, typename Render>
std::string array(const Items& items, Render&& render) {
    if (items.empty()) return "[]\n";
    std::string out = "[\n";
    for (std::size_t i = 0; i < items.size(); ++i)
        out += "  " + render(items[i]) + (i + 1 < items.size() ? ",\n" : "\n");
    return out + "]\n";
}

}  // namespace

std::string diagnostics_json(const Diagnostics& diagnostics, const SourceSet& sources) {
    return array(diagnostics.all(), [&](const Diagnostic& d) { return diagnostic_json(d, sources); });
}

std::string data_errors_json(const std::vector<DataError>& errors, const SourceSet& sources) {
    return array(errors, [&](const DataError& e) { return data_error_json(e, sources); });
}

}  // namespace kaohe::cli
