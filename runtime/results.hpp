// Results: what the output declarations ask for, per entity row, already formatted as
// exact decimal text, ready for any renderer (json, table, csv).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/data_error.hpp"
#include "runtime/expression_evaluator.hpp"
#include "runtime/row_failures.hpp"
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

// The output rows one at a time, in output order, without holding them all: `run --format json`
// streams national data through one reused ResultRow per thread instead of keeping every row
// (44 MB of them for 33,600 members). Made once per evaluation; any number of cursors may read it
// at once, each on its own thread.
class ResultReader {
public:
    ResultReader(const Plan& plan, const RunState& state, const Tables& tables);

    // What one thread reads with: its own evaluator, the failures it met, the row it fills.
    struct Cursor {
        ExpressionEvaluator evaluator;
        RowFailures failures;
        ResultRow row;
    };
    Cursor cursor() const;

    std::size_t size() const { return starts_.empty() ? 0 : starts_.back(); }  // rows over all outputs
    // Fills cursor.row with row `position` (0 ≤ position < size()), reusing its buffers. An output
    // field is an expression too and can fail on a row (a division by zero): then the failure is in
    // cursor.failures, the answer is false, and no row may be shown.
    bool read(std::size_t position, Cursor& cursor) const;

private:
    struct OutputPlan {
        std::vector<bool> components, integer;  // which field is the components object, which ranks
        bool grouped = false;
        // Each row's flags (its quota flags grade by grade, then the flag rules in policy order):
        // flags[flag_starts[row] .. flag_starts[row + 1]), views into the tables.
        std::vector<std::uint32_t> flag_starts;
        std::vector<std::string_view> flags;
    };
    const Plan& plan_;
    const RunState& state_;
    const Tables& tables_;
    std::vector<OutputPlan> outputs_;
    std::vector<std::size_t> starts_;  // starts_[o]: the position of output o's first row; then the total
};

// Every output row at once, for the formats and commands that need them all (a table's widths,
// a what-if's comparison). Failures as for ResultReader::read, reported in `errors`.
std::vector<ResultRow> collect_results(const Plan& plan, const RunState& state, const Tables& tables,
                                       std::vector<DataError>& errors);

}  // namespace kaohe
