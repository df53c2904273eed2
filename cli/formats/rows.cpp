#include "cli/formats/rows.hpp"

namespace kaohe::cli {

std::vector<std::string> column_names(const ResultRow& row) {
    std::vector<std::string> columns{"id"};
    for (const auto& [key, cell] : row.fields) columns.emplace_back(key);
    // A grouped component is "组.名", the path its value has in the JSON output.
    for (std::size_t c = 0; c < row.components.size(); ++c) {
        std::string_view group = row.component_groups.empty() ? std::string_view() : row.component_groups[c];
        columns.push_back(group.empty() ? std::string(row.components[c].first)
                                        : std::string(group) + "." + std::string(row.components[c].first));
    }
    columns.push_back("flags");
    return columns;
}

std::vector<std::string> column_texts(const ResultRow& row) {
    std::vector<std::string> values{row.id};
    for (const auto& [key, cell] : row.fields) values.push_back(cell_text(cell));
    for (const auto& [key, cell] : row.components) values.push_back(cell_text(cell));
    values.push_back(join(row.flags, "、"));
    return values;
}

std::vector<bool> text_columns(const ResultRow& row) {
    std::vector<bool> text{true};
    for (const auto& [key, cell] : row.fields) text.push_back(cell.kind == Cell::Kind::text);
    for (const auto& [key, cell] : row.components) text.push_back(cell.kind == Cell::Kind::text);
    text.push_back(true);
    return text;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
    return out;
}

}  // namespace kaohe::cli
