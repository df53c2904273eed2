// --format table: one block per kind of row, "[member]" then a header and aligned columns.
// Widths are display cells (base/utf8), so columns line up under Chinese text in a terminal.
#include <algorithm>

#include <fmt/format.h>

#include "base/utf8.hpp"
#include "cli/formats/formats.hpp"
#include "cli/formats/rows.hpp"

namespace kaohe::cli {
namespace {

// A newline or tab in a name would break the row across lines or columns: show control
// characters as escapes, so every row stays one aligned line.
std::string visible(const std::string& text) {
    std::string out;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (byte < 0x20 || byte == 0x7F) out += fmt::format("\\x{:02X}", byte);
        else out += c;
    }
    return out;
}

}  // namespace

std::string aligned_columns(const std::vector<std::vector<std::string>>& lines) {
    std::vector<std::size_t> widths;
    for (const auto& line : lines)
        for (std::size_t c = 0; c < line.size(); ++c) {
            if (c == widths.size()) widths.push_back(0);
            widths[c] = std::max(widths[c], display_width(line[c]));
        }
    std::string out;
    for (const auto& line : lines) {
        for (std::size_t c = 0; c < line.size(); ++c) {
            out += line[c];
            if (c + 1 < line.size()) out += std::string(widths[c] - display_width(line[c]) + 2, ' ');
        }
        out += "\n";
    }
    return out;
}

std::string render_table(const std::vector<ResultRow>& rows) {
    if (rows.empty()) return std::string(no_rows) + "\n";  // not an empty screen, which looks like a hang
    std::string out;
    for_each_group(rows, [&](std::size_t begin, std::size_t end) {
        std::vector<std::vector<std::string>> lines{column_names(rows[begin])};
        for (std::size_t i = begin; i < end; ++i) lines.push_back(column_texts(rows[i]));
        for (auto& line : lines)
            for (auto& cell : line) cell = visible(cell);
        if (!out.empty()) out += "\n";
        out += "[" + rows[begin].kind + "]\n" + aligned_columns(lines);
    });
    return out;
}

}  // namespace kaohe::cli
