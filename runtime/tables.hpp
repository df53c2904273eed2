// The data of one run: a table per entity type, columns of values, and the parent links
// and child ranges that aggregation and ranking walk.
//
// Rows of an entity type are stored grouped by parent, in input order, so the rows under
// any ancestor form one contiguous range and "the members of this county" is [begin, end).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "runtime/value.hpp"

namespace kaohe {

using RowRange = std::pair<std::uint32_t, std::uint32_t>;

struct Table {
    std::vector<std::uint32_t> parent_row;
    std::vector<std::uint32_t> array_index;  // position in the JSON array, for error paths
    std::vector<std::string> ids;
    std::vector<std::vector<Value>> columns;  // columns[column][row]
    std::vector<std::vector<std::string>> flags;  // rebuilt at the end of every evaluation
    // Flags a grade's quota gave, per grade symbol: (row, flag). Kept apart so a re-evaluation
    // that does not rerun the grade can still rebuild `flags`.
    std::map<int, std::vector<std::pair<std::uint32_t, std::string>>> quota_flags;
    // ranges[ancestor entity][ancestor row] = rows of this table below that ancestor row
    std::vector<std::vector<RowRange>> ranges;

    std::size_t size() const { return ids.size(); }
};

struct Tables {
    std::vector<Table> entities;
    std::vector<Value> scheme_slots;
};

}  // namespace kaohe
