// Grade steps: bands by threshold, veto caps, then quotas with their tie rule.
#pragma once

#include <span>

#include "runtime/expression_evaluator.hpp"
#include "runtime/listener.hpp"
#include "runtime/row_failures.hpp"

namespace kaohe {

// Fills the grade's column for every row of its entity and adds quota flags. A row whose score
// cannot be computed is reported against that row; the grade is then left unfinished.
// Instantiated for SilentListener and EvaluationListener.
template <typename Listener>
void evaluate_grade(const Step& step, const Plan& plan, Tables& tables, const ExpressionEvaluator& evaluator,
                    RowFailures& failures, Listener& listener);

// The band a score falls in by the thresholds alone (no caps, no quotas), with the thresholds as
// this run has them: what `kaohe diff` asks of the new version about an old score.
BandIndex band_by_score(const Grade& grade, const Plan& plan, const Tables& tables, const Rational& value);

// A quota's exact slot count (share × pool size) rounded as the quota says.
Rational round_slots(const Rational& exact, Rounding rounding);

// Competition ranking (1, 2, 2, 4) of keys; best first by `descending`.
std::vector<std::int64_t> competition_ranks(std::span<const Rational> keys, bool descending);

}  // namespace kaohe
