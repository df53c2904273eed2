#include "cli/render.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "lang/source.hpp"

namespace kaohe {
namespace {

nlohmann::ordered_json cell_json(const Cell& cell) {
    switch (cell.kind) {
    case Cell::Kind::integer: return std::stoll(cell.text);
    case Cell::Kind::decimal:
    case Cell::Kind::text: return cell.text;
    case Cell::Kind::boolean: return cell.boolean;
    case Cell::Kind::null: return nullptr;
    }
    return nullptr;
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
    for (const auto& [key, cell] : row.fields) columns.push_back(key);
    for (const auto& [key, cell] : row.components) columns.push_back(key);
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
    auto results = nlohmann::ordered_json::array();
    for (const ResultRow& row : rows) {
        nlohmann::ordered_json item;
        item["id"] = row.id;
        item["entity"] = row.kind;
        item["score"] = nullptr;
        item["grade"] = nullptr;  // the contract always has a grade, null when the scheme has none
        for (const auto& [key, cell] : row.fields) item[key] = cell_json(cell);
        if (item["score"].is_null()) item.erase("score");
        item["flags"] = row.flags;
        if (!row.components.empty()) {
            nlohmann::ordered_json components;
            for (const auto& [key, cell] : row.components) components[key] = cell_json(cell);
            item["components"] = components;
        }
        results.push_back(item);
    }
    nlohmann::ordered_json document;
    document["results"] = results;
    return document.dump(1) + "\n";
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
