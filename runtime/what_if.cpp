#include "runtime/what_if.hpp"

#include <algorithm>

namespace kaohe {

const CheckedExpr* find_weighted(const CheckedExpr& e) {
    if (e.op == ExprOp::weighted) return &e;
    for (const auto& arg : e.args)
        if (arg)
            if (const CheckedExpr* found = find_weighted(*arg)) return found;
    return nullptr;
}

std::optional<WeightRef> find_weight(const Program& program, std::string_view value, std::string_view component) {
    for (const auto& definition : program.values) {
        if (program.symbols[definition.symbol].name != value || !definition.expr) continue;
        const CheckedExpr* weighted = find_weighted(*definition.expr);
        if (!weighted) return std::nullopt;
        for (std::size_t i = 0; i < weighted->args.size(); ++i) {
            const CheckedExpr& term = *weighted->args[i];
            if (term.op == ExprOp::symbol && program.symbols[term.symbol].name == component)
                return WeightRef{definition.symbol, weighted->weighting, i};
        }
    }
    return std::nullopt;
}

void set_weight(RunState& state, const WeightRef& weight, Rational value) {
    Weighting& weighting = state.weightings[weight.weighting];
    std::vector<Rational> weights = weighting.weights;
    weights[weight.item] = std::move(value);
    weighting = make_weighting(std::move(weights), weighting.parameters);
}

void set_parameter(const Plan& plan, RunState& state, Tables& tables, SymbolId parameter, Rational value) {
    for (Weighting& weighting : state.weightings)
        if (auto at = std::find(weighting.parameters.begin(), weighting.parameters.end(), parameter);
            at != weighting.parameters.end()) {
            std::vector<Rational> weights = weighting.weights;
            for (std::size_t i = 0; i < weights.size(); ++i)
                if (weighting.parameters[i] == parameter) weights[i] = value;
            weighting = make_weighting(std::move(weights), weighting.parameters);
        }
    tables.scheme_slots[plan.column_of_symbol[parameter]] = Value::of_number(std::move(value));
}

void set_input(const Plan& plan, Tables& tables, SymbolId input, std::uint32_t row, Value value) {
    EntityId entity = plan.program->symbols[input].entity;
    int column = plan.column_of_symbol[input];
    if (!entity) tables.scheme_slots[column] = std::move(value);
    else tables.entities[entity].columns[column][row] = std::move(value);
}

Rerun downstream(const Plan& plan, const std::vector<SymbolId>& changed) {
    Rerun rerun{std::vector<bool>(plan.steps.size(), false), IdVector<SymbolId, bool>(plan.dependents.size(), false), {}};
    std::vector<SymbolId> pending = changed;
    while (!pending.empty()) {
        SymbolId symbol = pending.back();
        pending.pop_back();
        if (rerun.symbols[symbol]) continue;
        rerun.symbols[symbol] = true;
        if (plan.step_of_symbol[symbol] >= 0) rerun.steps[plan.step_of_symbol[symbol]] = true;
        for (SymbolId user : plan.dependents[symbol]) pending.push_back(user);
    }
    rerun.flag_rules.assign(plan.flag_reads.size(), false);
    for (std::size_t i = 0; i < plan.flag_reads.size(); ++i)
        rerun.flag_rules[i] = std::any_of(plan.flag_reads[i].begin(), plan.flag_reads[i].end(),
                                          [&](SymbolId s) { return rerun.symbols[s]; });
    return rerun;
}

void add_stale(Rerun& rerun, const Rerun& stale) {
    for (std::size_t i = 0; i < stale.steps.size(); ++i)
        if (stale.steps[i]) rerun.steps[i] = true;
    for (std::size_t i = 0; i < stale.flag_rules.size(); ++i)
        if (stale.flag_rules[i]) rerun.flag_rules[i] = true;
}

Rerun restrict_to(const Plan& plan, Rerun rerun, const std::vector<SymbolId>& wanted, Rerun& stale) {
    // The steps the wanted symbols read, directly or through others.
    std::vector<bool> needed(plan.steps.size(), false);
    IdVector<SymbolId, bool> seen(plan.dependents.size(), false);
    std::vector<SymbolId> pending = wanted;
    while (!pending.empty()) {
        SymbolId symbol = pending.back();
        pending.pop_back();
        if (seen[symbol]) continue;
        seen[symbol] = true;
        if (plan.step_of_symbol[symbol] >= 0) needed[plan.step_of_symbol[symbol]] = true;
        for (SymbolId used : plan.program->dependencies[symbol]) pending.push_back(used);
    }
    stale.steps.resize(plan.steps.size(), false);
    stale.flag_rules.resize(plan.flag_reads.size(), false);
    for (std::size_t i = 0; i < rerun.steps.size(); ++i)
        if (rerun.steps[i] && !needed[i]) {
            rerun.steps[i] = false;
            stale.steps[i] = true;
        }
    for (std::size_t i = 0; i < rerun.flag_rules.size(); ++i)
        if (rerun.flag_rules[i]) {
            rerun.flag_rules[i] = false;
            stale.flag_rules[i] = true;
        }
    return rerun;
}

std::vector<DataError> reevaluate(const Plan& plan, const RunState& state, Tables& tables,
                                  const std::vector<SymbolId>& changed, EvaluationListener* listener) {
    Rerun rerun = downstream(plan, changed);
    return evaluate_plan(plan, state, tables, &rerun, listener);
}

}  // namespace kaohe
