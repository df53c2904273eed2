#include "lang/source.hpp"

#include <algorithm>

namespace kaohe {

SourceFile::SourceFile(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {
    drop_byte_order_mark(text_);
    line_starts_.push_back(0);
    for (std::uint32_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

std::string_view SourceFile::slice(Span span) const {
    return std::string_view(text_).substr(span.begin, span.end - span.begin);
}

LineColumn SourceFile::position(std::uint32_t byte_offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
    auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
    std::uint32_t start = line_starts_[line - 1];
    auto prefix = std::string_view(text_).substr(start, byte_offset - start);
    return {line, static_cast<std::uint32_t>(character_count(prefix) + 1)};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
    std::uint32_t start = line_starts_[line - 1];
    std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1 : static_cast<std::uint32_t>(text_.size());
    if (end > start && text_[end - 1] == '\r') --end;
    return std::string_view(text_).substr(start, end - start);
}

std::string one_line(std::string_view text) {
    std::string out;
    bool quoted = false, comment = false;
    for (char c : text) {
        if (c == '\n') comment = false;
        if (comment) continue;
        if (c == '"') quoted = !quoted;
        if (c == '#' && !quoted) {
            comment = true;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (!out.empty() && out.back() != ' ') out += ' ';
        }
        else out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::uint32_t SourceSet::add(std::string name, std::string text) {
    files_.emplace_back(std::move(name), std::move(text));
    return static_cast<std::uint32_t>(files_.size() - 1);
}

}  // namespace kaohe
