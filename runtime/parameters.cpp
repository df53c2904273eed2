#include "runtime/parameters.hpp"

#include <fmt/format.h>

namespace kaohe {
namespace {

const Rational& parameter_value(SymbolId parameter, const Plan& plan, const Tables& tables) {
    return tables.scheme_slots[plan.column_of_symbol[parameter]].number();
}

std::string percent_text(const Rational& fraction) { return (fraction * Rational(100)).to_string() + "%"; }

// "params.json: $.实绩权重、$.实施方案.民主测评权重": where the values that broke a rule came from.
std::string paths_of(const std::vector<SymbolId>& parameters, const std::map<SymbolId, std::string>& sources) {
    std::string paths;
    for (SymbolId p : parameters)
        if (auto found = sources.find(p); found != sources.end() && paths.find(found->second) == std::string::npos)
            paths += (paths.empty() ? "" : "、") + found->second;
    return paths.empty() ? "$" : paths;
}

bool bound_away_from_default(const std::vector<SymbolId>& parameters, const std::map<SymbolId, std::string>& sources) {
    for (SymbolId p : parameters)
        if (p && sources.count(p)) return true;
    return false;
}

// With --renormalize: the weights not held scaled in proportion so the total is 1, when they can be
// (they total more than 0, the held ones no more than 100%); the parameters' slots follow. When
// they cannot, `why` says so.
bool renormalize(const Plan& plan, Tables& tables, const Weighting& written, std::vector<Rational>& weights,
                 const std::set<SymbolId>& held, std::string& why) {
    Rational held_total, others_total;
    bool holds = false;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        bool is_held = written.parameters[i] && held.count(written.parameters[i]);
        holds = holds || is_held;
        if (is_held) held_total = held_total + weights[i];
        else others_total = others_total + weights[i];
    }
    if (!holds) return false;
    if (held_total > Rational(1) || others_total.sign() <= 0) {
        why = held_total > Rational(1) ? fmt::format("; --renormalize 无法调整: --set 给出的权重合计已是 {}", percent_text(held_total))
                                       : "; --renormalize 无法调整: 其余权重合计为 0";
        return false;
    }
    Rational factor = (Rational(1) - held_total) / others_total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        SymbolId p = written.parameters[i];
        if (p && held.count(p)) continue;
        weights[i] = weights[i] * factor;
        if (p) tables.scheme_slots[plan.column_of_symbol[p]] = Value::of_number(weights[i]);
    }
    return true;
}

std::vector<DataError> apply_weights(const Plan& plan, Tables& tables, RunState& state,
                                     const std::map<SymbolId, std::string>& sources, const std::set<SymbolId>& held) {
    const Program& program = *plan.program;
    std::vector<DataError> errors;
    for (WeightingId w : program.weightings.ids()) {
        const Weighting& written = program.weightings[w];
        if (!bound_away_from_default(written.parameters, sources)) continue;
        std::vector<Rational> weights = written.weights;
        Rational total;
        std::string terms;
        bool each_in_range = true;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            SymbolId p = written.parameters[i];
            if (p) weights[i] = parameter_value(p, plan, tables);
            total = total + weights[i];
            terms += (terms.empty() ? "" : " + ") + (p ? program.symbols[p].name + " " : std::string()) +
                     percent_text(weights[i]);
            if (p && (weights[i].is_negative() || weights[i] > Rational(1))) {
                each_in_range = false;
                errors.push_back({.code = DiagnosticCode::parameter_weights_not_100,
                                  .path = paths_of({p}, sources),
                                  .message = fmt::format("参数给出的权重 {} 为 {}, 每项权重应在 0 到 100% 之间",
                                                         program.symbols[p].name, percent_text(weights[i]))});
            }
        }
        if (!each_in_range) continue;
        std::string why;
        if (total != Rational(1) && renormalize(plan, tables, written, weights, held, why)) total = Rational(1);
        if (total != Rational(1)) {
            errors.push_back({.code = DiagnosticCode::parameter_weights_not_100,
                              .path = paths_of(written.parameters, sources),
                              .message = fmt::format("参数给出的权重合计为 {} ({}), 应为 100%{}", percent_text(total), terms,
                                                     !why.empty() ? why
                                                     : paths_of(written.parameters, sources).find("--set:") != std::string::npos
                                                         ? " (加 --renormalize 可按比例调整其余权重)"
                                                         : "")});
            continue;
        }
        state.weightings[w] = make_weighting(std::move(weights), written.parameters);
    }
    return errors;
}

bool starts_below(const Band& upper, const Rational& upper_threshold, const Band& lower, const Rational& lower_threshold) {
    if (lower_threshold < upper_threshold) return true;
    return lower_threshold == upper_threshold && upper.edge == BandEdge::above && lower.edge == BandEdge::at_least;
}

std::vector<DataError> check_thresholds(const Plan& plan, const Tables& tables,
                                        const std::map<SymbolId, std::string>& sources) {
    const Program& program = *plan.program;
    std::vector<DataError> errors;
    for (const Grade& grade : program.grades) {
        std::vector<SymbolId> parameters;
        for (const Band& band : grade.bands) parameters.push_back(band.parameter);
        if (!bound_away_from_default(parameters, sources)) continue;
        for (BandIndex b : grade.bands.ids()) {
            if (b.index() == 0 || grade.bands[b].edge == BandEdge::otherwise) continue;
            const Band& upper = grade.bands[BandIndex(b.index() - 1)];
            const Band& lower = grade.bands[b];
            const Rational& high = threshold_of(upper, plan, tables);
            const Rational& low = threshold_of(lower, plan, tables);
            if (starts_below(upper, high, lower, low)) continue;
            auto named = [&](const Band& band, const Rational& value) {
                return band.parameter ? fmt::format("{} ({})", program.symbols[band.parameter].name, value.to_string())
                                      : value.to_string();
            };
            errors.push_back({.code = DiagnosticCode::parameter_thresholds_out_of_order,
                              .path = paths_of({upper.parameter, lower.parameter}, sources),
                              .message = fmt::format("{}: 等次 {} 的分数线 {} 不低于上一个等次 {} 的 {}, 这个等次永远不会得到",
                                                     program.symbols[grade.symbol].name, lower.label, named(lower, low),
                                                     upper.label, named(upper, high))});
        }
    }
    return errors;
}

// A share written as a parameter is verified where it was bound, not once per pool.
std::vector<DataError> check_shares(const Plan& plan, const Tables& tables, const std::map<SymbolId, std::string>& sources) {
    const Program& program = *plan.program;
    std::vector<DataError> errors;
    for (const Grade& grade : program.grades)
        for (const Quota& quota : grade.quotas) {
            if (!quota.share || quota.share->op != ExprOp::symbol || !sources.count(quota.share->symbol)) continue;
            SymbolId p = quota.share->symbol;
            const Rational& share = parameter_value(p, plan, tables);
            if (share.is_negative() || share > Rational(1))
                errors.push_back({.code = DiagnosticCode::bad_parameter_value,
                                  .path = paths_of({p}, sources),
                                  .message = fmt::format("名额比例参数 {} 为 {}, 应在 0 到 100% 之间",
                                                         program.symbols[p].name, percent_text(share))});
        }
    return errors;
}

}  // namespace

const Rational& threshold_of(const Band& band, const Plan& plan, const Tables& tables) {
    return band.parameter ? parameter_value(band.parameter, plan, tables) : band.threshold;
}

std::vector<DataError> apply_parameters(const Plan& plan, Tables& tables, RunState& state,
                                        const std::map<SymbolId, std::string>& sources, const std::set<SymbolId>& held) {
    std::vector<DataError> errors = apply_weights(plan, tables, state, sources, held);
    for (auto more : {check_thresholds(plan, tables, sources), check_shares(plan, tables, sources)})
        errors.insert(errors.end(), more.begin(), more.end());
    return errors;
}

}  // namespace kaohe
