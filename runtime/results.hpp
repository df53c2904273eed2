// Results: what the output declarations ask for, per entity row, already formatted as
// exact decimal text, ready for any renderer (json, table, csv).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/data_error.hpp"
#include "runtime/plan.hpp"
#include "runtime/run_state.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

struct Cell {
    enum class Kind { null, integer, decimal, text, boolean };
    Kind kind = Kind::null;
    std::string text;  // integer and decimal digits, or the text itself
    bool boolean = false;
};

// A cell as the table and csv formats show it: digits, text, 是/否; empty for null.
std::string cell_text(const Cell& cell);

struct ResultRow {
    std::string id;
    std::string kind;  // member, county …
    // Names are views into the Program's output declarations, which must outlive the rows.
    std::vector<std::pair<std::string_view, Cell>> fields;
    std::vector<std::pair<std::string_view, Cell>> components;
    std::vector<std::string> flags;
    // The group of each component (`components 减贫成效: …`), empty for the plain ones; an empty
    // vector when the output has no groups. A group's components are next to each other.
    std::vector<std::string_view> component_groups = {};
    // Which row of the tables it shows, for whoever needs more than the output (its ancestors).
    EntityId entity = {};
    std::uint32_t row = 0;
};

// An output field is an expression too and can fail on a row (a division by zero): each such
// row is reported in `errors`, and then the rows must not be shown.
std::vector<ResultRow> collect_results(const Plan& plan, const RunState& state, const Tables& tables,
                                       std::vector<DataError>& errors);

}  // namespace kaohe
