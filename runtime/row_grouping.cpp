#include "runtime/row_grouping.hpp"

#include <algorithm>

namespace kaohe {

std::optional<std::vector<std::uint32_t>> regroup_by_parent(const Program& program, Tables& tables, EntityId entity) {
    Table& table = tables.entities[entity];
    const std::size_t parents = tables.entities[program.entities[entity].parent].size();
    auto bucket = [&](std::uint32_t row) { return std::min<std::size_t>(table.parent_row[row], parents); };
    std::vector<std::uint32_t> start(parents + 2, 0);
    for (std::uint32_t row = 0; row < table.size(); ++row) ++start[bucket(row) + 1];
    for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    std::vector<std::uint32_t> new_row(table.size());
    bool moved = false;
    for (std::uint32_t row = 0; row < table.size(); ++row) {
        new_row[row] = start[bucket(row)]++;
        moved |= new_row[row] != row;
    }
    if (!moved) return std::nullopt;
    permute_rows(table.parent_row, new_row);
    permute_rows(table.array_index, new_row);
    permute_rows(table.array_of_row, new_row);
    permute_rows(table.ids, new_row);
    for (auto& column : table.columns) permute_rows(column, new_row);
    table.document_order = new_row;
    return new_row;
}

void build_ranges(const Plan& plan, Tables& tables, EntityId entity) {
    const Program& program = *plan.program;
    Table& table = tables.entities[entity];
    table.ranges.resize(program.entities.size());
    for (EntityId ancestor : plan.ancestors[entity]) {
        auto& ranges = table.ranges[ancestor];
        ranges.assign(tables.entities[ancestor].size(), RowRange{0, 0});
        std::vector<bool> seen(ranges.size(), false);
        for (std::uint32_t row = 0; row < table.size(); ++row) {
            // climb from this row to its row of `ancestor`; a row a join left without a
            // parent (a data error, so nothing is evaluated) is in no range
            std::uint32_t up_row = table.parent_row[row];
            for (EntityId e = program.entities[entity].parent; e != ancestor && up_row < ambiguous_row;
                 e = program.entities[e].parent)
                up_row = tables.entities[e].parent_row[up_row];
            if (up_row >= ambiguous_row) continue;
            if (!seen[up_row]) ranges[up_row] = {row, row};
            seen[up_row] = true;
            ranges[up_row].second = row + 1;
        }
    }
}

}  // namespace kaohe
