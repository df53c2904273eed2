#include "lang/ast_printer.hpp"

namespace kaohe::ast {

const char* spelling(BinaryOp op) {
    switch (op) {
    case BinaryOp::logical_or: return "or";
    case BinaryOp::logical_and: return "and";
    case BinaryOp::equal: return "=";
    case BinaryOp::not_equal: return "!=";
    case BinaryOp::less: return "<";
    case BinaryOp::less_equal: return "<=";
    case BinaryOp::greater: return ">";
    case BinaryOp::greater_equal: return ">=";
    case BinaryOp::add: return "+";
    case BinaryOp::subtract: return "-";
    case BinaryOp::multiply: return "*";
    case BinaryOp::divide: return "/";
    }
    return "?";
}

std::string print(const Expr& e) {
    switch (e.kind) {
    case ExprKind::number: return e.number.to_string();
    case ExprKind::text: return "\"" + e.text + "\"";
    case ExprKind::boolean: return e.boolean ? "true" : "false";
    case ExprKind::name: return e.text;
    case ExprKind::field: return print(*e.operands[0]) + "." + e.text;
    case ExprKind::negate: return "(-" + print(*e.operands[0]) + ")";
    case ExprKind::logical_not: return "(not " + print(*e.operands[0]) + ")";
    case ExprKind::binary:
        return "(" + print(*e.operands[0]) + " " + spelling(e.op) + " " + print(*e.operands[1]) + ")";
    case ExprKind::conditional:
        return "(if " + print(*e.operands[0]) + " then " + print(*e.operands[1]) + " else " + print(*e.operands[2]) + ")";
    case ExprKind::call: {
        std::string out = e.text + "(";
        for (std::size_t i = 0; i < e.operands.size(); ++i) {
            if (i) out += ", ";
            out += print(*e.operands[i]);
            if (e.filters[i]) out += " where " + print(*e.filters[i]);
        }
        return out + ")";
    }
    case ExprKind::weighted: {
        std::string out = "weighted{";
        for (std::size_t i = 0; i < e.items.size(); ++i)
            out += (i ? ", " : "") + e.items[i].weight.to_string() + "×" + print(*e.items[i].expr);
        return out + "}";
    }
    }
    return "?";
}

}  // namespace kaohe::ast
