// What-if re-evaluation: change a weight, a parameter or one input of one row for one run and
// recompute only the steps that depend on it (its readers' columns, then ranks, grades …),
// keeping every other column as the last evaluation left it.
//
// Design decision: the checker's dependency graph is kept in the Program and reversed in the
// Plan, so finding what to recompute is a walk over symbols, not over data. A change lives in
// the run's RunState; the program and the plan are never written.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "runtime/data_error.hpp"
#include "runtime/evaluator.hpp"
#include "runtime/plan.hpp"
#include "runtime/run_state.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

struct WeightRef {
    SymbolId symbol;        // the value whose expression holds the weighted sum
    WeightingId weighting;  // into Program::weightings and RunState::weightings
    std::size_t item = 0;  // which term
};

// The first weighted sum in an expression (round2(weighted { … }) has one inside), or null.
const CheckedExpr* find_weighted(const CheckedExpr& expr);

// The weight of `component` in the weighted sum that defines `value` (e.g. 综合得分, 民主测评得分).
std::optional<WeightRef> find_weight(const Program& program, std::string_view value, std::string_view component);

// Sets the weight in this run's state (and its integer scale); the program is untouched.
void set_weight(RunState& state, const WeightRef& weight, Rational value);

// Sets a parameter (a weight, a line, a share, any `param`) in this run: its slot in the tables
// and, for a weight, the weighted sums it fills. Unchecked: the caller keeps weights at 100%.
void set_parameter(const Plan& plan, RunState& state, Tables& tables, SymbolId parameter, Rational value);

// Sets one input of one row (row 0 for a scheme-level input). Unchecked against the input's type,
// range and record rules: a what-if that must honour them rebinds the data (runtime/data_edits.hpp).
void set_input(const Plan& plan, Tables& tables, SymbolId input, std::uint32_t row, Value value);

// What must run again after `changed` symbols changed: themselves and everything downstream.
Rerun downstream(const Plan& plan, const std::vector<SymbolId>& changed);

// Adds to `rerun` what an earlier restricted re-evaluation left stale.
void add_stale(Rerun& rerun, const Rerun& stale);

// For a caller that reads only `wanted` (a sensitivity run reads grades and ranks): the part of
// `rerun` they need, i.e. its steps that the wanted symbols read directly or through others. The
// rest (other steps, every flag rule) is added to `stale`, for a later re-evaluation to finish.
// Sound because what a skipped step feeds is skipped too: anything a wanted symbol reads is kept.
Rerun restrict_to(const Plan& plan, Rerun rerun, const std::vector<SymbolId>& wanted, Rerun& stale);

// Re-evaluates after a change to `changed`; the tables must hold a complete earlier evaluation.
std::vector<DataError> reevaluate(const Plan& plan, const RunState& state, Tables& tables,
                                  const std::vector<SymbolId>& changed, EvaluationListener* listener = nullptr);

}  // namespace kaohe
