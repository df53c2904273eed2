// Grade steps: bands by threshold, veto caps, then quotas with their tie rule.
#pragma once

#include <span>

#include "runtime/expression_evaluator.hpp"

namespace kaohe {

// Fills the grade's column for every row of its entity and adds quota flags.
void evaluate_grade(const Step& step, const Plan& plan, Tables& tables, const ExpressionEvaluator& evaluator);

// Competition ranking (1, 2, 2, 4) of keys; best first by `descending`.
std::vector<std::int64_t> competition_ranks(std::span<const Rational> keys, bool descending);

}  // namespace kaohe
