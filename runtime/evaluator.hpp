// Runs a plan over bound tables: every step, in order, for every row of its entity, then
// the flag rules. Returns the data errors met on the way (none means results are sound).
#pragma once

#include <vector>

#include "runtime/data_error.hpp"
#include "runtime/plan.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

// May be called again on the same tables: flags are rebuilt each time. With `only_steps`,
// just the marked steps run (the others' columns are kept) — see runtime/what_if.hpp.
std::vector<DataError> evaluate_plan(const Plan& plan, Tables& tables, const std::vector<bool>* only_steps = nullptr);

}  // namespace kaohe
