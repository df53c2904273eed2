#include "runtime/data_error.hpp"

#include <fmt/format.h>

namespace kaohe {

std::string row_path(const Program& program, const Tables& tables, EntityId entity, std::uint32_t row) {
    std::string path;
    while (entity) {
        const EntityType& type = program.entities[entity];
        const Table& table = tables.entities[entity];
        const std::string& array = type.json_keys[table.array_of_row.empty() ? 0 : table.array_of_row[row]];
        path = fmt::format(".{}[{}]", array, table.array_index[row]) + path;
        if (!type.parent_key.empty()) break;  // joined to its parent by key: its array is at the root
        row = table.parent_row[row];
        entity = type.parent;
    }
    return "$" + path;
}

DataError row_error(DiagnosticCode code, const Program& program, const Tables& tables, EntityId entity,
                    std::uint32_t row, std::string path, std::string message, std::optional<Span> rule) {
    if (!entity)
        return {.code = code, .subject = DataSubject::scheme, .path = std::move(path), .message = std::move(message),
                .rule = rule};
    std::string row_at = row_path(program, tables, entity, row);
    std::size_t row_length = path.starts_with(row_at) ? row_at.size() : 1;
    return {.code = code,
            .subject = DataSubject::row,
            .entity = program.entities[entity].name,
            .id = tables.entities[entity].ids[row],
            .path = std::move(path),
            .message = std::move(message),
            .rule = rule,
            .row_length = row_length};
}

}  // namespace kaohe
