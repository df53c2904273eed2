// What one sensitivity sample sets: each chosen parameter moved at random within ±spread points,
// every weighted sum holding a moved weight renormalised to 100%, and the draw refused when it
// puts a grade's lines out of order. runtime/sensitivity runs the samples.
//
// Design decision: every value is an exact decimal on a grid — a draw is a whole number of
// hundredths of a point, and a renormalised weight w/Σw is rounded to 0.0001 percentage points
// with the remainder on the largest weight, so the weights still sum to exactly 100% — so any
// sample can be written as `kaohe run --set NAME=VALUE` and replayed. The cost: a renormalised
// weight may differ from the exact w/Σw by up to 0.00005 percentage points.
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "runtime/run.hpp"

namespace kaohe {

// How a parameter is perturbed: a weight (and its weighted sum renormalised) and a share by
// ±spread percentage points, a band's line by ±spread score points, any other by ±spread in its
// own unit (whole steps when its value is whole: 靠前名次 stays a count) and never below 0 when it
// is not negative. Every value stays in the range its `param` declaration accepts; weights and
// shares in 0–100%.
enum class VariedRole { weight, threshold, share, other };

struct VariedParameter {
    std::string name;  // as asked: 优秀线, 综合得分.实绩得分, 等次.优秀
    SymbolId parameter;
    VariedRole role = VariedRole::other;
    Rational baseline;  // the baseline run's value (a weight or share as a fraction)
};

// What the baseline run binds the parameter to, and what the policy uses it for, decide its
// role and baseline.
VariedParameter describe_varied(const Run& baseline, std::string name, SymbolId parameter);

// The values one sample gives, ready for a run: parameters, and weights written as numbers by place.
struct Assignment {
    std::vector<std::pair<SymbolId, Rational>> parameters;
    std::vector<std::pair<WeightRef, Rational>> literal_weights;
};

// Sets them on the run (for its next reevaluate()).
void apply(Run& run, const Assignment& assignment);

class Perturbation {
public:
    // `baseline` and `varied` must outlive it.
    Perturbation(const Run& baseline, const std::vector<VariedParameter>& varied, const Rational& spread);

    // Draws the `chosen` varied parameters (indices into `varied`; the others stay at the
    // baseline) and builds what the run must set; false, with the reason, when the draw breaks a
    // rule the policy's values obey (lines falling from band to band, weights not all zero).
    bool draw(std::mt19937_64& random, const std::vector<std::size_t>& chosen, Assignment& out, std::string& reason) const;

    // The chosen parameters, and every weight of their weighted sums, back at the baseline.
    Assignment restore(const std::vector<std::size_t>& chosen) const;

    // The assignment as `kaohe run --set NAME=VALUE` takes it (a percentage with its %).
    std::vector<std::pair<std::string, std::string>> sets(const Assignment& assignment) const;

private:
    // A weighted sum that holds a varied weight: after a draw all its weights are renormalised.
    struct WeightGroup {
        WeightingId weighting;
        SymbolId value;                    // whose expression holds it, for WeightRef
        std::vector<SymbolId> parameters;  // per term; none for a weight written as a number
        std::vector<Rational> baseline;    // per term, as the baseline run has it
        std::vector<std::string> names;    // per term: its parameter, or VALUE.COMPONENT
    };

    const Run& baseline_;
    const std::vector<VariedParameter>& varied_;
    std::vector<WeightGroup> groups_;
    std::int64_t hundredths_ = 0, whole_steps_ = 0;  // the spread

    WeightGroup group_of(WeightingId weighting) const;
    Rational perturbed(const VariedParameter& varied, std::mt19937_64& random) const;
    bool assemble(const std::map<SymbolId, Rational>& drawn, Assignment& out, std::string& reason) const;
    bool lines_in_order(const std::map<SymbolId, Rational>& drawn, std::string& reason) const;
};

}  // namespace kaohe
