// Expression pass: resolves every name in an expression and gives every node a type; calls of
// functions and builtins are typed in calls.cpp.
//
// Name lookup, nearest first: locals (function parameters, loop and record variables),
// definitions of the current entity, then of each ancestor entity, then scheme-level ones,
// then entity types below the current one (a collection, for count/sum/mean ...).
#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe::checker {

CheckedExprPtr ExpressionChecker::check(const ast::Expr& e) {
    switch (e.kind) {
    case ast::ExprKind::number: {
        auto c = make(ExprOp::constant, e.span, number_type());
        c->constant.number = e.number;
        c->scale = e.percent ? Scale::fraction : Scale::plain;
        return c;
    }
    case ast::ExprKind::text: {
        auto c = make(ExprOp::constant, e.span, {BaseType::text});
        c->constant.base = BaseType::text;
        c->constant.text = e.text;
        return c;
    }
    case ast::ExprKind::boolean: {
        auto c = make(ExprOp::constant, e.span, bool_type());
        c->constant.base = BaseType::boolean;
        c->constant.boolean = e.boolean;
        return c;
    }
    case ast::ExprKind::name: return name(e);
    case ast::ExprKind::field: return field(e);
    case ast::ExprKind::negate:
        return unary(e, ExprOp::negate, number_type(), Code::expected_number, "负号只能用于数值");
    case ast::ExprKind::logical_not:
        return unary(e, ExprOp::logical_not, bool_type(), Code::expected_condition, "not 只能用于条件");
    case ast::ExprKind::binary: return binary(e);
    case ast::ExprKind::conditional: return conditional(e);
    case ast::ExprKind::call: return call(e);
    case ast::ExprKind::weighted: return weighted(e);
    }
    return nullptr;
}

CheckedExprPtr ExpressionChecker::name(const ast::Expr& e) {
    for (std::size_t i = 0; i < scope_.locals.size(); ++i)
        if (scope_.locals[i].name == e.text) {
            auto c = make(ExprOp::local, e.span, scope_.locals[i].type);
            c->local = LocalSlot(i);
            c->scale = scope_.locals[i].scale;
            return c;
        }
    if (scope_.allow_symbols) {
        EntityId entity = scope_.entity;
        for (int up = 0;; ++up) {
            SymbolId symbol = state_.find_symbol(entity, e.text);
            if (symbol) return symbol_ref(e, symbol, !entity ? -1 : up);
            if (!entity) break;
            entity = state_.program.entities[entity].parent;
        }
        auto child = state_.entity_by_name.find(e.text);
        if (child != state_.entity_by_name.end()) {
            if (!state_.is_descendant(child->second, scope_.entity)) {
                // Two top-level entities: the data may relate them by key (docs: Relations by key).
                bool joinable = scope_.entity && !state_.program.entities[child->second].parent;
                return error(Code::not_a_descendant, e.span,
                             fmt::format("{} 不是 {} 下属的实体, 这里不能汇总它", e.text,
                                         state_.entity_name(scope_.entity)),
                             joinable ? fmt::format("若每个 {} 在数据中写明所属 {} 的编号, 在声明中写 entity {} at … "
                                                    "key … belongs to {} by 编号字段",
                                                    e.text, state_.entity_name(scope_.entity), e.text,
                                                    state_.entity_name(scope_.entity))
                                      : "");
            }
            auto c = make(ExprOp::collection, e.span, {BaseType::collection});
            c->type.entity = child->second;
            return c;
        }
    }
    // A `param` is one number for the whole run, so a function may read it too.
    if (!scope_.allow_symbols)
        if (SymbolId symbol = state_.find_symbol(EntityId::none(), e.text);
            symbol && state_.program.symbols[symbol].kind == SymbolKind::input &&
            state_.program.inputs[state_.program.symbols[symbol].input].default_value)
            return symbol_ref(e, symbol, -1);
    if (!state_.unknown_names.insert(e.text).second) return invalid(e.span);  // said once is enough
    std::string where = scope_.allow_symbols ? "" : " (函数体内只能使用函数的参数和 param 参数)";
    // Defined, but on an entity this one cannot see (an output of 县区 naming a value of 成员).
    if (scope_.allow_symbols)
        for (const Symbol& other : state_.program.symbols)
            if (other.name == e.text && other.kind != SymbolKind::veto_condition &&
                other.kind != SymbolKind::requirement)
                return error(Code::unknown_name, e.span,
                             fmt::format("{} 定义在 {} 上, 在 {} 这里用不到", e.text,
                                         state_.entity_name(other.entity), state_.entity_name(scope_.entity)),
                             fmt::format("{} 的每一行有自己的 {}: 在 {} 上可以汇总它, 例如 mean({}.{})",
                                         state_.entity_name(other.entity), e.text, state_.entity_name(scope_.entity),
                                         state_.entity_name(other.entity), e.text));
    std::string suggestion = closest_name(e.text, state_.visible_names(scope_));
    return error(Code::unknown_name, e.span, fmt::format("未定义的名称 {}{}", e.text, where),
                 suggestion.empty() ? "" : fmt::format("是否指 {}？", suggestion));
}

CheckedExprPtr ExpressionChecker::symbol_ref(const ast::Expr& e, SymbolId symbol, int levels_up) {
    const Symbol& s = state_.program.symbols[symbol];
    if (s.kind == SymbolKind::value) check_value(state_, symbol);
    if (scope_.dependencies && s.kind != SymbolKind::input) scope_.dependencies->push_back(symbol);
    auto c = make(ExprOp::symbol, e.span, state_.program.symbols[symbol].type);
    c->symbol = symbol;
    c->levels_up = levels_up;
    c->scale = state_.program.symbols[symbol].scale;
    return c;
}

CheckedExprPtr ExpressionChecker::field(const ast::Expr& e) {
    auto object = check(*e.operands[0]);
    if (!is_valid(object)) return invalid(e.span);
    if (object->type.base == BaseType::record && !object->type.list) {
        const RecordType& record = state_.program.records[object->type.record];
        for (FieldIndex i : record.fields.ids())
            if (record.fields[i].name == e.text) {
                auto c = make(ExprOp::field, e.span, record.fields[i].type);
                c->field = i;
                c->scale = scale_of(record.fields[i]);
                c->args.push_back(std::move(object));
                return c;
            }
        std::vector<std::string> names;
        for (const auto& f : record.fields) names.push_back(f.name);
        std::string suggestion = closest_name(e.text, names);
        return error(Code::unknown_field, e.span, fmt::format("记录 {} 没有字段 {}", record.name, e.text),
                     suggestion.empty() ? "" : fmt::format("是否指 {}？", suggestion));
    }
    if (object->op == ExprOp::collection && !object->element) {
        // 成员.综合得分: the value of each child, resolved in the child's own scope.
        Scope element_scope{object->type.entity, {}, true, scope_.dependencies};
        ast::Expr name_expr;
        name_expr.kind = ast::ExprKind::name;
        name_expr.text = e.text;
        name_expr.span = e.span;
        auto element = ExpressionChecker(state_, element_scope).check(name_expr);
        if (!is_valid(element)) return invalid(e.span);
        object->element = std::move(element);
        object->type.base = object->element->type.base;
        object->type.record = object->element->type.record;
        object->type.list = true;
        object->scale = object->element->scale;
        object->span = e.span;
        return object;
    }
    return error(Code::no_fields, e.span, fmt::format("{} 没有字段可取", describe(object->type)));
}

CheckedExprPtr ExpressionChecker::unary(const ast::Expr& e, ExprOp op, Type wanted, Code code, const char* message) {
    auto operand = check(*e.operands[0]);
    if (!is_valid(operand)) return invalid(e.span);
    if (!(operand->type == wanted)) return error(code, e.operands[0]->span, message);
    auto c = make(op, e.span, wanted);
    c->scale = operand->scale;
    c->args.push_back(std::move(operand));
    return c;
}

// A grade compared with a text: the text must be one of the grade's band labels, and becomes
// that band, so the comparison is of band indices.
void ExpressionChecker::check_grade_label(const CheckedExpr& grade, CheckedExpr& label) {
    if (!grade.type.grade || label.op != ExprOp::constant || label.constant.base != BaseType::text) return;
    auto found = state_.grade_declarations.find(grade.type.grade);
    if (found == state_.grade_declarations.end()) return;
    if (BandIndex band = state_.band_of_label(grade.type.grade, label.constant.text)) {
        label.constant.band = band;
        label.type.grade = grade.type.grade;
        return;
    }
    std::vector<std::string> labels;
    for (const auto& band : found->second->bands) labels.push_back(band.label);
    std::string suggestion = closest_name(label.constant.text, labels);
    std::string all;
    for (const auto& l : labels) all += (all.empty() ? "" : "、") + l;
    state_.diagnostics.report(Code::unknown_band, label.span,
                              fmt::format("“{}” 不是 {} 的等次 ({})", label.constant.text,
                                          state_.program.symbols[grade.type.grade].name, all),
                              suggestion.empty() ? "" : fmt::format("是否指 {}？", suggestion));
}

// ------------------------------------------------------------ percentages (see Scale)
// Only what still reads as a percentage keeps a scale: points ± a number, points ÷ 100 (a
// fraction), a fraction × a fraction. 30 × 率 ÷ 100 is a score, plain, like any other product.
Scale ExpressionChecker::arithmetic_scale(ast::BinaryOp op, const CheckedExpr& left, const CheckedExpr& right) {
    Scale l = left.scale, r = right.scale;
    switch (op) {
    case ast::BinaryOp::add:
    case ast::BinaryOp::subtract: return joined(l, r);
    case ast::BinaryOp::multiply:
        return l == Scale::fraction && r == Scale::fraction ? Scale::fraction : Scale::plain;
    case ast::BinaryOp::divide:
        if (l == Scale::points && right.op == ExprOp::constant && right.constant.number == Rational(100))
            return Scale::fraction;
        return Scale::plain;
    default: return Scale::plain;
    }
}

// 达标率 >= 100%: a percent input holds 0–100, 100% is 1, so this is true only at 100 of 100.
CheckedExprPtr ExpressionChecker::mixed_scales(const ast::Expr& e, const CheckedExpr& a, const CheckedExpr& b, const char* doing) {
    bool a_points = a.scale == Scale::points;
    const CheckedExpr& fraction = a_points ? b : a;
    const CheckedExpr& points = a_points ? a : b;
    std::string points_name = points.op == ExprOp::symbol ? state_.program.symbols[points.symbol].name
                              : points.op == ExprOp::local ? scope_.locals[points.local.index()].name
                              : e.kind == ast::ExprKind::binary ? (a_points ? "左边" : "右边")
                                                                : "这个值";
    std::string hint;
    if (fraction.op == ExprOp::constant) {
        std::string digits = (fraction.constant.number * Rational(100)).to_string();
        hint = fmt::format("{} 是 0 到 100 的数: 这里写 {}, 不写 {}%", points_name, digits, digits);
    } else {
        hint = "写了 % 的数是 0 到 1 的比例: 先把百分数除以 100, 或把比例乘以 100";
    }
    return error(Code::percent_scale_mixed, e.span,
                 fmt::format("{} 是 0 到 100 的数, 不能与写了 % 的比例直接{}", points_name, doing), hint);
}

CheckedExprPtr ExpressionChecker::binary(const ast::Expr& e) {
    using ast::BinaryOp;
    auto left = check(*e.operands[0]);
    auto right = check(*e.operands[1]);
    if (!is_valid(left) || !is_valid(right)) return invalid(e.span);
    Type result;
    switch (e.op) {
    case BinaryOp::logical_or:
    case BinaryOp::logical_and:
        if (!left->type.is_bool())
            return error(Code::expected_condition, e.operands[0]->span, "and/or 两边应为条件");
        if (!right->type.is_bool())
            return error(Code::expected_condition, e.operands[1]->span, "and/or 两边应为条件");
        result = bool_type();
        break;
    case BinaryOp::equal:
    case BinaryOp::not_equal:
        if (!same_as_text(left->type, right->type) || left->type.list || left->type.base == BaseType::record ||
            left->type.base == BaseType::collection)
            return error(Code::incomparable_types, e.span,
                         fmt::format("无法比较 {} 和 {}", describe(left->type), describe(right->type)));
        check_grade_label(*left, *right);
        check_grade_label(*right, *left);
        check_enum_literal(state_, left->type, *right);
        check_enum_literal(state_, right->type, *left);
        if (!check_enum_pair(state_, left->type, right->type, e.span, "这里的比较结果永远相同"))
            return invalid(e.span);
        result = bool_type();
        break;
    case BinaryOp::less:
    case BinaryOp::less_equal:
    case BinaryOp::greater:
    case BinaryOp::greater_equal:
        if (!left->type.is_number() || !right->type.is_number())
            return error(
                Code::expected_number, e.span,
                fmt::format("大小比较两边应为数值, 这里是 {} 和 {}", describe(left->type), describe(right->type)));
        if (mixes(*left, *right)) return mixed_scales(e, *left, *right, "比较");
        result = bool_type();
        break;
    default:
        if (!left->type.is_number())
            return error(Code::expected_number, e.operands[0]->span,
                         fmt::format("算术运算需要数值, 这里是 {}", describe(left->type)));
        if (!right->type.is_number())
            return error(Code::expected_number, e.operands[1]->span,
                         fmt::format("算术运算需要数值, 这里是 {}", describe(right->type)));
        if (e.op == BinaryOp::divide && right->op == ExprOp::constant && right->constant.number.is_zero())
            return error(Code::division_by_zero, e.operands[1]->span, "除数为 0");
        if ((e.op == BinaryOp::add || e.op == BinaryOp::subtract) && mixes(*left, *right))
            return mixed_scales(e, *left, *right, e.op == BinaryOp::add ? "相加" : "相减");
        if (e.op == BinaryOp::divide && left->scale == Scale::points && right->scale == Scale::fraction)
            return mixed_scales(e, *left, *right, "相除");
        result = number_type();
    }
    auto c = make(ExprOp::binary, e.span, result);
    if (result.is_number()) c->scale = arithmetic_scale(e.op, *left, *right);
    c->binary = program_operator(e.op);
    c->args.push_back(std::move(left));
    c->args.push_back(std::move(right));
    return c;
}

CheckedExprPtr ExpressionChecker::conditional(const ast::Expr& e) {
    auto condition = check(*e.operands[0]);
    auto then_value = check(*e.operands[1]);
    auto else_value = check(*e.operands[2]);
    if (!is_valid(condition) || !is_valid(then_value) || !is_valid(else_value)) return invalid(e.span);
    if (!condition->type.is_bool())
        return error(Code::expected_condition, e.operands[0]->span, "if 后应为条件 (真或假)");
    if (!same_as_text(then_value->type, else_value->type))
        return error(Code::branch_types_differ, e.span,
                     fmt::format("then 和 else 的类型不同: {} 和 {}", describe(then_value->type),
                                 describe(else_value->type)));
    if (mixes(*then_value, *else_value)) return mixed_scales(e, *then_value, *else_value, "作为 then 和 else");
    // A text beside an enumeration must be one of its values (a grade's may be any text:
    // `if 否决 then "不定等次" else 等次` is a common and meant use).
    check_enum_literal(state_, then_value->type, *else_value);
    check_enum_literal(state_, else_value->type, *then_value);
    if (!check_enum_pair(state_, then_value->type, else_value->type, e.span, "不能作为 then 和 else 的两个值"))
        return invalid(e.span);
    auto c = make(ExprOp::conditional, e.span, then_value->type);
    c->scale = joined(then_value->scale, else_value->scale);
    c->type.grade = then_value->type.grade == else_value->type.grade ? then_value->type.grade : SymbolId::none();
    c->type.enumeration = then_value->type.enumeration == else_value->type.enumeration ? then_value->type.enumeration
                                                                                       : EnumId::none();
    c->args.push_back(std::move(condition));
    c->args.push_back(std::move(then_value));
    c->args.push_back(std::move(else_value));
    return c;
}

CheckedExprPtr ExpressionChecker::weighted(const ast::Expr& e) {
    auto c = make(ExprOp::weighted, e.span, number_type());
    Rational total;
    std::vector<Rational> weights;
    std::vector<SymbolId> parameters;
    std::string parts;  // "实绩权重 60% + 30%", for the message
    bool ok = true;
    for (const auto& item : e.items) {
        auto value = check(*item.expr);
        if (!is_valid(value)) {
            ok = false;
            continue;
        }
        if (!value->type.is_number()) {
            error(Code::expected_number, item.expr->span,
                  fmt::format("加权项应为数值, 这里是 {}", describe(value->type)));
            ok = false;
            continue;
        }
        Rational weight = item.weight;
        SymbolId parameter;
        if (!item.weight_name.empty()) {
            parameter = resolve_parameter(state_, item.weight_name, item.weight_span, ParameterUse::weight);
            if (!parameter) {
                ok = false;
                continue;
            }
            weight = *state_.program.inputs[state_.program.symbols[parameter].input].default_value;
        } else if (!item.percent) {
            error(Code::weight_without_percent, item.weight_span,
                  fmt::format("权重 {} 没有写 %: 是 {}% 吗?", item.weight.to_string(), item.weight.to_string()),
                  fmt::format("权重写作百分数, 例如 {}%", item.weight.to_string()));
            ok = false;
            continue;
        }
        if (weight.is_zero())
            state_.diagnostics.report(Code::zero_weight, item.weight_span, "权重为 0 的项不影响结果");
        total = total + weight;
        parts += fmt::format("{}{}{}%", parts.empty() ? "" : " + ", parameter ? item.weight_name + " " : "",
                             (weight * Rational(100)).to_string());
        weights.push_back(weight);
        parameters.push_back(parameter);
        for (const auto& earlier : c->args)
            if (mixes(*earlier, *value)) return mixed_scales(e, *earlier, *value, "加权");
        c->scale = joined(c->scale, value->scale);
        c->args.push_back(std::move(value));
    }
    if (!ok) return invalid(e.span);
    if (total != Rational(1)) {
        Span head{e.span.begin, e.span.begin + 8, e.span.file};  // `weighted`
        return error(Code::weights_not_100, head,
                     fmt::format("权重合计为 {}% ({}), 应为 100%", (total * Rational(100)).to_string(), parts),
                     "各项权重之和必须正好是 100%");
    }
    c->weighting = state_.program.weightings.push_back(make_weighting(std::move(weights), std::move(parameters)));
    return c;
}

CheckedExprPtr State::check_expr(const ast::Expr& expr, Scope& scope) {
    return ExpressionChecker(*this, scope).check(expr);
}

std::string type_name(const Type& type, const State& state) {
    std::string base;
    switch (type.base) {
    case BaseType::number: base = "数值"; break;
    case BaseType::boolean: base = "条件"; break;
    case BaseType::text: base = type.enumeration ? "枚举 " + state.program.enums[type.enumeration].name : "文本"; break;
    case BaseType::record: base = "记录 " + state.program.records[type.record].name; break;
    case BaseType::collection: return "实体集合 " + state.program.entities[type.entity].name;
    case BaseType::invalid: return "未知类型";
    }
    return type.list ? base + "列表" : base;
}

}  // namespace kaohe::checker
