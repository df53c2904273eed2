#include "runtime/perturbation.hpp"

#include <algorithm>
#include <set>

#include "runtime/parameters.hpp"

namespace kaohe {
namespace {

const Program& program_of(const Run& run) { return run.policy().program; }

// Uniform on [-bound, bound] by rejection: std::uniform_int_distribution maps differently in
// libstdc++ and libc++, and the same seed must give the same report with either.
std::int64_t uniform(std::mt19937_64& random, std::int64_t bound) {
    if (bound <= 0) return 0;
    std::uint64_t range = static_cast<std::uint64_t>(bound) * 2 + 1;
    std::uint64_t limit = UINT64_MAX - UINT64_MAX % range;
    std::uint64_t x;
    do x = random();
    while (x >= limit);
    return static_cast<std::int64_t>(x % range) - bound;
}

// As runtime/parameters checks a parameters file: a lower band must start below the one above.
bool starts_below(const Band& upper, const Rational& upper_line, const Band& lower, const Rational& lower_line) {
    if (lower_line < upper_line) return true;
    return lower_line == upper_line && upper.edge == BandEdge::above && lower.edge == BandEdge::at_least;
}

// w/Σw to six places of a fraction (0.0001 percentage points), the remainder on the largest
// weight, so the weights sum to exactly 100% and each is a decimal `--set` can write.
void renormalise(std::vector<Rational>& weights, const Rational& total) {
    Rational sum;
    std::size_t largest = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        weights[i] = (weights[i] / total).round_half_up(6);
        sum = sum + weights[i];
        if (weights[i] > weights[largest]) largest = i;
    }
    weights[largest] = weights[largest] + (Rational(1) - sum);
}

bool holds(const Weighting& weighting, SymbolId parameter) {
    return std::find(weighting.parameters.begin(), weighting.parameters.end(), parameter) != weighting.parameters.end();
}

}  // namespace

VariedParameter describe_varied(const Run& baseline, std::string name, SymbolId parameter) {
    const Program& program = program_of(baseline);
    const Rational& bound = baseline.tables().scheme_slots[baseline.policy().plan.column_of_symbol[parameter]].number();
    VariedParameter varied{std::move(name), parameter, VariedRole::other, bound};
    bool weight = std::any_of(program.weightings.begin(), program.weightings.end(),
                              [&](const Weighting& w) { return holds(w, parameter); });
    bool line = std::any_of(program.grades.begin(), program.grades.end(), [&](const Grade& grade) {
        return std::any_of(grade.bands.begin(), grade.bands.end(), [&](const Band& band) { return band.parameter == parameter; });
    });
    if (weight) varied.role = VariedRole::weight;
    else if (line) varied.role = VariedRole::threshold;
    else if (program.inputs[program.symbols[parameter].input].number_kind == NumberKind::fraction) varied.role = VariedRole::share;
    return varied;
}

void apply(Run& run, const Assignment& assignment) {
    // literal weights first: set_parameter remakes a weighting from the run's current weights
    for (const auto& [place, value] : assignment.literal_weights) run.set_weight(place, value);
    for (const auto& [parameter, value] : assignment.parameters) run.set_parameter(parameter, value);
}

Perturbation::Perturbation(const Run& baseline, const std::vector<VariedParameter>& varied, const Rational& spread)
    : baseline_(baseline), varied_(varied) {
    for (WeightingId w : program_of(baseline).weightings.ids())
        if (std::any_of(varied.begin(), varied.end(),
                        [&](const VariedParameter& v) { return holds(baseline.state().weightings[w], v.parameter); }))
            groups_.push_back(group_of(w));
    hundredths_ = (spread * Rational(100)).floor().to_int64().value_or(0);
    whole_steps_ = spread.floor().to_int64().value_or(0);
}

bool Perturbation::draw(std::mt19937_64& random, const std::vector<std::size_t>& chosen, Assignment& out,
                        std::string& reason) const {
    std::map<SymbolId, Rational> drawn;
    for (std::size_t v : chosen) drawn[varied_[v].parameter] = perturbed(varied_[v], random);
    return assemble(drawn, out, reason);
}

Assignment Perturbation::restore(const std::vector<std::size_t>& chosen) const {
    std::map<SymbolId, Rational> drawn;
    for (std::size_t v : chosen) drawn[varied_[v].parameter] = varied_[v].baseline;
    Assignment out;
    std::string reason;
    assemble(drawn, out, reason);
    return out;
}

std::vector<std::pair<std::string, std::string>> Perturbation::sets(const Assignment& assignment) const {
    const Program& program = program_of(baseline_);
    std::vector<std::pair<std::string, std::string>> out;
    auto percent = [](const Rational& fraction) { return (fraction * Rational(100)).to_string() + "%"; };
    for (const auto& [place, value] : assignment.literal_weights)
        for (const WeightGroup& group : groups_)
            if (group.weighting == place.weighting) out.emplace_back(group.names[place.item], percent(value));
    for (const auto& [parameter, value] : assignment.parameters) {
        const Symbol& symbol = program.symbols[parameter];
        bool is_percent = program.inputs[symbol.input].number_kind == NumberKind::fraction;
        out.emplace_back(symbol.name, is_percent ? percent(value) : value.to_string());
    }
    return out;
}

Perturbation::WeightGroup Perturbation::group_of(WeightingId w) const {
    const Program& program = program_of(baseline_);
    WeightGroup group{w, {}, program.weightings[w].parameters, baseline_.state().weightings[w].weights, {}};
    for (const auto& definition : program.values) {
        const CheckedExpr* weighted = definition.expr ? find_weighted(*definition.expr) : nullptr;
        if (!weighted || weighted->weighting != w) continue;
        group.value = definition.symbol;
        for (std::size_t i = 0; i < weighted->args.size(); ++i) {
            const CheckedExpr& term = *weighted->args[i];
            std::string component = term.op == ExprOp::symbol ? program.symbols[term.symbol].name : std::to_string(i + 1);
            group.names.push_back(group.parameters[i] ? program.symbols[group.parameters[i]].name
                                                      : program.symbols[definition.symbol].name + "." + component);
        }
    }
    return group;
}

Rational Perturbation::perturbed(const VariedParameter& varied, std::mt19937_64& random) const {
    const Program& program = program_of(baseline_);
    const InputSpec& input = program.inputs[program.symbols[varied.parameter].input];
    Rational value;
    switch (varied.role) {
    case VariedRole::weight:
    case VariedRole::share:  // percentage points of a fraction: a hundredth of a point is 1/10000
        value = std::clamp(varied.baseline + Rational::fraction(uniform(random, hundredths_), 10000), Rational(0), Rational(1));
        break;
    case VariedRole::threshold: value = varied.baseline + Rational::fraction(uniform(random, hundredths_), 100); break;
    case VariedRole::other:
        value = varied.baseline.is_integer() ? varied.baseline + Rational(uniform(random, whole_steps_))
                                             : varied.baseline + Rational::fraction(uniform(random, hundredths_), 100);
        // a deduction per case or a count does not turn into a bonus: the sign stays
        if (!varied.baseline.is_negative() && value.is_negative()) value = Rational(0);
        break;
    }
    // the range the policy accepts for it (a count is not negative)
    if (input.low && value < *input.low) value = *input.low;
    if (input.high && value > *input.high) value = *input.high;
    return value;
}

bool Perturbation::assemble(const std::map<SymbolId, Rational>& drawn, Assignment& out, std::string& reason) const {
    out = {};
    std::set<SymbolId> placed;  // a parameter in two weighted sums is set once, by the first
    for (const WeightGroup& group : groups_) {
        if (std::none_of(group.parameters.begin(), group.parameters.end(), [&](SymbolId p) { return p && drawn.count(p); }))
            continue;
        std::vector<Rational> weights = group.baseline;
        Rational total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (auto found = drawn.find(group.parameters[i]); group.parameters[i] && found != drawn.end())
                weights[i] = found->second;
            total = total + weights[i];
        }
        if (total.is_zero()) {
            reason = "权重合计为 0";
            return false;
        }
        if (total != Rational(1)) renormalise(weights, total);
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (!group.parameters[i]) out.literal_weights.push_back({WeightRef{group.value, group.weighting, i}, weights[i]});
            else if (placed.insert(group.parameters[i]).second) out.parameters.emplace_back(group.parameters[i], weights[i]);
        }
    }
    for (const auto& [parameter, value] : drawn)
        if (placed.insert(parameter).second) out.parameters.emplace_back(parameter, value);
    return lines_in_order(drawn, reason);
}

bool Perturbation::lines_in_order(const std::map<SymbolId, Rational>& drawn, std::string& reason) const {
    const Program& program = program_of(baseline_);
    for (const Grade& grade : program.grades) {
        auto line = [&](const Band& band) -> const Rational& {
            if (auto found = drawn.find(band.parameter); band.parameter && found != drawn.end()) return found->second;
            return threshold_of(band, baseline_.policy().plan, baseline_.tables());
        };
        for (BandIndex b : grade.bands.ids()) {
            if (b.index() == 0 || grade.bands[b].edge == BandEdge::otherwise) continue;
            const Band& upper = grade.bands[BandIndex(b.index() - 1)];
            const Band& lower = grade.bands[b];
            if (!drawn.count(upper.parameter) && !drawn.count(lower.parameter)) continue;
            if (starts_below(upper, line(upper), lower, line(lower))) continue;
            reason = program.symbols[grade.symbol].name + " 的分数线次序颠倒";
            return false;
        }
    }
    return true;
}

}  // namespace kaohe
