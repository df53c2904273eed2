// Evaluates one checked expression for one row of one entity table.
//
// A failure inside a row (division by zero, the mean of an empty list) unwinds as an
// EvaluationFailure to the step that evaluates the row, which turns it into a DataError
// naming the entity and the policy position; it never escapes the runtime.
#pragma once

#include <string>
#include <vector>

#include "runtime/plan.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

struct Context {
    int entity = -1;  // -1: scheme level
    std::uint32_t row = 0;
    const std::vector<Value>* locals = nullptr;
};

struct EvaluationFailure {
    Span span;
    std::string message;
};

class ExpressionEvaluator {
public:
    ExpressionEvaluator(const Plan& plan, const Tables& tables) : plan_(plan), program_(*plan.program), tables_(tables) {}

    Value evaluate(const CheckedExpr& expr, const Context& context) const;
    Rational number(const CheckedExpr& expr, const Context& context) const { return evaluate(expr, context).number; }
    bool condition(const CheckedExpr& expr, const Context& context) const { return evaluate(expr, context).boolean; }

    // Rows of `entity` below the context's row (all rows at scheme level).
    RowRange rows_below(int entity, const Context& context) const;

private:
    const Plan& plan_;
    const Program& program_;
    const Tables& tables_;

    Value symbol(const CheckedExpr& e, const Context& context) const;
    Value binary(const CheckedExpr& e, const Context& context) const;
    Value builtin(const CheckedExpr& e, const Context& context) const;
    Value call(const CheckedExpr& e, const Context& context) const;
    // The elements an aggregate folds: a list's items, or a collection's (filtered) elements.
    std::vector<Value> elements(const CheckedExpr& e, const Context& context, std::size_t* count_only) const;
};

}  // namespace kaohe
