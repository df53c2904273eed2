// A policy source file and the arithmetic of positions in it.
//
// Everything downstream stores positions as byte spans; only printing turns them into
// line:column (counted in characters, so 民主测评 is four columns) and into display cells
// for carets (a Chinese character takes two cells in a terminal).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.hpp"

namespace kaohe {

struct Span {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint32_t file = 0;  // index into the SourceSet
};

struct LineColumn {
    std::uint32_t line = 1;    // 1-based
    std::uint32_t column = 1;  // 1-based, in characters
};

class SourceFile {
public:
    SourceFile(std::string name, std::string text);

    const std::string& name() const { return name_; }
    const std::string& text() const { return text_; }
    std::string_view slice(Span span) const;

    LineColumn position(std::uint32_t byte_offset) const;
    std::string_view line_text(std::uint32_t line) const;  // without the newline
    std::uint32_t line_start(std::uint32_t line) const { return line_starts_[line - 1]; }
    std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

private:
    std::string name_;
    std::string text_;
    std::vector<std::uint32_t> line_starts_;
};

// All files of one program: the policy and the stdlib modules it uses.
class SourceSet {
public:
    std::uint32_t add(std::string name, std::string text);
    const SourceFile& file(std::uint32_t index) const { return files_[index]; }
    std::size_t size() const { return files_.size(); }

private:
    std::vector<SourceFile> files_;
};

// A slice of policy text on one line, as a person reads it in a report: comments dropped, runs of
// blanks (newlines included) collapsed to one space. `kaohe diff` and `kaohe explain` quote
// formulas this way.
std::string one_line(std::string_view written);

}  // namespace kaohe
