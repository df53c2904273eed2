// Grade pass: band order, gaps and overlaps, quotas and the vetoes that cap grades.
//
// Bands are written best first, each with a lower edge (`>= 90`, `> 60`) and the last one
// `otherwise`; so bands cannot leave a gap between them, and the checks that remain are
// that each band can be reached and that nothing falls below the last one.
#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe::checker {
namespace {

// ">= 90", or ">= 优秀线 (90)" for a parameter at its default.
std::string edge_text(const ast::Band& written, const Band& band) {
    std::string threshold = written.threshold_name.empty()
                                ? band.threshold.to_string()
                                : fmt::format("{} ({})", written.threshold_name, band.threshold.to_string());
    return fmt::format("{} {}", band.edge == BandEdge::at_least ? ">=" : ">", threshold);
}

// Band `lower` directly below band `upper` is reachable only when it starts lower.
bool starts_below(const Band& upper, const Band& lower) {
    if (lower.threshold < upper.threshold) return true;
    return lower.threshold == upper.threshold && upper.edge == BandEdge::above && lower.edge == BandEdge::at_least;
}

// A threshold written as a name that names no parameter has no value to compare (its error is reported).
bool resolved(const ast::Band& written, const Band& band) { return written.threshold_name.empty() || band.parameter; }

// The band as the program holds it: a threshold written as a `param` stands at its default
// here and is checked again by a run that binds another value.
Band program_band(State& state, const ast::Band& written) {
    Band band{written.label, program_edge(written.edge), written.threshold, SymbolId::none()};
    if (written.threshold_name.empty()) return band;
    band.parameter = resolve_parameter(state, written.threshold_name, written.threshold_span, ParameterUse::threshold);
    if (band.parameter) band.threshold = *state.program.inputs[state.program.symbols[band.parameter].input].default_value;
    return band;
}

IdVector<BandIndex, Band> check_bands(State& state, const ast::GradeDecl& decl) {
    IdVector<BandIndex, Band> bands;
    if (decl.bands.empty()) {
        state.diagnostics.report(Code::grade_without_bands, decl.name_span,
                                 fmt::format("等次 {} 没有列出任何等次", decl.name));
        return bands;
    }
    for (std::size_t i = 0; i < decl.bands.size(); ++i) {
        const ast::Band& written = decl.bands[i];
        Band band = program_band(state, written);
        for (std::size_t k = 0; k < i; ++k)
            if (decl.bands[k].label == written.label)
                state.diagnostics.report(Code::duplicate_band, written.span,
                                         fmt::format("等次 {} 出现了两次", written.label));
        if (i > 0 && decl.bands[i - 1].edge == ast::BandEdge::otherwise)
            state.diagnostics.report(Code::band_after_otherwise, written.span,
                                     fmt::format("等次 {} 在 otherwise 之后, 永远不会得到", written.label),
                                     "otherwise 应是最后一个等次");
        else if (i > 0 && band.edge != BandEdge::otherwise && resolved(decl.bands[i - 1], bands.back()) &&
                 resolved(written, band) && !starts_below(bands.back(), band))
            state.diagnostics.report(
                Code::unreachable_band, written.threshold_span,
                fmt::format("等次 {} 的分数线 {} 不低于上一个等次 {} 的 {}, 这个等次永远不会得到", written.label,
                            edge_text(written, band), decl.bands[i - 1].label,
                            edge_text(decl.bands[i - 1], bands.back())),
                "等次应从高到低排列, 分数线逐级降低");
        bands.push_back(std::move(band));
    }
    const ast::Band& last = decl.bands.back();
    if (last.edge != ast::BandEdge::otherwise)
        state.diagnostics.report(
            Code::grade_without_floor, last.span,
            fmt::format("分数{} {} 的没有等次: 最后一个等次应为 otherwise",
                        last.edge == ast::BandEdge::at_least ? "低于" : "不高于", bands.back().threshold.to_string()),
            fmt::format("例如 {} otherwise", last.label));
    return bands;
}

BandIndex band_index(const IdVector<BandIndex, Band>& bands, const std::string& label) {
    for (BandIndex i : bands.ids())
        if (bands[i].label == label) return i;
    return BandIndex::none();
}

std::vector<std::string> band_labels(const IdVector<BandIndex, Band>& bands) {
    std::vector<std::string> labels;
    for (const auto& b : bands) labels.push_back(b.label);
    return labels;
}

void report_unknown_band(State& state, const IdVector<BandIndex, Band>& bands, const std::string& label, Span span,
                         const std::string& grade) {
    std::string suggestion = closest_name(label, band_labels(bands));
    std::string all;
    for (const auto& l : band_labels(bands)) all += (all.empty() ? "" : "、") + l;
    state.diagnostics.report(Code::unknown_band, span, fmt::format("“{}” 不是 {} 的等次 ({})", label, grade, all),
                             suggestion.empty() ? "" : fmt::format("是否指 {}？", suggestion));
}

Quota check_quota(State& state, const ast::Quota& decl, const IdVector<BandIndex, Band>& bands, EntityId entity,
                  SymbolId symbol) {
    Quota quota;
    quota.rounding = program_rounding(decl.rounding);
    quota.tie_flag = decl.tie_flag;
    quota.excess_flag = decl.excess_flag;
    quota.band = band_index(bands, decl.band);
    if (!quota.band) report_unknown_band(state, bands, decl.band, decl.band_span, state.program.symbols[symbol].name);
    else if (band_below(quota.band).index() >= bands.size())
        state.diagnostics.report(Code::quota_without_lower_band, decl.band_span,
                                 fmt::format("名额限制的等次 {} 之下没有等次可降", decl.band));
    std::optional<EntityId> pool = EntityId::none();  // no `per`: one pool of every row
    if (!decl.pool.name.empty()) pool = state.resolve_entity(decl.pool);
    if (!pool) return quota;
    if (!state.is_descendant(entity, *pool)) {
        state.diagnostics.report(
            Code::not_an_ancestor, decl.pool.span,
            fmt::format("名额池 {} 应是 {} 的上级实体", decl.pool.name, state.entity_name(entity)));
        return quota;
    }
    quota.pool = *pool;
    Scope pool_scope{*pool, {}, true, &state.dependencies[symbol]};
    quota.share = state.check_expr(*decl.share, pool_scope);
    if (quota.share && quota.share->type.base != BaseType::invalid && !quota.share->type.is_number())
        state.diagnostics.report(Code::expected_number, decl.share->span, "名额比例应为数值, 例如 20%");
    Scope entity_scope{entity, {}, true, &state.dependencies[symbol]};
    for (const auto& key : decl.order) {
        auto expr = state.check_expr(*key.expr, entity_scope);
        if (expr && expr->type.base != BaseType::invalid && !expr->type.is_number())
            state.diagnostics.report(Code::expected_number, key.expr->span, "排序依据应为数值");
        quota.order.push_back({std::move(expr), key.descending});
    }
    return quota;
}

}  // namespace

void check_grade(State& state, const ast::GradeDecl& decl, SymbolId symbol) {
    EntityId entity = state.program.symbols[symbol].entity;
    Grade grade;
    grade.symbol = symbol;
    Scope scope{entity, {}, true, &state.dependencies[symbol]};
    grade.by = state.check_expr(*decl.by, scope);
    if (grade.by && grade.by->type.base != BaseType::invalid && !grade.by->type.is_number())
        state.diagnostics.report(Code::expected_number, decl.by->span, "评定等次的依据应为数值");
    grade.bands = check_bands(state, decl);
    for (const auto& quota : decl.quotas) grade.quotas.push_back(check_quota(state, quota, grade.bands, entity, symbol));
    state.program.grades.push_back(std::move(grade));
}

void check_veto(State& state, const ast::VetoDecl& decl, int veto_index) {
    auto entity = state.resolve_entity(decl.of);
    if (!entity) return;
    SymbolId symbol = add_hidden_condition(state, fmt::format("一票否决#{}", veto_index + 1), decl.span,
                                           SymbolKind::veto_condition, *entity, *decl.when, "when 后应为条件");

    for (const auto& cap : decl.caps) {
        SymbolId grade_symbol = state.find_symbol(*entity, cap.grade);
        auto found = state.grade_declarations.find(grade_symbol);
        if (found == state.grade_declarations.end()) {
            state.diagnostics.report(Code::unknown_grade, cap.grade_span,
                                     fmt::format("{} 不是 {} 的等次", cap.grade, state.entity_name(*entity)));
            continue;
        }
        for (auto& grade : state.program.grades) {
            if (grade.symbol != grade_symbol) continue;
            BandIndex band = band_index(grade.bands, cap.band);
            if (!band) report_unknown_band(state, grade.bands, cap.band, cap.band_span, cap.grade);
            else grade.caps.push_back({symbol, band});
            state.dependencies[grade_symbol].push_back(symbol);
        }
    }
    for (const auto& flag : decl.flags) {
        FlagRule rule;
        rule.entity = *entity;
        rule.condition_symbol = symbol;
        rule.reads.push_back(symbol);
        rule.span = flag.span;
        check_flag_text(state, flag, *entity, rule);
        state.program.flags.push_back(std::move(rule));
    }
}

}  // namespace kaohe::checker
