#include "cli/render.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/utf8.hpp"

namespace kaohe {
namespace {

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<int>(c));
            else out += c;
        }
    }
    out += '"';
}

void append_cell(std::string& out, const Cell& cell) {
    switch (cell.kind) {
    case Cell::Kind::integer: out += cell.text; break;
    case Cell::Kind::decimal:
    case Cell::Kind::text: append_json_string(out, cell.text); break;
    case Cell::Kind::boolean: out += cell.boolean ? "true" : "false"; break;
    case Cell::Kind::null: out += "null"; break;
    }
}

std::string cell_text(const Cell& cell) {
    if (cell.kind == Cell::Kind::boolean) return cell.boolean ? "是" : "否";
    return cell.text;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
    return out;
}

// The column names of a group of rows of one kind: id, declared fields, components, flags.
std::vector<std::string> columns_of(const ResultRow& row) {
    std::vector<std::string> columns{"id"};
    for (const auto& [key, cell] : row.fields) columns.emplace_back(key);
    for (const auto& [key, cell] : row.components) columns.emplace_back(key);
    columns.push_back("flags");
    return columns;
}

std::vector<std::string> values_of(const ResultRow& row) {
    std::vector<std::string> values{row.id};
    for (const auto& [key, cell] : row.fields) values.push_back(cell_text(cell));
    for (const auto& [key, cell] : row.components) values.push_back(cell_text(cell));
    values.push_back(join(row.flags, "、"));
    return values;
}

// Consecutive rows of the same kind share one header.
template <typename Emit>
void for_each_group(const std::vector<ResultRow>& rows, Emit&& emit) {
    for (std::size_t begin = 0; begin < rows.size();) {
        std::size_t end = begin;
        while (end < rows.size() && rows[end].kind == rows[begin].kind) ++end;
        emit(begin, end);
        begin = end;
    }
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

}  // namespace

std::string render_json(const std::vector<ResultRow>& rows) {
    // Written directly rather than through a JSON tree: results can be tens of thousands of
    // rows, and the contract's shape is fixed.
    std::string out = "{\n \"results\": [";
    auto key = [&](std::string_view name, int indent) {
        out += "\n" + std::string(indent, ' ');
        append_json_string(out, name);
        out += ": ";
    };
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const ResultRow& row = rows[r];
        out += r ? ",\n  {" : "\n  {";
        key("id", 3);
        append_json_string(out, row.id);
        out += ",";
        key("entity", 3);
        append_json_string(out, row.kind);
        bool has_grade = false;
        for (const auto& [name, cell] : row.fields) {
            out += ",";
            key(name, 3);
            append_cell(out, cell);
            has_grade = has_grade || name == "grade";
        }
        if (!has_grade) {  // the contract always has a grade, null when the scheme has none
            out += ",";
            key("grade", 3);
            out += "null";
        }
        out += ",";
        key("flags", 3);
        out += "[";
        for (std::size_t f = 0; f < row.flags.size(); ++f) {
            if (f) out += ", ";
            append_json_string(out, row.flags[f]);
        }
        out += "]";
        if (!row.components.empty()) {
            out += ",";
            key("components", 3);
            out += "{";
            for (std::size_t c = 0; c < row.components.size(); ++c) {
                if (c) out += ",";
                key(row.components[c].first, 4);
                append_cell(out, row.components[c].second);
            }
            out += "\n   }";
        }
        out += "\n  }";
    }
    out += rows.empty() ? "]\n}\n" : "\n ]\n}\n";
    return out;
}

std::string render_table(const std::vector<ResultRow>& rows) {
    std::string out;
    for_each_group(rows, [&](std::size_t begin, std::size_t end) {
        std::vector<std::vector<std::string>> lines{columns_of(rows[begin])};
        for (std::size_t i = begin; i < end; ++i) lines.push_back(values_of(rows[i]));
        std::vector<std::size_t> widths(lines[0].size(), 0);
        for (const auto& line : lines)
            for (std::size_t c = 0; c < line.size() && c < widths.size(); ++c)
                widths[c] = std::max(widths[c], display_width(line[c]));
        if (!out.empty()) out += "\n";
        out += "[" + rows[begin].kind + "]\n";
        for (const auto& line : lines) {
            std::string text;
            for (std::size_t c = 0; c < line.size(); ++c) {
                text += line[c];
                if (c + 1 < line.size()) text += std::string(widths[c] - display_width(line[c]) + 2, ' ');
            }
            out += text + "\n";
        }
    });
    return out;
}

std::string render_csv(const std::vector<ResultRow>& rows) {
    std::string out = "\xEF\xBB\xBF";  // byte order mark: spreadsheets then read the file as UTF-8
    for_each_group(rows, [&](std::size_t begin, std::size_t end) {
        std::vector<std::string> header{"entity"};
        for (const auto& c : columns_of(rows[begin])) header.push_back(c);
        for (auto& h : header) h = csv_field(h);
        out += join(header, ",") + "\r\n";
        for (std::size_t i = begin; i < end; ++i) {
            std::vector<std::string> values{rows[i].kind};
            for (const auto& v : values_of(rows[i])) values.push_back(v);
            for (auto& v : values) v = csv_field(v);
            out += join(values, ",") + "\r\n";
        }
    });
    return out;
}

}  // namespace kaohe
