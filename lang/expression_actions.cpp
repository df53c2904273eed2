// Parse tree → AST for expressions: literals, names, calls, weighted sums, field access, the
// binary layers (folded to the left) and if/else-if ladders. The declarations (parse_actions.cpp)
// call TreeToAst::expr for each expression they hold.
#include "lang/parse_actions.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lang/grammar.hpp"

namespace kaohe::detail {
namespace {

namespace g = grammar;

ast::BinaryOp binary_op(const std::string& spelled) {
    using ast::BinaryOp;
    std::string op = ascii_twins(spelled);
    if (op == "or") return BinaryOp::logical_or;
    if (op == "and") return BinaryOp::logical_and;
    if (op == "=") return BinaryOp::equal;
    if (op == "!=") return BinaryOp::not_equal;
    if (op == "<") return BinaryOp::less;
    if (op == "<=") return BinaryOp::less_equal;
    if (op == ">") return BinaryOp::greater;
    if (op == ">=") return BinaryOp::greater_equal;
    if (op == "+") return BinaryOp::add;
    if (op == "-") return BinaryOp::subtract;
    if (op == "*") return BinaryOp::multiply;
    return BinaryOp::divide;
}

bool is_operator(const Node& n) {
    return n.is_type<g::op_or>() || n.is_type<g::op_and>() || n.is_type<g::op_compare>() ||
           n.is_type<g::op_add>() || n.is_type<g::op_multiply>();
}

}  // namespace

ast::ExprPtr TreeToAst::make(ast::ExprKind kind, const Node& n) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = kind;
    e->span = span(n);
    return e;
}

ast::ExprPtr TreeToAst::number(const Node& n) {  // [-] digits [. digits] [%]
    auto e = make(ast::ExprKind::number, n);
    std::string text = ascii_twins(n.string());
    std::size_t digits = text.find_first_not_of("0123456789.-");
    e->percent = digits != std::string::npos;
    e->number = *Rational::parse(text.substr(0, digits));
    if (e->percent) e->number = e->number / Rational(100);
    return e;
}

// call ← identifier ( argument, … ); argument ← expr [where_clause]
ast::ExprPtr TreeToAst::call(const Node& n) {
    auto e = make(ast::ExprKind::call, n);
    e->text = the<g::identifier>(n).string();
    for (const Node* argument : every<g::argument>(n)) {
        e->operands.push_back(expr(the_expression(*argument)));
        const Node* where = maybe<g::where_clause>(*argument);
        e->filters.push_back(where ? expr(the_expression(*where)) : nullptr);
    }
    return e;
}

// weighted_expr ← weighted { (weight expr)* }
ast::ExprPtr TreeToAst::weighted(const Node& n) {
    auto e = make(ast::ExprKind::weighted, n);
    for (const Node* item : every<g::weighted_item>(n)) {
        const Node& written = the<g::weight>(*item);
        ast::WeightedItem w{{}, false, {}, span(written), expr(the_expression(*item)), layout(*item)};
        if (const Node* name = maybe<g::weight_name>(written)) {
            w.weight_name = name->string();
        } else {
            auto weight = number(the<g::number_lit>(written));
            w.weight = weight->number;
            w.percent = weight->percent;
        }
        e->items.push_back(std::move(w));
    }
    return e;
}

// postfix_expr ← primary field_access+ (fold_one leaves a bare primary alone)
ast::ExprPtr TreeToAst::postfix(const Node& n) {
    ast::ExprPtr object = expr(the_expression(n));
    for (const Node* access : every<g::field_access>(n)) {
        auto e = make(ast::ExprKind::field, *access);
        e->span.begin = object->span.begin;
        e->text = the<g::field_name>(*access).string();
        e->operands.push_back(std::move(object));
        object = std::move(e);
    }
    return object;
}

// A binary layer: operand (op operand)*, folded to the left.
ast::ExprPtr TreeToAst::binary(const Node& n) {
    ast::ExprPtr left;
    const Node* op = nullptr;
    for (const auto& c : n.children) {
        if (is_operator(*c)) {
            op = c.get();
            continue;
        }
        if (!left) {
            left = expr(*c);
            continue;
        }
        auto e = make(ast::ExprKind::binary, n);
        e->span.begin = left->span.begin;
        e->op = binary_op(op->string());
        e->operands.push_back(std::move(left));
        e->operands.push_back(expr(*c));
        e->span.end = e->operands.back()->span.end;
        left = std::move(e);
    }
    return left;
}

// if c1 then x1 else if c2 then x2 … else y: each `else if` becomes a conditional nested in
// the else of the one before, built from the last branch back so no recursion follows the ladder.
ast::ExprPtr TreeToAst::conditional(const Node& n) {
    std::vector<const Node*> branches{&n};
    for (const auto& c : n.children)
        if (c->is_type<g::else_if>()) branches.push_back(c.get());
    ast::ExprPtr otherwise = expr(*expressions(n).back());
    for (auto branch = branches.rbegin(); branch != branches.rend(); ++branch) {
        auto e = make(ast::ExprKind::conditional, **branch);
        if (*branch != &n) e->span.begin = static_cast<std::uint32_t>(text_.find("if", e->span.begin + 4));  // past `else`
        auto parts = expressions(**branch);
        e->operands.push_back(expr(*parts[0]));
        e->operands.push_back(expr(*parts[1]));
        e->span.end = otherwise->span.end;
        e->operands.push_back(std::move(otherwise));
        otherwise = std::move(e);
    }
    return otherwise;
}

ast::ExprPtr TreeToAst::expr(const Node& n) {
    using ast::ExprKind;
    if (n.is_type<g::number_lit>()) return number(n);
    if (n.is_type<g::string_lit>()) {
        auto e = make(ExprKind::text, n);
        e->text = string_text(n);
        return e;
    }
    if (n.is_type<g::boolean_lit>()) {
        auto e = make(ExprKind::boolean, n);
        e->boolean = n.string() == "true";
        return e;
    }
    if (n.is_type<g::variable>()) {
        auto e = make(ExprKind::name, n);
        e->text = n.string();
        return e;
    }
    if (n.is_type<g::negation>() || n.is_type<g::logical_not>()) {
        auto e = make(n.is_type<g::negation>() ? ExprKind::negate : ExprKind::logical_not, n);
        e->operands.push_back(expr(the_expression(n)));
        return e;
    }
    if (n.is_type<g::if_expr>()) return conditional(n);
    if (n.is_type<g::call>()) return call(n);
    if (n.is_type<g::weighted_expr>()) return weighted(n);
    if (n.is_type<g::postfix_expr>()) return postfix(n);
    return binary(n);
}

}  // namespace kaohe::detail
