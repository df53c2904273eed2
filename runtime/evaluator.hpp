// Runs a plan over bound tables: every step, in order, for every row of its entity, then
// the flag rules. Returns the data errors met on the way (none means results are sound).
#pragma once

#include <vector>

#include "runtime/data_error.hpp"
#include "runtime/listener.hpp"
#include "runtime/plan.hpp"
#include "runtime/run_state.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

// What a re-evaluation recomputes: the marked steps and flag rules (runtime/what_if.hpp marks
// those downstream of a change). Everything else keeps what the last evaluation left.
struct Rerun {
    std::vector<bool> steps;    // per plan step
    IdVector<SymbolId, bool> symbols;  // changed, or downstream of a change
    std::vector<bool> flag_rules;      // per Program::flags rule
};

// May be called again on the same tables. With `only`, just that part runs — see
// runtime/what_if.hpp. With a listener, it hears every value, band, quota decision and flag.
std::vector<DataError> evaluate_plan(const Plan& plan, const RunState& state, Tables& tables,
                                     const Rerun* only = nullptr, EvaluationListener* listener = nullptr);

// When binding found errors there are no results, but the data rules (require) can still be
// checked where binding found the data sound, so one run lists all that is wrong: each rule that
// reads only inputs, on each row with no binding error in it or in the rows below it (a rule may
// sum them). Scheme-level rules wait until the data binds without error.
std::vector<DataError> check_requirements(const Plan& plan, const RunState& state, Tables& tables,
                                          const std::vector<DataError>& binding_errors);

}  // namespace kaohe
