#include "cli/formats/diagnostics_text.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/utf8.hpp"

namespace kaohe::cli {
namespace {

const char* severity_word(Severity severity, bool gcc_words) {
    if (gcc_words) return severity == Severity::error ? "error" : "warning";
    return severity == Severity::error ? "错误" : "警告";
}

// The line number column: five wide, so most files line up, and wider only past line 99999.
std::string gutter(std::uint32_t line) { return fmt::format("{:>5}", line); }

// A line or message this wide is a generated or pasted one (a 30,000-term sum): show a window
// around the caret rather than echo it whole.
constexpr std::size_t widest_line = 160;    // display columns; a line this wide is shown whole
constexpr std::size_t widest_context = 60;  // else the columns kept on each side of the span
constexpr std::size_t widest_span = 60;
constexpr std::size_t longest_message = 300;

// The first code points of text that fit in `columns` display columns.
std::string_view head(std::string_view text, std::size_t columns) {
    std::size_t i = 0, width = 0;
    while (i < text.size()) {
        std::size_t next = i;
        decode_utf8(text, next);
        width += display_width(text.substr(i, next - i));
        if (width > columns) break;
        i = next;
    }
    return text.substr(0, i);
}

// The last code points of text that fit in `columns` display columns.
std::string_view tail(std::string_view text, std::size_t columns) {
    std::size_t i = text.size(), width = 0;
    while (i > 0) {
        std::size_t start = i - 1;
        while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        width += display_width(text.substr(start, i - start));
        if (width > columns) break;
        i = start;
    }
    return text.substr(i);
}

std::string shortened(std::string_view text, std::size_t columns) {
    std::string_view kept = head(text, columns);
    return kept.size() == text.size() ? std::string(text) : std::string(kept) + "…";
}

// file:line:col: label: message, the line, and a caret under the span.
std::string excerpt(Span span, const char* label, const std::string& message, const SourceSet& sources) {
    const SourceFile& file = sources.file(span.file);
    LineColumn at = file.position(span.begin);
    std::string_view line = file.line_text(at.line);
    std::uint32_t line_begin = file.line_start(at.line);
    auto before = line.substr(0, span.begin - line_begin);
    // A span running past the end of its line is underlined to the end of the line.
    std::uint32_t span_end = std::min<std::uint32_t>(span.end, line_begin + static_cast<std::uint32_t>(line.size()));
    auto marked = span.end > span.begin && span_end > span.begin
                      ? line.substr(span.begin - line_begin, span_end - span.begin)
                      : std::string_view{};
    auto after = line.substr(before.size() + marked.size());
    std::string shown_before(before), shown_marked(marked), shown_after(after);
    if (display_width(line) > widest_line) {
        shown_before = tail(before, widest_context);
        if (shown_before.size() < before.size()) shown_before = "…" + shown_before;
        shown_marked = head(marked, widest_span);
        shown_after = shown_marked.size() < marked.size() ? "…" : shortened(after, widest_context);
    }
    std::string number = gutter(at.line);
    std::string out = fmt::format("{}:{}:{}: {}: {}\n", file.name(), at.line, at.column, label,
                                  shortened(message, longest_message));
    out += fmt::format("{} | {}{}{}\n", number, valid_utf8(shown_before), valid_utf8(shown_marked), valid_utf8(shown_after));
    out += fmt::format("{} | {}{}\n", std::string(number.size(), ' '), std::string(display_width(shown_before), ' '),
                       std::string(std::max<std::size_t>(1, display_width(shown_marked)), '^'));
    return out;
}

}  // namespace

std::string diagnostic_text(const Diagnostic& d, const SourceSet& sources, bool gcc_words) {
    std::string out = excerpt(d.span, severity_word(d.severity, gcc_words), d.message, sources);
    if (!d.hint.empty()) {
        std::size_t width = gutter(sources.file(d.span.file).position(d.span.begin).line).size();
        out += fmt::format("{} = 提示: {}\n", std::string(width, ' '), d.hint);
    }
    for (const RelatedSpan& related : d.related)
        out += excerpt(related.span, gcc_words ? "note" : "注", related.message, sources);
    return out;
}

std::string diagnostics_text(const Diagnostics& diagnostics, const SourceSet& sources) {
    std::string out;
    for (const Diagnostic& d : diagnostics.all()) out += diagnostic_text(d, sources);
    return out;
}

std::string data_error_text(const DataError& error, const SourceSet& sources) {
    std::string where;
    if (error.rule) {
        const SourceFile& file = sources.file(error.rule->file);
        LineColumn at = file.position(error.rule->begin);
        where = fmt::format(" (方案 {}:{}:{})", file.name(), at.line, at.column);
    }
    std::string input = error.input.empty() ? "" : " (" + error.input + ")";
    switch (error.subject) {
    case DataSubject::document: return fmt::format("数据错误: {}{}: {}{}", error.path, input, error.message, where);
    case DataSubject::scheme: return fmt::format("数据错误: 方案: {}{}: {}{}", error.path, input, error.message, where);
    case DataSubject::row: break;
    }
    return fmt::format("数据错误: {} {}: {}{}: {}{}", error.entity, error.id.empty() ? "(无编号)" : error.id, error.path,
                       input, error.message, where);
}

}  // namespace kaohe::cli
