// Definition pass: values, functions, ranks, flags, record requirements and outputs.
// Grades and vetoes have their own file (grades.cpp).
#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe::checker {

bool check_function(State& state, FunctionId id) {
    int& progress = state.function_progress[id];
    if (progress == 2) return true;
    if (progress == 1) return false;
    progress = 1;
    const ast::FunctionDecl& decl = *state.function_declarations[id];
    Scope scope{EntityId::none(), {}, false, nullptr};
    for (std::size_t i = 0; i < decl.params.size(); ++i)
        scope.locals.push_back({decl.params[i].name, state.program.functions[id].params[i],
                                state.program.functions[id].param_scales[i]});
    auto body = state.check_expr(*decl.body, scope);
    state.program.functions[id].body = std::move(body);
    state.function_progress[id] = 2;
    return true;
}

namespace {

bool uses_collections(const CheckedExpr& e) {
    if (e.op == ExprOp::collection) return true;
    for (const auto& arg : e.args)
        if (arg && uses_collections(*arg)) return true;
    return false;
}

// A variant's text in place of a grade's value must be that grade's value too: a label becomes
// its band now; any other text is looked up among the labels when it is evaluated.
CheckedExprPtr as_grade(State& state, SymbolId grade, CheckedExprPtr text) {
    if (text->op == ExprOp::constant) {
        text->constant.band = state.band_of_label(grade, text->constant.text);
        text->type.grade = grade;
        return text;
    }
    auto converted = std::make_unique<CheckedExpr>();
    converted->op = ExprOp::grade_label;
    converted->span = text->span;
    converted->type = text->type;
    converted->type.grade = grade;
    converted->args.push_back(std::move(text));
    return converted;
}

// `variant V when C { value X … }` becomes X = if C then X_V else X_base, with the
// conditional marked as V's so the bounds analysis for `assert in V` can take its branch.
CheckedExprPtr apply_override(State& state, SymbolId symbol, VariantId variant, const ast::Expr& expr,
                              CheckedExprPtr base) {
    const ast::VariantDecl& decl = *state.variant_declarations[variant];
    Scope scheme_scope{EntityId::none(), {}, true, &state.dependencies[symbol]};
    auto condition = state.check_expr(*decl.when, scheme_scope);
    Scope scope{state.program.symbols[symbol].entity, {}, true, &state.dependencies[symbol]};
    auto replacement = state.check_expr(expr, scope);
    if (!condition || !replacement || !base || condition->type.base == BaseType::invalid ||
        replacement->type.base == BaseType::invalid || base->type.base == BaseType::invalid)
        return base;
    if (!condition->type.is_bool() || uses_collections(*condition)) {
        state.diagnostics.report(Code::variant_condition, decl.when->span,
                                 "变体的条件应为只用方案级输入的条件, 例如 考核年度 = 3");
        return base;
    }
    if (!same_as_text(replacement->type, base->type)) {
        state.diagnostics.report(
            Code::variant_type_mismatch, expr.span,
            fmt::format("变体 {} 中 {} 的类型为 {}, 基础定义为 {}", decl.name, state.program.symbols[symbol].name,
                        type_name(replacement->type, state), type_name(base->type, state)));
        return base;
    }
    // In place of an enum's value, a value of the same set (a literal from it, not an unchecked text).
    if (!check_enum_argument(state, base->type, *replacement,
                             fmt::format("变体 {} 中的 {} ", decl.name, state.program.symbols[symbol].name)))
        return base;
    if (base->type.grade && replacement->type.grade != base->type.grade)
        replacement = as_grade(state, base->type.grade, std::move(replacement));
    auto conditional = std::make_unique<CheckedExpr>();
    conditional->op = ExprOp::conditional;
    conditional->span = expr.span;
    conditional->type = base->type;
    conditional->variant = variant;
    conditional->args.push_back(std::move(condition));
    conditional->args.push_back(std::move(replacement));
    conditional->args.push_back(std::move(base));
    return conditional;
}

}  // namespace

void check_value(State& state, SymbolId symbol) {
    int& progress = state.value_progress[symbol];
    if (progress != 0) return;  // done, or a cycle that order_definitions reports
    progress = 1;
    const ast::Expr& expr = *state.value_declarations.at(symbol);
    ValueDefinition value;
    value.symbol = symbol;
    Scope scope{state.program.symbols[symbol].entity, {}, true, &state.dependencies[symbol]};
    value.expr = state.check_expr(expr, scope);
    if (value.expr) {
        state.program.symbols[symbol].type = value.expr->type;
        state.program.symbols[symbol].scale = value.expr->scale;
    }
    if (state.program.symbols[symbol].type.base == BaseType::collection) {
        state.diagnostics.report(Code::value_is_collection, expr.span,
                                 "定义的值不能是实体集合; 请用 count、sum、mean 等汇总",
                                 fmt::format("例如 count({})", expr.text));
        state.program.symbols[symbol].type = Type{};
    }
    if (auto found = state.overrides.find(symbol); found != state.overrides.end())
        for (const auto& [variant, variant_expr] : found->second)
            value.expr = apply_override(state, symbol, variant, *variant_expr, std::move(value.expr));
    state.program.values.push_back(std::move(value));
    state.value_progress[symbol] = 2;
}

SymbolId add_hidden_condition(State& state, std::string name, Span span, SymbolKind kind, EntityId entity,
                              const ast::Expr& condition, const char* not_a_condition) {
    SymbolId symbol = state.add_symbol({std::move(name), span, kind, entity, {BaseType::boolean}, InputId::none()});
    ValueDefinition value;
    value.symbol = symbol;
    Scope scope{entity, {}, true, &state.dependencies[symbol]};
    value.expr = state.check_expr(condition, scope);
    if (value.expr && value.expr->type.base != BaseType::invalid && !value.expr->type.is_bool())
        state.diagnostics.report(Code::expected_condition, condition.span, not_a_condition);
    state.program.values.push_back(std::move(value));
    return symbol;
}

void check_flag_text(State& state, const ast::FlagItem& flag, EntityId entity, FlagRule& rule) {
    rule.text = flag.text;
    std::size_t open = flag.text.find('{');
    if (flag.loop_list) {
        Scope scope{entity, {}, true, &rule.reads};
        rule.loop_list = state.check_expr(*flag.loop_list, scope);
        if (rule.loop_list && rule.loop_list->type.base != BaseType::invalid &&
            !(rule.loop_list->type.list && rule.loop_list->type.base == BaseType::text && rule.loop_list->op != ExprOp::collection))
            state.diagnostics.report(Code::expected_text_list, flag.loop_list->span, "for ... in 后应为文本列表");
        std::string placeholder = "{" + flag.loop_var + "}";
        if (flag.text.find(placeholder) == std::string::npos)
            state.diagnostics.report(Code::flag_placeholder_missing, flag.span,
                                     fmt::format("标记文本中没有 {}, 每一项会得到相同的标记", placeholder),
                                     fmt::format("例如 \"一票否决:{}\"", placeholder));
        // Every occurrence is a hole the element fills: "否决:{x}/{x}" → "否决:a/a".
        for (std::size_t from = 0;;) {
            std::size_t at = flag.text.find(placeholder, from);
            rule.pieces.push_back(flag.text.substr(from, at - from));
            if (at == std::string::npos) break;
            from = at + placeholder.size();
        }
    } else if (open != std::string::npos) {
        state.diagnostics.report(Code::flag_placeholder_without_loop, flag.span, "标记文本中的 {…} 只能与 for 一起使用",
                                 "例如 flag \"一票否决:{事项}\" for 事项 in 否决事项");
    }
}

namespace {

void check_rank(State& state, const ast::RankDecl& decl, SymbolId symbol) {
    Rank rank;
    rank.symbol = symbol;
    rank.descending = decl.descending;
    EntityId entity = state.program.symbols[symbol].entity;
    Scope scope{entity, {}, true, &state.dependencies[symbol]};
    rank.by = state.check_expr(*decl.by, scope);
    if (rank.by && rank.by->type.base != BaseType::invalid && !rank.by->type.is_number())
        state.diagnostics.report(Code::expected_number, decl.by->span, "排名依据应为数值");
    if (!decl.within.name.empty()) {
        if (auto within = state.resolve_entity(decl.within)) {
            if (!state.is_descendant(entity, *within))
                state.diagnostics.report(
                    Code::not_an_ancestor, decl.within.span,
                    fmt::format("{} 不是 {} 的上级实体, 不能在其内排名", decl.within.name, state.entity_name(entity)));
            rank.within = *within;
        }
    }
    state.program.ranks.push_back(std::move(rank));
}

void check_flag(State& state, const ast::FlagDecl& decl) {
    auto entity = state.resolve_entity(decl.of);
    if (!entity) return;
    FlagRule rule;
    rule.entity = *entity;
    rule.span = decl.flag.span;
    if (decl.flag.named) {
        // A named flag is also a value other rules can test: 通报批评 when 数字脱贫 or …
        SymbolId symbol = state.declared_symbol(&decl);
        if (!symbol) return;  // a duplicate
        check_value(state, symbol);
        const Type& type = state.program.symbols[symbol].type;
        if (type.base != BaseType::invalid && !type.is_bool())
            state.diagnostics.report(Code::expected_condition, decl.when->span, "when 后应为条件");
        rule.condition_symbol = symbol;
        rule.reads.push_back(symbol);
        rule.text = decl.flag.text;
    } else {
        Scope scope{*entity, {}, true, &rule.reads};
        rule.condition = state.check_expr(*decl.when, scope);
        if (rule.condition && rule.condition->type.base != BaseType::invalid && !rule.condition->type.is_bool())
            state.diagnostics.report(Code::expected_condition, decl.when->span, "when 后应为条件");
        check_flag_text(state, decl.flag, *entity, rule);
    }
    state.program.flags.push_back(std::move(rule));
}

void check_entity_requirement(State& state, EntityId entity, const ast::Requirement& requirement) {
    SymbolId symbol = add_hidden_condition(state, fmt::format("require#{}", state.program.requirements.size() + 1),
                                           requirement.span, SymbolKind::requirement, entity, *requirement.condition,
                                           "require 后应为条件");
    state.program.requirements.push_back({symbol, requirement.message, requirement.path});
}

void check_requirements(State& state, const ast::RecordDecl& decl) {
    auto found = state.declared_records.find(&decl);
    if (found == state.declared_records.end()) return;  // a duplicate
    RecordType& record = state.program.records[found->second];
    Scope scope{EntityId::none(), {}, false, nullptr};
    for (const auto& field : record.fields) scope.locals.push_back({field.name, field.type, scale_of(field)});
    for (const auto& requirement : decl.requirements) {
        auto condition = state.check_expr(*requirement.condition, scope);
        if (condition && condition->type.base != BaseType::invalid && !condition->type.is_bool())
            state.diagnostics.report(Code::expected_condition, requirement.condition->span, "require 后应为条件");
        record.requirements.push_back({std::move(condition), requirement.message, requirement.span});
    }
}

}  // namespace

void check_definitions(State& state, const std::vector<ast::Module>& modules) {
    for (const auto& module : modules)
        for (const auto& record : module.records) check_requirements(state, record);
    for (FunctionId function : state.program.functions.ids()) check_function(state, function);
    for (const auto& [entity, requirement] : state.entity_requirements)
        check_entity_requirement(state, entity, *requirement);
    for (const auto& module : modules) {
        for (const auto& value : module.values)
            if (SymbolId symbol = state.declared_symbol(&value))
                check_value(state, symbol);
        for (const auto& rank : module.ranks)
            if (SymbolId symbol = state.declared_symbol(&rank))
                check_rank(state, rank, symbol);
        for (const auto& grade : module.grades)
            if (SymbolId symbol = state.declared_symbol(&grade))
                check_grade(state, grade, symbol);
    }
    int veto_index = 0;
    for (const auto& module : modules)
        for (const auto& veto : module.vetoes) check_veto(state, veto, veto_index++);
    for (const auto& module : modules)
        for (const auto& flag : module.flags) check_flag(state, flag);
    for (const auto& module : modules)
        for (const auto& assertion : module.asserts) check_assert(state, assertion);
    check_quota_shares(state);
}

void check_outputs(State& state, const std::vector<ast::Module>& modules) {
    for (const auto& module : modules)
        for (const auto& decl : module.outputs) {
            auto entity = state.resolve_entity(decl.of);
            if (!entity) continue;
            Output output;
            output.entity = *entity;
            output.kind = decl.kind;
            for (const auto& other : state.program.outputs)
                if (other.entity == *entity)
                    state.diagnostics.report(Code::duplicate_output, decl.of.span,
                                             fmt::format("{} 已有 output 声明", decl.of.name));
            for (const auto& item : decl.items) {
                for (const auto& earlier : decl.items) {
                    if (&earlier == &item) break;
                    if (earlier.key == item.key && earlier.group == item.group)
                        state.diagnostics.report(Code::duplicate_output_key, item.group.empty() ? item.key_span : item.group_span,
                                                 item.group.empty()
                                                     ? fmt::format("{} 已在这个 output 中输出过; 每个字段名只能用一次", item.key)
                                                     : fmt::format("components {} 已在这个 output 中输出过", item.group),
                                                 "要输出多个值, 请换一个字段名或用 components");
                }
                OutputField field;
                field.key = item.key;
                field.group = item.group;
                for (const auto& other : decl.items)  // a group and a component of one name: one JSON key twice
                    if (!item.group.empty() && other.key == "components" && other.group.empty())
                        for (const auto& value : other.values)
                            if (value->text == item.group)
                                state.diagnostics.report(Code::duplicate_output_key, item.group_span,
                                                         fmt::format("components 中已有 {}, 组名不能与它相同", item.group),
                                                         fmt::format("换一个组名, 例如 {}明细", item.group));
                if (!item.group.empty() && item.key != "components")
                    state.diagnostics.report(Code::group_not_components, item.group_span,
                                             fmt::format("{} 后不能写组名 {}; 只有 components 可以分组", item.key, item.group),
                                             fmt::format("写作 components {}: 甲, 乙", item.group));
                if (item.key == "id" || item.key == "entity" || item.key == "flags")
                    state.diagnostics.report(Code::reserved_output_key, item.key_span,
                                             fmt::format("{} 由 kaohe 自动输出, 不必声明", item.key));
                bool components = item.key == "components";
                if (!components && item.values.size() != 1)
                    state.diagnostics.report(Code::output_several_values, item.key_span,
                                             fmt::format("{} 只能输出一个值; 多个值请用 components", item.key));
                Scope scope{*entity, {}, true, nullptr};
                for (const auto& value : item.values) {
                    if (components && value->kind != ast::ExprKind::name)
                        state.diagnostics.report(Code::components_not_names, value->span,
                                                 "components 中应列出已定义的名称");
                    auto checked = state.check_expr(*value, scope);
                    if (checked && checked->type.base != BaseType::invalid &&
                        (checked->type.list || checked->type.base == BaseType::record ||
                         checked->type.base == BaseType::collection))
                        state.diagnostics.report(Code::output_value_type, value->span, "输出的值应为数值、文本或条件");
                    field.names.push_back(value->text);
                    field.values.push_back(std::move(checked));
                }
                output.fields.push_back(std::move(field));
            }
            state.program.outputs.push_back(std::move(output));
        }
}

}  // namespace kaohe::checker
