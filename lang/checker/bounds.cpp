// Assertions about the scheme itself (`assert in 第三年: maximum(X) >= 60% * maximum(Y) else "…"`),
// decided when the scheme is checked, not when data is run.
//
// maximum(X) and minimum(X) are the largest and smallest values definition X can take given
// the declared input ranges (score 0–100, count ≥ 0, `in a..b` …), found by interval
// arithmetic over X's expression. The bounds are safe but not always tight: a value whose
// range cannot be bounded this way (a sum over an unbounded list, say) is reported as such
// rather than guessed. Under `in V`, variant V's definitions replace the base ones.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe::checker {
namespace {

using Bound = std::optional<Rational>;  // nullopt: unbounded in that direction

struct Interval {
    Bound low, high;
    static Interval exactly(const Rational& v) { return {v, v}; }
};

Bound add(const Bound& a, const Bound& b) { return a && b ? Bound(*a + *b) : std::nullopt; }

Interval scale(const Interval& x, const Rational& c) {
    if (c.is_zero()) return Interval::exactly(Rational(0));
    auto times = [&](const Bound& b) { return b ? Bound(*b * c) : std::nullopt; };
    return c.is_negative() ? Interval{times(x.high), times(x.low)} : Interval{times(x.low), times(x.high)};
}

Interval hull(const std::vector<Rational>& points) {
    return {*std::min_element(points.begin(), points.end()), *std::max_element(points.begin(), points.end())};
}

bool bounded(const Interval& x) { return x.low && x.high; }
bool is_point(const Interval& x) { return bounded(x) && *x.low == *x.high; }

Interval multiply(const Interval& a, const Interval& b) {
    if (is_point(a)) return scale(b, *a.low);
    if (is_point(b)) return scale(a, *b.low);
    if (bounded(a) && bounded(b))
        return hull({*a.low * *b.low, *a.low * *b.high, *a.high * *b.low, *a.high * *b.high});
    if (a.low && b.low && a.low->sign() >= 0 && b.low->sign() >= 0)
        return {*a.low * *b.low, a.high && b.high ? Bound(*a.high * *b.high) : std::nullopt};
    return {};
}

Interval divide(const Interval& a, const Interval& b) {
    if (is_point(b) && !b.low->is_zero()) return scale(a, Rational(1) / *b.low);
    if (bounded(a) && bounded(b) && b.low->sign() > 0)
        return hull({*a.low / *b.low, *a.low / *b.high, *a.high / *b.low, *a.high / *b.high});
    return {};
}

Interval join(const Interval& a, const Interval& b) {
    return {a.low && b.low ? Bound(std::min(*a.low, *b.low)) : std::nullopt,
            a.high && b.high ? Bound(std::max(*a.high, *b.high)) : std::nullopt};
}

template <typename F>
Interval monotone(const Interval& x, F f) {
    return {x.low ? Bound(f(*x.low)) : std::nullopt, x.high ? Bound(f(*x.high)) : std::nullopt};
}

class BoundsAnalysis {
public:
    BoundsAnalysis(const State& state, VariantId variant) : state_(state), variant_(variant) {
        for (const auto& value : state.program.values) definitions_[value.symbol] = value.expr.get();
    }

    // What values an expression can take, given the declared input ranges.
    Interval range(const CheckedExpr& e) { return of(e, {}); }

    Interval of_symbol(SymbolId symbol) {
        if (auto found = memo_.find(symbol); found != memo_.end()) return found->second;
        const Symbol& s = state_.program.symbols[symbol];
        Interval result;
        if (s.kind == SymbolKind::input) {
            const InputSpec& spec = state_.program.inputs[s.input];
            // A parameter is checked at its default; a run checks what it binds (runtime/parameters).
            result = spec.default_value ? Interval::exactly(*spec.default_value) : Interval{spec.low, spec.high};
        } else if (s.kind == SymbolKind::rank) {
            result = {Rational(1), std::nullopt};
        } else if (auto definition = definitions_.find(symbol); definition != definitions_.end() && definition->second &&
                                                             !visiting_.count(symbol)) {
            visiting_.insert(symbol);
            result = of(*definition->second, {});
            visiting_.erase(symbol);
        }
        return memo_[symbol] = result;
    }

private:
    const State& state_;
    VariantId variant_;
    std::map<SymbolId, const CheckedExpr*> definitions_;
    std::map<SymbolId, Interval> memo_;
    std::set<SymbolId> visiting_;

    Interval of(const CheckedExpr& e, const std::vector<Interval>& locals) {
        switch (e.op) {
        case ExprOp::constant:
            return e.constant.base == BaseType::number ? Interval::exactly(e.constant.number) : Interval{};
        case ExprOp::symbol: return of_symbol(e.symbol);
        case ExprOp::local: return e.local.index() < locals.size() ? locals[e.local.index()] : Interval{};
        case ExprOp::field: {
            const auto& record = state_.program.records[e.args[0]->type.record];
            const InputSpec& field = record.fields[e.field];
            return {field.low, field.high};
        }
        case ExprOp::negate: {
            Interval x = of(*e.args[0], locals);
            return scale(x, Rational(-1));
        }
        case ExprOp::binary: return binary(e, locals);
        case ExprOp::conditional:
            if (e.variant) return of(*e.args[e.variant == variant_ ? 1 : 2], locals);
            return join(of(*e.args[1], locals), of(*e.args[2], locals));
        case ExprOp::builtin: return builtin(e, locals);
        case ExprOp::function: {
            std::vector<Interval> args;
            for (const auto& arg : e.args) args.push_back(of(*arg, locals));
            const Function& function = state_.program.functions[e.function];
            return function.body ? of(*function.body, args) : Interval{};
        }
        case ExprOp::weighted: {
            Interval total = Interval::exactly(Rational(0));
            for (std::size_t i = 0; i < e.args.size(); ++i) {
                Interval term = scale(of(*e.args[i], locals), state_.program.weightings[e.weighting].weights[i]);
                total = {add(total.low, term.low), add(total.high, term.high)};
            }
            return total;
        }
        default: return {};
        }
    }

    Interval binary(const CheckedExpr& e, const std::vector<Interval>& locals) {
        if (!e.type.is_number()) return {};
        Interval a = of(*e.args[0], locals), b = of(*e.args[1], locals);
        switch (e.binary) {
        case Operator::add: return {add(a.low, b.low), add(a.high, b.high)};
        case Operator::subtract: {
            Interval negated = scale(b, Rational(-1));
            return {add(a.low, negated.low), add(a.high, negated.high)};
        }
        case Operator::multiply: return multiply(a, b);
        case Operator::divide: return divide(a, b);
        default: return {};
        }
    }

    // The range of one element of a list or collection argument.
    Interval element(const CheckedExpr& e, const std::vector<Interval>& locals) {
        if (e.op == ExprOp::collection) return e.element ? of(*e.element, locals) : Interval{};
        if (e.op == ExprOp::symbol) return of_symbol(e.symbol);  // a list input: its element range
        return {};
    }

    Interval builtin(const CheckedExpr& e, const std::vector<Interval>& locals) {
        const BuiltinInfo& info = builtin_info(e.builtin);
        if (info.aggregate && e.args.size() == 1) {
            Interval x = element(*e.args[0], locals);
            switch (e.builtin) {
            case Builtin::count: return {Rational(0), std::nullopt};
            case Builtin::fraction: return {Rational(0), Rational(1)};
            case Builtin::sum: return x.low && x.low->sign() >= 0 ? Interval{Rational(0), std::nullopt} : Interval{};
            case Builtin::mean:
            case Builtin::min:
            case Builtin::max: return x;
            default: return {};
            }
        }
        std::vector<Interval> args;
        for (const auto& arg : e.args) args.push_back(of(*arg, locals));
        switch (e.builtin) {
        case Builtin::round2: return monotone(args[0], [](const Rational& v) { return v.round_half_up(2); });
        case Builtin::round_half_up: {
            int places = static_cast<int>(*e.args[1]->constant.number.to_int64());
            return monotone(args[0], [&](const Rational& v) { return v.round_half_up(places); });
        }
        case Builtin::floor: return monotone(args[0], [](const Rational& v) { return v.floor(); });
        case Builtin::ceil: return monotone(args[0], [](const Rational& v) { return v.ceil(); });
        case Builtin::abs: {
            const Interval& x = args[0];
            if (x.low && x.low->sign() >= 0) return x;
            if (x.high && x.high->sign() <= 0) return scale(x, Rational(-1));
            if (!bounded(x)) return {Rational(0), std::nullopt};
            return {Rational(0), std::max(-*x.low, *x.high)};
        }
        case Builtin::min:
        case Builtin::max: {
            bool is_min = e.builtin == Builtin::min;
            Interval result = args[0];
            for (std::size_t i = 1; i < args.size(); ++i) {
                const Interval& x = args[i];
                // For min an unbounded high is +∞ (ignored); for max an unbounded low is −∞.
                if (is_min) {
                    result.low = result.low && x.low ? Bound(std::min(*result.low, *x.low)) : std::nullopt;
                    result.high = !result.high ? x.high : !x.high ? result.high : Bound(std::min(*result.high, *x.high));
                } else {
                    result.low = !result.low ? x.low : !x.low ? result.low : Bound(std::max(*result.low, *x.low));
                    result.high = result.high && x.high ? Bound(std::max(*result.high, *x.high)) : std::nullopt;
                }
            }
            return result;
        }
        default: return {};
        }
    }
};

// A value computed while checking an assertion: a number (nullopt when unbounded) or a truth.
struct StaticValue {
    bool is_bool = false;
    bool truth = false;
    Bound number;
};

class AssertEvaluator {
public:
    AssertEvaluator(State& state, VariantId variant) : state_(state), bounds_(state, variant) {}

    std::optional<StaticValue> evaluate(const ast::Expr& e) {
        switch (e.kind) {
        case ast::ExprKind::number: return StaticValue{false, false, e.number};
        case ast::ExprKind::boolean: return StaticValue{true, e.boolean, std::nullopt};
        case ast::ExprKind::negate: {
            auto x = evaluate(*e.operands[0]);
            if (!x || x->is_bool) return fail(Code::expected_number, e, "负号只能用于数值");
            return StaticValue{false, false, x->number ? Bound(-*x->number) : std::nullopt};
        }
        case ast::ExprKind::logical_not: {
            auto x = evaluate(*e.operands[0]);
            if (!x || !x->is_bool) return fail(Code::expected_condition, e, "not 只能用于条件");
            return StaticValue{true, !x->truth, std::nullopt};
        }
        case ast::ExprKind::call: return bound_of(e);
        case ast::ExprKind::binary: return binary(e);
        default:
            return fail(Code::unsupported_in_assert, e, "assert 中只能使用数字、maximum(名称)、minimum(名称) 和运算");
        }
    }

    std::string explanation;  // "maximum(增收脱贫实效) = 55" …, for the failure message

private:
    State& state_;
    BoundsAnalysis bounds_;

    std::nullopt_t fail(Code code, const ast::Expr& e, const std::string& message, const std::string& hint = {}) {
        state_.diagnostics.report(code, e.span, message, hint);
        return std::nullopt;
    }

    std::optional<StaticValue> bound_of(const ast::Expr& e) {
        bool is_maximum = e.text == "maximum";
        if ((!is_maximum && e.text != "minimum") || e.operands.size() != 1 ||
            e.operands[0]->kind != ast::ExprKind::name)
            return fail(Code::unsupported_in_assert, e, "assert 中的函数只能是 maximum(名称) 或 minimum(名称)");
        const std::string& name = e.operands[0]->text;
        std::vector<SymbolId> found;
        for (SymbolId symbol : state_.program.symbols.ids())
            if (state_.program.symbols[symbol].name == name) found.push_back(symbol);
        if (found.empty()) {
            std::vector<std::string> names;
            for (const auto& s : state_.program.symbols) names.push_back(s.name);
            std::string suggestion = closest_name(name, names);
            return fail(Code::unknown_name, *e.operands[0], "未定义的名称 " + name,
                        suggestion.empty() ? "" : fmt::format("是否指 {}？", suggestion));
        }
        if (found.size() > 1)
            return fail(Code::ambiguous_name, *e.operands[0],
                        fmt::format("{} 在多个实体中都有定义, 无法确定指哪一个", name));
        if (!state_.program.symbols[found[0]].type.is_number())
            return fail(Code::expected_number, *e.operands[0], name + " 不是数值");
        Interval range = bounds_.of_symbol(found[0]);
        Bound bound = is_maximum ? range.high : range.low;
        if (!bound)
            return fail(Code::unbounded_value, e, fmt::format("无法确定 {} 的{}", name, is_maximum ? "上限" : "下限"),
                        "为它用到的输入声明取值范围 (例如 number in 0..100), 或用 min/max 限定");
        explanation += fmt::format("{}{}({}) = {}", explanation.empty() ? "" : ", ", e.text, name, bound->to_string());
        return StaticValue{false, false, bound};
    }

    std::optional<StaticValue> binary(const ast::Expr& e) {
        auto a = evaluate(*e.operands[0]);
        auto b = evaluate(*e.operands[1]);
        if (!a || !b) return std::nullopt;
        using ast::BinaryOp;
        if (e.op == BinaryOp::logical_and || e.op == BinaryOp::logical_or) {
            if (!a->is_bool || !b->is_bool) return fail(Code::expected_condition, e, "and/or 两边应为条件");
            return StaticValue{true, e.op == BinaryOp::logical_and ? a->truth && b->truth : a->truth || b->truth, {}};
        }
        if (a->is_bool || b->is_bool) return fail(Code::expected_number, e, "这里应为数值");
        const Rational &x = *a->number, &y = *b->number;
        switch (e.op) {
        case BinaryOp::equal: return StaticValue{true, x == y, {}};
        case BinaryOp::not_equal: return StaticValue{true, x != y, {}};
        case BinaryOp::less: return StaticValue{true, x < y, {}};
        case BinaryOp::less_equal: return StaticValue{true, x <= y, {}};
        case BinaryOp::greater: return StaticValue{true, x > y, {}};
        case BinaryOp::greater_equal: return StaticValue{true, x >= y, {}};
        case BinaryOp::add: return StaticValue{false, false, x + y};
        case BinaryOp::subtract: return StaticValue{false, false, x - y};
        case BinaryOp::multiply: return StaticValue{false, false, x * y};
        default:
            if (y.is_zero()) return fail(Code::division_by_zero, e, "除数为 0");
            return StaticValue{false, false, x / y};
        }
    }
};

}  // namespace

void check_assert(State& state, const ast::AssertDecl& decl) {
    VariantId variant;
    if (!decl.variant.empty()) {
        for (VariantId v : state.program.variants.ids())
            if (state.program.variants[v].name == decl.variant) variant = v;
        if (!variant) {
            std::vector<std::string> names;
            for (const auto& v : state.program.variants) names.push_back(v.name);
            std::string suggestion = closest_name(decl.variant, names);
            state.diagnostics.report(Code::unknown_variant, decl.variant_span, "未定义的变体 " + decl.variant,
                                     suggestion.empty() ? "" : fmt::format("是否指 {}？", suggestion));
            return;
        }
    }
    AssertEvaluator evaluator(state, variant);
    auto result = evaluator.evaluate(*decl.condition);
    if (!result) return;
    if (!result->is_bool) {
        state.diagnostics.report(Code::expected_condition, decl.condition->span,
                                 "assert 后应为条件, 例如 maximum(甲) >= 60");
        return;
    }
    if (!result->truth)
        state.diagnostics.report(Code::assertion_failed, decl.condition->span,
                                 fmt::format("断言不成立: {}", decl.message),
                                 evaluator.explanation.empty() ? "" : "按声明的输入范围算得 " + evaluator.explanation);
}

void check_band_reach(State& state) {
    BoundsAnalysis bounds(state, VariantId::none());
    for (const Grade& grade : state.program.grades) {
        if (!grade.by || !grade.by->type.is_number()) continue;
        Interval range = bounds.range(*grade.by);
        if (!range.high) continue;
        auto found = state.grade_declarations.find(grade.symbol);
        if (found == state.grade_declarations.end()) continue;
        for (BandIndex b : grade.bands.ids()) {
            const Band& band = grade.bands[b];
            bool unreachable = (band.edge == BandEdge::at_least && band.threshold > *range.high) ||
                               (band.edge == BandEdge::above && band.threshold >= *range.high);
            if (!unreachable) continue;
            const ast::Band& written = found->second->bands[b.index()];
            state.diagnostics.report(
                Code::threshold_out_of_reach, written.threshold_span,
                fmt::format("等次 {} 的分数线 {} 达不到: 按声明的输入范围, {} 的分数最高为 {}", band.label,
                            band.threshold.to_string(), state.program.symbols[grade.symbol].name, range.high->to_string()),
                "检查分数线是否多写了一位, 或 by 的分数是否用错");
        }
    }
}

std::map<SymbolId, std::optional<Rational>> highest_values(const State& state, const std::vector<SymbolId>& symbols,
                                                           VariantId variant) {
    BoundsAnalysis bounds(state, variant);
    std::map<SymbolId, std::optional<Rational>> highest;
    for (SymbolId symbol : symbols) highest[symbol] = bounds.of_symbol(symbol).high;
    return highest;
}

void check_quota_shares(State& state) {
    BoundsAnalysis bounds(state, VariantId::none());
    for (const Grade& grade : state.program.grades)
        for (const Quota& quota : grade.quotas) {
            if (!quota.share || !quota.share->type.is_number()) continue;
            Interval range = bounds.range(*quota.share);
            auto text = [](const Bound& b, const char* none) { return b ? (*b * Rational(100)).to_string() + "%" : std::string(none); };
            bool below = range.low && *range.low < Rational(0), above = range.high && *range.high > Rational(1);
            if (!below && !above && bounded(range)) continue;
            state.diagnostics.report(
                Code::quota_share_range, quota.share->span,
                is_point(range) ? fmt::format("名额比例 {} 超出 0 到 100%", text(range.low, ""))
                : bounded(range) ? fmt::format("名额比例可能超出 0 到 100%: 按声明的输入范围为 {} 到 {}",
                                               text(range.low, ""), text(range.high, ""))
                                 : fmt::format("无法确定名额比例在 0 到 100% 之间 (按声明的输入范围为 {} 到 {})",
                                             text(range.low, "无下限"), text(range.high, "无上限")),
                "比例写作百分数, 例如 20%; 用 0 到 100 的 percent 输入时写 比例 / 100");
        }
}

}  // namespace kaohe::checker
