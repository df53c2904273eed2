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

std::string row_label(const Program& program, const Tables& tables, EntityId entity, std::uint32_t row) {
    const std::string& id = tables.entities[entity].ids[row];
    return program.entities[entity].name + " " + (id.empty() ? "(无编号)" : id);
}

std::string render(const DataError& error, const SourceSet& sources) {
    std::string where;
    if (error.rule) {
        const SourceFile& file = sources.file(error.rule->file);
        LineColumn at = file.position(error.rule->begin);
        where = fmt::format(" (方案 {}:{}:{})", file.name(), at.line, at.column);
    }
    if (error.entity.empty()) return fmt::format("数据错误: {}: {}{}", error.path, error.message, where);
    return fmt::format("数据错误: {}: {}: {}{}", error.entity, error.path, error.message, where);
}

}  // namespace kaohe
