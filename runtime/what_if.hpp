// What-if re-evaluation through the C++ API: change a weight in a value's weighted sum and
// recompute only the steps that depend on that value (its column, then ranks, grades …),
// keeping every other column as the last evaluation left it.
//
// Design decision: the checker's dependency graph is kept in the Program and reversed in the
// Plan, so finding what to recompute is a walk over symbols, not over data.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "runtime/data_error.hpp"
#include "runtime/evaluator.hpp"
#include "runtime/plan.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

struct WeightSlot {
    int symbol = -1;         // the value whose expression holds the weighted sum
    CheckedExpr* weighted = nullptr;
    std::size_t item = 0;    // which term
};

// The weight of `component` in the weighted sum that defines `value` (e.g. 综合得分, 民主测评得分).
std::optional<WeightSlot> find_weight(Program& program, std::string_view value, std::string_view component);

// Sets the weight; the Program the Plan was made from changes in place.
void set_weight(const WeightSlot& slot, Rational weight);

// What must run again after `changed` symbols changed: themselves and everything downstream.
Rerun downstream(const Plan& plan, const std::vector<int>& changed);

// Re-evaluates after a change to `changed`; the tables must hold a complete earlier evaluation.
std::vector<DataError> reevaluate(const Plan& plan, Tables& tables, const std::vector<int>& changed);

}  // namespace kaohe
