// How an entity's rows are laid out after binding: grouped by parent (a join reads rows in the
// document's order and regroups them), and the range of rows under each ancestor row.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "runtime/plan.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

// A parent row a join could not name (its id is on two rows); such a row is in no range.
inline constexpr std::uint32_t ambiguous_row = UINT32_MAX - 1;

// A stable counting sort of the entity's rows by parent row (rows with none last), applied to
// every per-row vector of its table; document_order remembers where each row stood. The new
// row of each old one, for the caller's own per-row vectors; nullopt when nothing moved.
std::optional<std::vector<std::uint32_t>> regroup_by_parent(const Program& program, Tables& tables, EntityId entity);

// values[new_row[row]] = values[row], for every row.
template <typename Values>
void permute_rows(Values& values, const std::vector<std::uint32_t>& new_row) {
    Values sorted(values.size());
    for (std::uint32_t row = 0; row < values.size(); ++row) sorted[new_row[row]] = std::move(values[row]);
    values = std::move(sorted);
}

// table.ranges: for each ancestor entity, the rows of `entity` below each of its rows.
void build_ranges(const Plan& plan, Tables& tables, EntityId entity);

}  // namespace kaohe
