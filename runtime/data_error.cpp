#include "runtime/data_error.hpp"

#include <fmt/format.h>

namespace kaohe {

std::string row_path(const Program& program, const Tables& tables, EntityId entity, std::uint32_t row) {
    std::string path;
    while (entity) {
        const Table& table = tables.entities[entity];
        path = fmt::format(".{}[{}]", program.entities[entity].json_key, table.array_index[row]) + path;
        row = table.parent_row[row];
        entity = program.entities[entity].parent;
    }
    return "$" + path;
}

DataError row_error(DiagnosticCode code, const Program& program, const Tables& tables, EntityId entity,
                    std::uint32_t row, std::string path, std::string message, std::optional<Span> rule) {
    if (!entity)
        return {.code = code, .subject = DataSubject::scheme, .path = std::move(path), .message = std::move(message),
                .rule = rule};
    return {.code = code,
            .subject = DataSubject::row,
            .entity = program.entities[entity].name,
            .id = tables.entities[entity].ids[row],
            .path = std::move(path),
            .message = std::move(message),
            .rule = rule};
}

}  // namespace kaohe
