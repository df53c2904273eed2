#include "runtime/expression_evaluator.hpp"

#include <algorithm>

namespace kaohe {
namespace {

[[noreturn]] void fail(const CheckedExpr& e, std::string message) { throw EvaluationFailure{e.span, std::move(message)}; }

bool equal_values(const Value& a, const Value& b) {
    switch (a.kind) {
    case Value::Kind::number: return a.number == b.number;
    case Value::Kind::boolean: return a.boolean == b.boolean;
    case Value::Kind::text: return a.text == b.text;
    default: return false;
    }
}

}  // namespace

RowRange ExpressionEvaluator::rows_below(int entity, const Context& context) const {
    const Table& table = tables_.entities[entity];
    if (context.entity < 0) return {0, static_cast<std::uint32_t>(table.size())};
    return table.ranges[context.entity][context.row];
}

Value ExpressionEvaluator::evaluate(const CheckedExpr& e, const Context& context) const {
    switch (e.op) {
    case ExprOp::constant:
        switch (e.constant.base) {
        case BaseType::number: return Value::of_number(e.constant.number);
        case BaseType::boolean: return Value::of_bool(e.constant.boolean);
        default: return Value::of_text(e.constant.text);
        }
    case ExprOp::symbol: return symbol(e, context);
    case ExprOp::local: return (*context.locals)[e.index];
    case ExprOp::field: return evaluate(*e.args[0], context).elements()[e.index];
    case ExprOp::negate: return Value::of_number(-number(*e.args[0], context));
    case ExprOp::logical_not: return Value::of_bool(!condition(*e.args[0], context));
    case ExprOp::binary: return binary(e, context);
    case ExprOp::conditional:
        return condition(*e.args[0], context) ? evaluate(*e.args[1], context) : evaluate(*e.args[2], context);
    case ExprOp::builtin: return builtin(e, context);
    case ExprOp::function: return call(e, context);
    case ExprOp::collection: {
        std::size_t unused = 0;
        return Value::of_items(Value::Kind::list, elements(e, context, &unused));
    }
    case ExprOp::weighted: {
        Rational total;
        for (std::size_t i = 0; i < e.args.size(); ++i) total = total + e.weights[i] * number(*e.args[i], context);
        return Value::of_number(std::move(total));
    }
    }
    fail(e, "内部错误: 未知的表达式");
}

Value ExpressionEvaluator::symbol(const CheckedExpr& e, const Context& context) const {
    int column = plan_.column_of_symbol[e.symbol];
    if (e.levels_up < 0) return tables_.scheme_slots[column];
    int entity = context.entity;
    std::uint32_t row = context.row;
    for (int up = 0; up < e.levels_up; ++up) {
        row = tables_.entities[entity].parent_row[row];
        entity = program_.entities[entity].parent;
    }
    return tables_.entities[entity].columns[column][row];
}

Value ExpressionEvaluator::binary(const CheckedExpr& e, const Context& context) const {
    using ast::BinaryOp;
    switch (e.binary) {
    case BinaryOp::logical_or: return Value::of_bool(condition(*e.args[0], context) || condition(*e.args[1], context));
    case BinaryOp::logical_and: return Value::of_bool(condition(*e.args[0], context) && condition(*e.args[1], context));
    default: break;
    }
    Value left = evaluate(*e.args[0], context);
    Value right = evaluate(*e.args[1], context);
    switch (e.binary) {
    case BinaryOp::equal: return Value::of_bool(equal_values(left, right));
    case BinaryOp::not_equal: return Value::of_bool(!equal_values(left, right));
    case BinaryOp::less: return Value::of_bool(left.number < right.number);
    case BinaryOp::less_equal: return Value::of_bool(left.number <= right.number);
    case BinaryOp::greater: return Value::of_bool(left.number > right.number);
    case BinaryOp::greater_equal: return Value::of_bool(left.number >= right.number);
    case BinaryOp::add: return Value::of_number(left.number + right.number);
    case BinaryOp::subtract: return Value::of_number(left.number - right.number);
    case BinaryOp::multiply: return Value::of_number(left.number * right.number);
    case BinaryOp::divide:
        if (right.number.is_zero()) fail(*e.args[1], "除数为 0");
        return Value::of_number(left.number / right.number);
    default: fail(e, "内部错误: 未知的运算符");
    }
}

std::vector<Value> ExpressionEvaluator::elements(const CheckedExpr& e, const Context& context,
                                                 std::size_t* count_only) const {
    if (e.op != ExprOp::collection) {
        Value list = evaluate(e, context);
        *count_only = list.elements().size();
        return list.elements();
    }
    std::vector<Value> out;
    std::size_t count = 0;
    auto [begin, end] = rows_below(e.type.entity, context);
    for (std::uint32_t row = begin; row < end; ++row) {
        Context element_context{e.type.entity, row, nullptr};
        if (e.filter && !condition(*e.filter, element_context)) continue;
        ++count;
        if (e.element) out.push_back(evaluate(*e.element, element_context));
    }
    *count_only = count;
    return out;
}

Value ExpressionEvaluator::builtin(const CheckedExpr& e, const Context& context) const {
    const BuiltinInfo& info = builtin_info(e.builtin);
    if (info.aggregate && e.args.size() == 1) {
        std::size_t count = 0;
        std::vector<Value> items = elements(*e.args[0], context, &count);
        switch (e.builtin) {
        case Builtin::count: return Value::of_number(Rational(static_cast<std::int64_t>(count)));
        case Builtin::empty: return Value::of_bool(count == 0);
        case Builtin::any:
            if (!e.args[0]->element && e.args[0]->op == ExprOp::collection) return Value::of_bool(count > 0);
            return Value::of_bool(std::any_of(items.begin(), items.end(), [](const Value& v) { return v.boolean; }));
        case Builtin::fraction: {
            std::size_t total = items.size();
            std::size_t matched = 0;
            if (e.args[0]->op == ExprOp::collection) {
                auto [begin, end] = rows_below(e.args[0]->type.entity, context);
                total = end - begin;
                matched = count;
            } else {
                matched = std::count_if(items.begin(), items.end(), [](const Value& v) { return v.boolean; });
            }
            if (total == 0) fail(e, "fraction 的集合为空, 无法计算比例");
            return Value::of_number(Rational::fraction(static_cast<std::int64_t>(matched), static_cast<std::int64_t>(total)));
        }
        default: break;
        }
        if (items.empty() && e.builtin == Builtin::sum) return Value::of_number(Rational(0));
        if (items.empty()) fail(e, std::string(info.spelling) + " 的列表为空, 无法计算");
        Rational result = items[0].number;
        for (std::size_t i = 1; i < items.size(); ++i) {
            const Rational& x = items[i].number;
            if (e.builtin == Builtin::min) result = std::min(result, x);
            else if (e.builtin == Builtin::max) result = std::max(result, x);
            else result = result + x;
        }
        if (e.builtin == Builtin::mean) result = result / Rational(static_cast<std::int64_t>(items.size()));
        return Value::of_number(std::move(result));
    }
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
        Value list = evaluate(*e.args[0], context);
        Value item = evaluate(*e.args[1], context);
        for (const auto& v : list.elements())
            if (equal_values(v, item)) return Value::of_bool(true);
        return Value::of_bool(false);
    }
    default: fail(e, "内部错误: 未知的内置函数");
    }
}

Value ExpressionEvaluator::call(const CheckedExpr& e, const Context& context) const {
    const Function& function = program_.functions[e.index];
    std::vector<Value> locals;
    locals.reserve(e.args.size());
    for (const auto& arg : e.args) locals.push_back(evaluate(*arg, context));
    Context body_context{context.entity, context.row, &locals};
    return evaluate(*function.body, body_context);
}

}  // namespace kaohe
