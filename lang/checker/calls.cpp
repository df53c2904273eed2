// Calls, part of the expression pass: a call of a policy's `fn` (argument count, types and percent
// scales; no recursion) or of a builtin from lang/builtins.hpp (an aggregate over a list or a
// collection with its `where` filter, contains, round_half_up, and the numeric rest).
#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe::checker {

CheckedExprPtr ExpressionChecker::call(const ast::Expr& e) {
    if (auto function = state_.function_by_name.find(e.text); function != state_.function_by_name.end())
        return user_call(e, function->second);
    const BuiltinInfo* info = find_builtin(e.text);
    if (!info) {
        std::vector<std::string> names;
        for (const auto& b : builtin_table) names.emplace_back(b.spelling);
        for (const auto& [n, id] : state_.function_by_name) names.push_back(n);
        std::string suggestion = closest_name(e.text, names);
        if (e.text == "maximum" || e.text == "minimum")
            return error(Code::bound_outside_assert, e.span,
                         fmt::format("{} 只能用在 assert 中: 它是方案检查时算出的可能最大 (最小) 值", e.text));
        return error(Code::unknown_function, e.span, fmt::format("未定义的函数 {}", e.text),
                     suggestion.empty() ? "可用 use 引入标准库模块, 或用 fn 定义函数"
                                        : fmt::format("是否指 {}？", suggestion));
    }
    int count = static_cast<int>(e.operands.size());
    if (count < info->min_args || count > info->max_args)
        return error(Code::argument_count, e.span,
                     info->min_args == info->max_args
                         ? fmt::format("{} 需要 {} 个参数, 这里有 {} 个", info->spelling, info->min_args, count)
                         : fmt::format("{} 需要 {} 到 {} 个参数, 这里有 {} 个", info->spelling, info->min_args,
                                       info->max_args, count));
    std::vector<CheckedExprPtr> args;
    bool ok = true;
    for (int i = 0; i < count; ++i) {
        auto arg = check(*e.operands[i]);
        if (is_valid(arg) && e.filters[i]) arg = filtered(std::move(arg), *e.filters[i]);
        ok = ok && is_valid(arg);
        args.push_back(std::move(arg));
    }
    if (!ok) return invalid(e.span);
    auto c = make(ExprOp::builtin, e.span, number_type());
    c->builtin = info->id;
    if (info->aggregate && count == 1) {
        if (!aggregate_type(*c, *args[0], e.operands[0]->span)) return invalid(e.span);
    } else if (info->id == Builtin::contains) {
        if (!(args[0]->type.list && args[0]->type.base == args[1]->type.base && !args[1]->type.list))
            return error(Code::argument_type, e.span, "contains(列表, 值) 的值应与列表元素同类型");
        Type element = args[0]->type;
        element.list = false;
        check_enum_literal(state_, element, *args[1]);
        if (!check_enum_pair(state_, element, args[1]->type, e.span, "这个列表永远不会含有它"))
            return invalid(e.span);
        c->type = bool_type();
    } else if (info->id == Builtin::round_half_up) {
        auto places = args[1]->op == ExprOp::constant ? args[1]->constant.number.to_int64() : std::nullopt;
        if (!places || *places < 0 || *places > 12)
            return error(Code::argument_type, e.operands[1]->span,
                         "round_half_up 的第二个参数应为 0 到 12 的整数常量 (小数位数)");
        if (!args[0]->type.is_number())
            return error(Code::argument_type, e.operands[0]->span, "round_half_up 需要数值");
    } else {
        for (int i = 0; i < count; ++i)
            if (!args[i]->type.is_number())
                return error(Code::argument_type, e.operands[i]->span,
                             fmt::format("{} 需要数值, 这里是 {}", info->spelling, describe(args[i]->type)));
        if (info->id == Builtin::any || info->id == Builtin::empty || info->id == Builtin::count ||
            info->id == Builtin::sum || info->id == Builtin::mean)
            return error(Code::argument_count, e.span,
                         fmt::format("{} 只接受一个列表或下属实体集合", info->spelling));
    }
    if (c->type.is_number()) {
        if (info->id == Builtin::fraction) c->scale = Scale::fraction;
        else if (info->id != Builtin::count)
            for (const auto& arg : args) {
                if (mixes(*args[0], *arg)) return mixed_scales(e, *args[0], *arg, "一起取最大或最小");
                c->scale = joined(c->scale, arg->scale);
            }
    }
    c->args = std::move(args);
    return c;
}

// count/sum/mean/min/max/any/empty over one list or collection.
bool ExpressionChecker::aggregate_type(CheckedExpr& c, const CheckedExpr& arg, Span span) {
    bool is_collection = arg.op == ExprOp::collection;
    if (!arg.type.list && !is_collection) {
        error(Code::argument_type, span,
              fmt::format("{} 需要列表或下属实体集合, 这里是 {}", builtin_info(c.builtin).spelling,
                          describe(arg.type)));
        return false;
    }
    bool bare_collection = is_collection && !arg.element;
    switch (c.builtin) {
    case Builtin::count:
    case Builtin::empty:
        c.type = c.builtin == Builtin::count ? number_type() : bool_type();
        return true;
    case Builtin::any:
    case Builtin::fraction:
        if (!(bare_collection && arg.filter) && !(arg.type.base == BaseType::boolean && !bare_collection)) {
            error(Code::argument_type, span,
                  fmt::format("{} 需要 实体 where 条件, 或条件列表, 例如 {}(户 where 登记完整)",
                              builtin_info(c.builtin).spelling, builtin_info(c.builtin).spelling));
            return false;
        }
        c.type = c.builtin == Builtin::any ? bool_type() : number_type();
        return true;
    default:
        if (bare_collection || arg.type.base != BaseType::number) {
            error(Code::argument_type, span,
                  fmt::format("{} 需要数值列表, 例如 {}(成员.得分)", builtin_info(c.builtin).spelling,
                              builtin_info(c.builtin).spelling));
            return false;
        }
        c.type = number_type();
        return true;
    }
}

CheckedExprPtr ExpressionChecker::filtered(CheckedExprPtr collection, const ast::Expr& where) {
    if (collection->op != ExprOp::collection)
        return error(Code::where_without_entity, where.span,
                     "where 只能用于下属实体, 例如 count(成员 where 综合得分 >= 90)");
    Scope element_scope{collection->type.entity, {}, true, scope_.dependencies};
    auto condition = ExpressionChecker(state_, element_scope).check(where);
    if (!is_valid(condition)) return invalid(where.span);
    if (!condition->type.is_bool()) return error(Code::expected_condition, where.span, "where 后应为条件");
    collection->filter = std::move(condition);
    return collection;
}

CheckedExprPtr ExpressionChecker::user_call(const ast::Expr& e, FunctionId function_id) {
    if (e.operands.size() != state_.program.functions[function_id].params.size())
        return arity_error(e, state_.program.functions[function_id]);
    return typed_call(e, function_id);
}

CheckedExprPtr ExpressionChecker::arity_error(const ast::Expr& e, const Function& function) {
    return error(
        Code::argument_count, e.span,
        fmt::format("{} 需要 {} 个参数, 这里有 {} 个", function.name, function.params.size(), e.operands.size()));
}

CheckedExprPtr ExpressionChecker::typed_call(const ast::Expr& e, FunctionId function_id) {
    auto c = make(ExprOp::function, e.span, Type{});
    c->function = function_id;
    const Function& function = state_.program.functions[function_id];
    bool ok = true;
    for (std::size_t i = 0; i < e.operands.size(); ++i) {
        auto arg = check(*e.operands[i]);
        if (!is_valid(arg)) {
            ok = false;
            continue;
        }
        if (!same_as_text(arg->type, function.params[i]) && function.params[i].base != BaseType::invalid) {
            error(Code::argument_type, e.operands[i]->span,
                  fmt::format("{} 的第 {} 个参数应为 {}, 这里是 {}", function.name, i + 1,
                              describe(function.params[i]), describe(arg->type)));
            ok = false;
        }
        if (ok && !check_enum_argument(state_, function.params[i], *arg,
                                       fmt::format("{} 的第 {} 个参数", function.name, i + 1)))
            ok = false;
        Scale wanted = function.param_scales[i];
        if (ok && ((wanted == Scale::points && arg->scale == Scale::fraction)))
            return error(Code::percent_scale_mixed, e.operands[i]->span,
                         fmt::format("{} 的第 {} 个参数是 0 到 100 的百分数, 这里是写了 % 的比例", function.name, i + 1),
                         "写了 % 的数是 0 到 1 的比例: 乘以 100 再传入, 例如 95 而不是 95%");
        c->args.push_back(std::move(arg));
    }
    if (!ok) return invalid(e.span);
    if (!check_function(state_, function_id))
        return error(Code::recursive_function, e.span,
                     fmt::format("函数 {} 直接或间接调用了自己; 函数不能递归", function.name));
    c->type = function.body ? function.body->type : Type{};
    c->scale = function.body ? function.body->scale : Scale::plain;
    if (c->type.base == BaseType::invalid) return invalid(e.span);
    return c;
}

}  // namespace kaohe::checker
