#include "runtime/expression_evaluator.hpp"

#include <algorithm>
#include <array>
#include <deque>

namespace kaohe {
namespace {

[[noreturn]] void fail(const CheckedExpr& e, std::string message) { throw EvaluationFailure{e.span, std::move(message)}; }

bool equal_values(const Value& a, const Value& b) {
    switch (a.kind()) {
    case Value::Kind::number: return a.number() == b.number();
    case Value::Kind::boolean: return a.boolean() == b.boolean();
    case Value::Kind::text: return a.text() == b.text();
    default: return false;
    }
}

}  // namespace

template <typename Body>
auto ExpressionEvaluator::with_arguments(const CheckedExpr& call, const Context& context, Body&& body) const {
    // Arguments already held in a table or frame are passed by address; others are computed
    // onto a scratch deque, whose elements keep their addresses while inner calls push more.
    constexpr std::size_t inline_count = 8;
    std::array<const Value*, inline_count> pointers_inline;
    std::vector<const Value*> pointers_heap;
    std::size_t n = call.args.size();
    const Value** pointers = pointers_inline.data();
    if (n > inline_count) {
        pointers_heap.resize(n);
        pointers = pointers_heap.data();
    }
    std::size_t pushed = 0;
    for (std::size_t i = 0; i < n; ++i) {
        pointers[i] = stored(*call.args[i], context);
        if (!pointers[i]) {
            scratch_.push_back(evaluate(*call.args[i], context));
            pointers[i] = &scratch_.back();
            ++pushed;
        }
    }
    struct Pop {  // also on an EvaluationFailure unwinding through here
        std::deque<Value>& scratch;
        std::size_t count;
        ~Pop() {
            for (std::size_t k = 0; k < count; ++k) scratch.pop_back();
        }
    } pop{scratch_, pushed};
    return body(Context{context.entity, context.row, pointers});
}

template <typename Visit>
std::size_t ExpressionEvaluator::for_each_element(const CheckedExpr& e, const Context& context, Visit&& visit) const {
    if (e.op != ExprOp::collection) {
        const Value* held = stored(e, context);
        Value computed;
        if (!held) {
            computed = evaluate(e, context);
            held = &computed;
        }
        for (const Value& item : held->elements()) visit(item);
        return held->elements().size();
    }
    std::size_t count = 0;
    auto [begin, end] = rows_below(e.type.entity, context);
    for (std::uint32_t row = begin; row < end; ++row) {
        Context element_context{e.type.entity, row, nullptr};
        if (e.filter && !condition(*e.filter, element_context)) continue;
        ++count;
        if (!e.element) continue;
        if (const Value* held = stored(*e.element, element_context)) visit(*held);
        else visit(evaluate(*e.element, element_context));
    }
    return count;
}

RowRange ExpressionEvaluator::rows_below(EntityId entity, const Context& context) const {
    const Table& table = tables_.entities[entity];
    if (!context.entity) return {0, static_cast<std::uint32_t>(table.size())};
    return table.ranges[context.entity][context.row];
}

Rational ExpressionEvaluator::number(const CheckedExpr& e, const Context& context) const {
    switch (e.op) {
    case ExprOp::constant: return e.constant.number;
    case ExprOp::symbol: return symbol(e, context).number();
    case ExprOp::local: return context.locals[e.local.index()]->number();
    case ExprOp::field:
        if (const Value* record = stored(*e.args[0], context)) return record->elements()[e.field.index()].number();
        return evaluate(*e.args[0], context).elements()[e.field.index()].number();
    case ExprOp::function:
        return with_arguments(e, context, [&](const Context& frame) {
            return number(*program_.functions[e.function].body, frame);
        });
    case ExprOp::negate: return -number(*e.args[0], context);
    case ExprOp::conditional:
        return condition(*e.args[0], context) ? number(*e.args[1], context) : number(*e.args[2], context);
    case ExprOp::weighted: {
        Rational total;
        const Weighting& weighting = state_.weightings[e.weighting];
        if (weighting.unit == 0) {
            for (std::size_t i = 0; i < e.args.size(); ++i)
                total = total + weighting.weights[i] * number(*e.args[i], context);
            return total;
        }
        // Integer weights over one denominator: products keep their operand's denominator.
        WeightedSum sum;
        for (std::size_t i = 0; i < e.args.size(); ++i) sum.add(weighting.units[i], number(*e.args[i], context));
        return sum.total() / Rational(weighting.unit);
    }
    case ExprOp::binary:
        switch (e.binary) {
        case Operator::add: return number(*e.args[0], context) + number(*e.args[1], context);
        case Operator::subtract: return number(*e.args[0], context) - number(*e.args[1], context);
        case Operator::multiply: return number(*e.args[0], context) * number(*e.args[1], context);
        case Operator::divide: {
            Rational divisor = number(*e.args[1], context);
            if (divisor.is_zero()) fail(*e.args[1], "除数为 0");
            return number(*e.args[0], context) / divisor;
        }
        default: break;
        }
        break;
    case ExprOp::builtin:
        switch (e.builtin) {
        case Builtin::round2: return number(*e.args[0], context).round_half_up(2);
        case Builtin::floor: return number(*e.args[0], context).floor();
        case Builtin::ceil: return number(*e.args[0], context).ceil();
        default: return builtin(e, context).number();
        }
    default: break;
    }
    fail(e, "内部错误: 这个表达式不是数值");
}

Value ExpressionEvaluator::evaluate(const CheckedExpr& e, const Context& context) const {
    // Every numeric form is number()'s; what is left here are truths, texts, lists and records.
    if (e.type.is_number()) return Value::of_number(number(e, context));
    switch (e.op) {
    case ExprOp::constant:
        switch (e.constant.base) {
        case BaseType::boolean: return Value::of_bool(e.constant.boolean);
        default: return Value::of_text(e.constant.text, e.constant.band);
        }
    case ExprOp::symbol: return symbol(e, context);
    case ExprOp::local: return *context.locals[e.local.index()];
    case ExprOp::field: return evaluate(*e.args[0], context).elements()[e.field.index()];
    case ExprOp::logical_not:
    case ExprOp::binary: return Value::of_bool(condition(e, context));
    case ExprOp::conditional:
        return condition(*e.args[0], context) ? evaluate(*e.args[1], context) : evaluate(*e.args[2], context);
    case ExprOp::builtin: return builtin(e, context);
    case ExprOp::function: return call(e, context);
    case ExprOp::grade_label: {
        std::string_view written = text(*e.args[0], context);
        const Grade& grade = *plan_.grade_of_symbol[e.type.grade];
        for (BandIndex band : grade.bands.ids())
            if (grade.bands[band].label == written) return Value::of_text(grade.bands[band].label, band);
        return Value::of_text(written);
    }
    case ExprOp::collection: {
        std::vector<Value> items;
        for_each_element(e, context, [&](const Value& item) { items.push_back(item); });
        return Value::of_items(Value::Kind::list, std::move(items));
    }
    default: break;
    }
    fail(e, "内部错误: 未知的表达式");
}

const Value* ExpressionEvaluator::stored(const CheckedExpr& e, const Context& context) const {
    if (e.op == ExprOp::symbol) return &symbol(e, context);
    if (e.op == ExprOp::local) return context.locals[e.local.index()];
    return nullptr;
}

bool ExpressionEvaluator::condition(const CheckedExpr& e, const Context& context) const {
    switch (e.op) {
    case ExprOp::constant: return e.constant.boolean;
    case ExprOp::symbol: return symbol(e, context).boolean();
    case ExprOp::local: return context.locals[e.local.index()]->boolean();
    case ExprOp::logical_not: return !condition(*e.args[0], context);
    case ExprOp::conditional:
        return condition(*e.args[0], context) ? condition(*e.args[1], context) : condition(*e.args[2], context);
    case ExprOp::binary: {
        const CheckedExpr& left = *e.args[0];
        const CheckedExpr& right = *e.args[1];
        switch (e.binary) {
        case Operator::logical_or: return condition(left, context) || condition(right, context);
        case Operator::logical_and: return condition(left, context) && condition(right, context);
        case Operator::equal: return equal(left, right, context);
        case Operator::not_equal: return !equal(left, right, context);
        case Operator::less: return number(left, context) < number(right, context);
        case Operator::less_equal: return number(left, context) <= number(right, context);
        case Operator::greater: return number(left, context) > number(right, context);
        case Operator::greater_equal: return number(left, context) >= number(right, context);
        default: fail(e, "内部错误: 这个表达式不是条件");
        }
    }
    default: return evaluate(e, context).boolean();
    }
}

bool ExpressionEvaluator::equal(const CheckedExpr& left, const CheckedExpr& right, const Context& context) const {
    if (left.type.is_number()) return number(left, context) == number(right, context);
    if (left.type.is_bool()) return condition(left, context) == condition(right, context);
    if (left.type.grade && left.type.grade == right.type.grade) {
        // Two values of one grade are the same band. Only a variant's text that is no label of
        // the grade has no band; such texts compare as texts.
        Label a = label(left, context), b = label(right, context);
        return a.band == b.band && (a.band || a.text == b.text);
    }
    if (left.type.is_text()) return text(left, context) == text(right, context);
    return equal_values(evaluate(left, context), evaluate(right, context));
}

std::string_view ExpressionEvaluator::text(const CheckedExpr& e, const Context& context) const {
    switch (e.op) {
    case ExprOp::constant: return e.constant.text;
    case ExprOp::symbol: return symbol(e, context).text();
    case ExprOp::local: return context.locals[e.local.index()]->text();
    case ExprOp::conditional:
        return condition(*e.args[0], context) ? text(*e.args[1], context) : text(*e.args[2], context);
    default: return evaluate(e, context).text();
    }
}

ExpressionEvaluator::Label ExpressionEvaluator::label(const CheckedExpr& e, const Context& context) const {
    switch (e.op) {
    case ExprOp::constant: return {e.constant.text, e.constant.band};
    case ExprOp::symbol: {
        const Value& value = symbol(e, context);
        return {value.text(), value.band()};
    }
    case ExprOp::conditional:
        return condition(*e.args[0], context) ? label(*e.args[1], context) : label(*e.args[2], context);
    default: {
        Value value = evaluate(e, context);
        return {value.text(), value.band()};
    }
    }
}

Value ExpressionEvaluator::aggregate(const CheckedExpr& e, const Context& context) const {
    const CheckedExpr& arg = *e.args[0];
    Rational total, best;
    std::size_t trues = 0, seen = 0;
    std::size_t count = for_each_element(arg, context, [&](const Value& item) {
        switch (e.builtin) {
        case Builtin::sum:
        case Builtin::mean: total = total + item.number(); break;
        case Builtin::min:
            if (seen == 0 || item.number() < best) best = item.number();
            break;
        case Builtin::max:
            if (seen == 0 || item.number() > best) best = item.number();
            break;
        default: trues += item.boolean();
        }
        ++seen;
    });
    bool bare_collection = arg.op == ExprOp::collection && !arg.element;
    switch (e.builtin) {
    case Builtin::count: return Value::of_number(Rational(static_cast<std::int64_t>(count)));
    case Builtin::empty: return Value::of_bool(count == 0);
    case Builtin::any: return Value::of_bool(bare_collection ? count > 0 : trues > 0);
    case Builtin::fraction: {
        std::size_t all = count, matched = trues;
        if (arg.op == ExprOp::collection) {
            auto [begin, end] = rows_below(arg.type.entity, context);
            all = end - begin;
            matched = count;
        }
        if (all == 0) fail(e, "fraction 的集合为空, 无法计算比例");
        return Value::of_number(Rational::fraction(static_cast<std::int64_t>(matched), static_cast<std::int64_t>(all)));
    }
    case Builtin::sum: return Value::of_number(std::move(total));
    default: break;
    }
    if (seen == 0) fail(e, std::string(builtin_info(e.builtin).spelling) + " 的列表为空, 无法计算");
    if (e.builtin == Builtin::mean) return Value::of_number(total / Rational(static_cast<std::int64_t>(seen)));
    return Value::of_number(std::move(best));
}

Value ExpressionEvaluator::builtin(const CheckedExpr& e, const Context& context) const {
    const BuiltinInfo& info = builtin_info(e.builtin);
    if (info.aggregate && e.args.size() == 1) return aggregate(e, context);
    switch (e.builtin) {
    case Builtin::round2: return Value::of_number(number(*e.args[0], context).round_half_up(2));
    case Builtin::round_half_up:
        return Value::of_number(number(*e.args[0], context).round_half_up(
            static_cast<int>(*e.args[1]->constant.number.to_int64())));
    case Builtin::floor: return Value::of_number(number(*e.args[0], context).floor());
    case Builtin::ceil: return Value::of_number(number(*e.args[0], context).ceil());
    case Builtin::abs: {
        Rational x = number(*e.args[0], context);
        return Value::of_number(x.is_negative() ? -x : x);
    }
    case Builtin::min:
    case Builtin::max: {
        Rational result = number(*e.args[0], context);
        for (std::size_t i = 1; i < e.args.size(); ++i) {
            Rational x = number(*e.args[i], context);
            result = e.builtin == Builtin::min ? std::min(result, x) : std::max(result, x);
        }
        return Value::of_number(std::move(result));
    }
    case Builtin::contains: {
        Value item = evaluate(*e.args[1], context);
        bool found = false;
        for_each_element(*e.args[0], context, [&](const Value& v) { found = found || equal_values(v, item); });
        return Value::of_bool(found);
    }
    default: fail(e, "内部错误: 未知的内置函数");
    }
}

Value ExpressionEvaluator::call(const CheckedExpr& e, const Context& context) const {
    return with_arguments(e, context,
                          [&](const Context& frame) { return evaluate(*program_.functions[e.function].body, frame); });
}

}  // namespace kaohe
