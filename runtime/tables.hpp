// The data of one run: a table per entity type, columns of values, and the parent links
// and child ranges that aggregation and ranking walk.
//
// Rows of an entity type are stored grouped by parent, in input order, so the rows under
// any ancestor form one contiguous range and "the members of this county" is [begin, end).
// An entity that `belongs to` its parent by key is read from the document root and then
// regrouped by parent the same way; document_order keeps the order its rows were written in,
// which results follow.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "lang/program.hpp"
#include "runtime/value.hpp"

namespace kaohe {

using RowRange = std::pair<std::uint32_t, std::uint32_t>;
using FlagHit = std::pair<std::uint32_t, std::string>;  // (row, flag text)

struct Table {
    std::vector<std::uint32_t> parent_row;
    std::vector<std::uint32_t> array_index;  // position in the JSON array, for error paths
    // Which of the entity's arrays (EntityType::json_keys) each row was read from; empty when
    // it has only one.
    std::vector<std::uint32_t> array_of_row;
    // The rows in the document's order (the entity's arrays one after another), when binding
    // regrouped them by parent; empty when row order is the document's.
    std::vector<std::uint32_t> document_order;
    std::vector<std::string> ids;
    std::vector<std::vector<Value>> columns;  // columns[column][row]
    // Flags a grade's quota gave, per grade symbol. Flags are kept per source
    // (here and Tables::rule_flags) so a re-evaluation reruns only the sources it changed;
    // results put each row's flags together.
    std::map<SymbolId, std::vector<FlagHit>> quota_flags;
    // ranges[ancestor entity][ancestor row] = rows of this table below that ancestor row
    IdVector<EntityId, std::vector<RowRange>> ranges;

    std::size_t size() const { return ids.size(); }
};

struct Tables {
    IdVector<EntityId, Table> entities;
    std::vector<Value> scheme_slots;
    std::vector<std::vector<FlagHit>> rule_flags;  // per Program::flags rule, in row order
};

}  // namespace kaohe
