// Warnings for what a policy declares or computes and then forgets: an input no rule reads
// (P810), a value neither output nor used (P811), and an indicator added to a score's sum
// that the output's `components` do not list (P812).
//
// Runs on the finished program, after every error-free pass: a use is a reference in any
// checked expression (values and the hidden conditions of vetoes and requirements, ranks,
// grades and their quotas, flags, outputs), so a name used only inside a variant is used, and
// anything that exists for its side effect (a flag, a veto, a require) is a use of what it
// reads. Assertions are checked on the AST, not kept in the program, so their names are
// collected from it. Definitions in stdlib modules never warn: a policy uses a part of them.
#include <set>

#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe::checker {
namespace {

void collect(const CheckedExpr* expr, std::set<SymbolId>& used) {
    if (!expr) return;
    if (expr->op == ExprOp::symbol) used.insert(expr->symbol);
    for (const auto& arg : expr->args) collect(arg.get(), used);
    collect(expr->element.get(), used);
    collect(expr->filter.get(), used);
}

void collect_names(const ast::Expr* expr, std::set<std::string>& names) {
    if (!expr) return;
    if (expr->kind == ast::ExprKind::name) names.insert(expr->text);
    for (const auto& operand : expr->operands) collect_names(operand.get(), names);
    for (const auto& filter : expr->filters) collect_names(filter.get(), names);
    for (const auto& item : expr->items) collect_names(item.expr.get(), names);
}

std::set<SymbolId> used_symbols(const State& state, const std::vector<ast::Module>& modules) {
    const Program& program = state.program;
    std::set<SymbolId> used;
    for (const auto& value : program.values) collect(value.expr.get(), used);
    for (const auto& rank : program.ranks) collect(rank.by.get(), used);
    for (const auto& grade : program.grades) {
        collect(grade.by.get(), used);
        for (const auto& quota : grade.quotas) {
            collect(quota.share.get(), used);
            for (const auto& key : quota.order) collect(key.expr.get(), used);
        }
    }
    for (const auto& flag : program.flags) {
        collect(flag.condition.get(), used);
        collect(flag.loop_list.get(), used);
    }
    for (const auto& output : program.outputs)
        for (const auto& field : output.fields)
            for (const auto& value : field.values) collect(value.get(), used);
    for (const auto& function : program.functions) collect(function.body.get(), used);  // parameters
    for (const auto& weighting : program.weightings)
        for (SymbolId parameter : weighting.parameters)
            if (parameter) used.insert(parameter);
    for (const auto& grade : program.grades)
        for (const auto& band : grade.bands)
            if (band.parameter) used.insert(band.parameter);
    std::set<std::string> asserted;  // names in assertions and variant conditions
    for (const auto& module : modules)
        for (const auto& assertion : module.asserts) collect_names(assertion.condition.get(), asserted);
    // A variant with no values keeps its condition out of the program; its inputs are still read.
    for (const auto& module : modules)
        for (const auto& variant : module.variants) collect_names(variant.when.get(), asserted);
    for (SymbolId id : program.symbols.ids())
        if (asserted.count(program.symbols[id].name)) used.insert(id);
    return used;
}

// The files of stdlib modules, by the spans of what they declare.
std::set<std::uint32_t> stdlib_files(const std::vector<ast::Module>& modules) {
    std::set<std::uint32_t> files;
    auto add_entity = [&](auto& self, const ast::EntityDecl& entity) -> void {
        files.insert(entity.name_span.file);
        for (const auto& child : entity.children) self(self, child);
    };
    for (const auto& module : modules) {
        if (!module.stdlib) continue;
        for (const auto& input : module.inputs) files.insert(input.name_span.file);
        for (const auto& value : module.values) files.insert(value.name_span.file);
        for (const auto& entity : module.entities) add_entity(add_entity, entity);
    }
    return files;
}

// round2(x), floor(x) …: the same indicators as x.
const CheckedExpr* unwrap(const CheckedExpr* expr) {
    while (expr && expr->op == ExprOp::builtin && !expr->args.empty() &&
           (expr->builtin == Builtin::round2 || expr->builtin == Builtin::round_half_up ||
            expr->builtin == Builtin::floor || expr->builtin == Builtin::ceil))
        expr = expr->args.front().get();
    return expr;
}

// The terms of a weighted sum or of a chain of + and −; empty when the expression is neither.
void sum_terms(const CheckedExpr* expr, std::vector<const CheckedExpr*>& terms) {
    expr = unwrap(expr);
    if (expr->op == ExprOp::weighted) {
        for (const auto& arg : expr->args) terms.push_back(unwrap(arg.get()));
    } else if (expr->op == ExprOp::binary && (expr->binary == Operator::add || expr->binary == Operator::subtract)) {
        for (const auto& arg : expr->args) {
            const CheckedExpr* term = unwrap(arg.get());
            if (term->op == ExprOp::binary && (term->binary == Operator::add || term->binary == Operator::subtract))
                sum_terms(term, terms);
            else
                terms.push_back(term);
        }
    }
}

class ComponentCheck {
public:
    ComponentCheck(State& state, const std::set<SymbolId>& components, Span components_span)
        : state_(state), components_(components), components_span_(components_span) {}

    // Each value summed into `symbol`'s definition is a component, or is itself a sum of them.
    void check_sum_of(SymbolId symbol) {
        if (!visited_.insert(symbol).second) return;
        const CheckedExpr* definition = definition_of(symbol);
        if (!definition) return;
        std::vector<const CheckedExpr*> terms;
        sum_terms(definition, terms);
        // Components that list none of the sum's parts are not its breakdown: nothing is missing.
        std::set<SymbolId> seen;
        if (!breaks_down(symbol, seen)) return;
        for (const CheckedExpr* term : terms) {
            if (term->op != ExprOp::symbol || components_.count(term->symbol)) continue;
            const Symbol& value = state_.program.symbols[term->symbol];
            if (value.kind != SymbolKind::value && value.kind != SymbolKind::input) continue;
            std::vector<const CheckedExpr*> inner;
            if (const CheckedExpr* inner_definition = definition_of(term->symbol)) sum_terms(inner_definition, inner);
            if (!inner.empty()) {
                check_sum_of(term->symbol);  // a subtotal: its parts may be the components
                continue;
            }
            if (!reported_.insert(term->symbol).second) continue;
            state_.diagnostics
                .report(Code::component_missing, term->span,
                        fmt::format("{} 计入了 {}, 但 output 的 components 没有列出它", value.name,
                                    state_.program.symbols[symbol].name),
                        fmt::format("新增的指标请同时加到 components 中: components: … {}", value.name))
                .related.push_back({components_span_, "components 在这里"});
        }
    }

private:
    // Whether the components list a part of `symbol`'s sum, or of a subtotal within it.
    bool breaks_down(SymbolId symbol, std::set<SymbolId>& seen) const {
        if (!seen.insert(symbol).second) return false;
        const CheckedExpr* definition = definition_of(symbol);
        if (!definition) return false;
        std::vector<const CheckedExpr*> terms;
        sum_terms(definition, terms);
        for (const CheckedExpr* term : terms)
            if (term->op == ExprOp::symbol && (components_.count(term->symbol) || breaks_down(term->symbol, seen)))
                return true;
        return false;
    }

    const CheckedExpr* definition_of(SymbolId symbol) const {
        for (const auto& value : state_.program.values)
            if (value.symbol == symbol) return value.expr.get();
        return nullptr;
    }

    State& state_;
    const std::set<SymbolId>& components_;
    Span components_span_;
    std::set<SymbolId> visited_, reported_;
};

void check_components(State& state) {
    for (const Output& output : state.program.outputs) {
        // Every components group counts: an indicator listed in any of them is shown.
        std::set<SymbolId> listed;
        std::optional<Span> span;
        for (const auto& field : output.fields)
            if (field.key == "components")
                for (const auto& value : field.values) {
                    if (value && value->op == ExprOp::symbol) listed.insert(value->symbol);
                    if (value && !span) span = value->span;
                }
        if (!span) continue;
        for (const auto& field : output.fields) {
            if (field.key == "components" || field.values.size() != 1 || !field.values.front()) continue;
            const CheckedExpr* shown = unwrap(field.values.front().get());
            if (shown->op != ExprOp::symbol || state.program.symbols[shown->symbol].kind != SymbolKind::value) continue;
            ComponentCheck(state, listed, *span).check_sum_of(shown->symbol);
        }
    }
}

}  // namespace

void check_unused(State& state, const std::vector<ast::Module>& modules) {
    std::set<SymbolId> used = used_symbols(state, modules);
    std::set<std::uint32_t> library = stdlib_files(modules);
    const Program& program = state.program;
    for (SymbolId id : program.symbols.ids()) {
        const Symbol& symbol = program.symbols[id];
        if (used.count(id) || library.count(symbol.span.file) || symbol.kind != SymbolKind::input) continue;
        if (program.inputs[symbol.input].default_value) {
            state.diagnostics.report(Code::unused_input, symbol.span,
                                     fmt::format("参数 {} 已声明, 但没有任何规则使用它", symbol.name),
                                     "不需要它就删去这一行; 需要就在权重、分数线或表达式中使用它");
            continue;
        }
        bool optional = symbol.input && program.inputs[symbol.input].optional;
        state.diagnostics.report(Code::unused_input, symbol.span,
                                 fmt::format("输入 {} 已声明, 但没有任何规则使用它", symbol.name),
                                 fmt::format("{}不需要它就删去这一行, 需要就在 value、flag、output 等处使用它",
                                             optional ? "" : "数据中仍须有这个字段; "));
    }
    for (const auto& module : modules) {
        if (module.stdlib) continue;
        for (const auto& decl : module.values) {
            SymbolId id = state.declared_symbol(&decl);
            if (!id || used.count(id)) continue;
            state.diagnostics.report(Code::unused_value, decl.name_span,
                                     fmt::format("{} 计算了, 但既没有输出, 也没有被其他规则使用", decl.name),
                                     "在 output 中输出它 (例如列入 components), 或删去这个 value");
        }
    }
    check_components(state);
}

}  // namespace kaohe::checker
