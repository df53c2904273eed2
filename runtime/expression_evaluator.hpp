// Evaluates one checked expression for one row of one entity table.
//
// A failure inside a row (division by zero, the mean of an empty list) unwinds as an
// EvaluationFailure to the step that evaluates the row, which turns it into a DataError
// naming the entity and the policy position; it never escapes the runtime.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "runtime/plan.hpp"
#include "runtime/run_state.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

struct Context {
    EntityId entity;  // none: scheme level
    std::uint32_t row = 0;
    const Value* const* locals = nullptr;  // function arguments (or record fields), by position
};

struct EvaluationFailure {
    Span span;
    std::string message;
};

class ExpressionEvaluator {
public:
    ExpressionEvaluator(const Plan& plan, const RunState& state, const Tables& tables)
        : plan_(plan), program_(*plan.program), state_(state), tables_(tables) {}

    Value evaluate(const CheckedExpr& expr, const Context& context) const;
    // Numbers, truths and texts without boxing each intermediate result in a Value.
    Rational number(const CheckedExpr& expr, const Context& context) const;
    bool condition(const CheckedExpr& expr, const Context& context) const;
    // A view into the program or the data, which outlive every evaluation.
    std::string_view text(const CheckedExpr& expr, const Context& context) const;

    // Rows of `entity` below the context's row (all rows at scheme level).
    RowRange rows_below(EntityId entity, const Context& context) const;

    // Another evaluator of the same run, for another thread (each has its own scratch space).
    ExpressionEvaluator another() const { return ExpressionEvaluator(plan_, state_, tables_); }

private:
    const Plan& plan_;
    const Program& program_;
    const RunState& state_;
    const Tables& tables_;
    mutable std::deque<Value> scratch_;  // computed function arguments, innermost call last

    const Value& symbol(const CheckedExpr& e, const Context& context) const;
    // The value a symbol or local already holds, without copying; null for anything else.
    const Value* stored(const CheckedExpr& e, const Context& context) const;
    bool equal(const CheckedExpr& left, const CheckedExpr& right, const Context& context) const;
    // A text and, for a grade's value, its band; the text views into the program or the data.
    struct Label {
        std::string_view text;
        BandIndex band;
    };
    Label label(const CheckedExpr& e, const Context& context) const;
    Value builtin(const CheckedExpr& e, const Context& context) const;
    Value call(const CheckedExpr& e, const Context& context) const;
    // Calls visit(const Value&) for each element without copying lists; returns how many
    // there were (for a collection: after the filter). A collection without an element
    // expression is only counted.
    template <typename Visit>
    std::size_t for_each_element(const CheckedExpr& e, const Context& context, Visit&& visit) const;
    Value aggregate(const CheckedExpr& e, const Context& context) const;
    // Evaluates a call's arguments into a small frame and runs body with them as locals.
    template <typename Body>
    auto with_arguments(const CheckedExpr& call, const Context& context, Body&& body) const;
};

// Inline: every read of a column goes through here.
inline const Value& ExpressionEvaluator::symbol(const CheckedExpr& e, const Context& context) const {
    int column = plan_.column_of_symbol[e.symbol];
    if (e.levels_up < 0) return tables_.scheme_slots[column];
    EntityId entity = context.entity;
    std::uint32_t row = context.row;
    for (int up = 0; up < e.levels_up; ++up) {
        row = tables_.entities[entity].parent_row[row];
        entity = program_.entities[entity].parent;
    }
    return tables_.entities[entity].columns[column][row];
}

}  // namespace kaohe
