// What a run does with its bound parameters before anything is scored: weights written as
// parameters go into the run's weightings, and the bound set is verified once, as `check`
// verified the defaults — weights still sum to 100%, a grade's thresholds still fall from band
// to band. One error per weighted sum or grade, naming the parameters, not one per row.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "runtime/data_error.hpp"
#include "runtime/plan.hpp"
#include "runtime/run_state.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

// `sources`: where each parameter not at its default was read (BindResult::parameter_paths).
// `held`: weights given with --renormalize; the others of their weighted sum are scaled in
// proportion so it totals 100%, in the state and in the parameters' slots.
std::vector<DataError> apply_parameters(const Plan& plan, Tables& tables, RunState& state,
                                        const std::map<SymbolId, std::string>& sources,
                                        const std::set<SymbolId>& held = {});

// A threshold as this run has it: the bound parameter's value, or the number written.
const Rational& threshold_of(const Band& band, const Plan& plan, const Tables& tables);

}  // namespace kaohe
