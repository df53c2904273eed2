// Inside runtime/explanation: the walker that builds one row's derivations. Values, inputs and
// weighted sums are in explanation.cpp; grades, vetoes, quotas and ranks in explanation_grades.cpp.
// Not a public header: the CLI includes runtime/explanation.hpp only.
#pragma once

#include <set>
#include <tuple>

#include "runtime/explanation.hpp"
#include "runtime/expression_evaluator.hpp"
#include "runtime/run.hpp"

namespace kaohe::detail {

// Where a symbol's value lives for the row being explained: its own row, an ancestor's, or the
// scheme's slots (entity none).
struct Place {
    EntityId entity;
    std::uint32_t row = 0;
};

class ExplanationBuilder {
public:
    ExplanationBuilder(const Run& run, const EvaluationRecord& record, EntityId entity, std::uint32_t row);

    // The symbol `levels_up` entities above `from` (−1: the scheme), derived with what it read.
    Derivation symbol(SymbolId symbol, Place from, int levels_up, int depth);
    // Whether a value of this place was already derived in full (it is then named, not repeated).
    bool was_shown(SymbolId symbol, Place place) const { return shown_.count({symbol, place.entity, place.row}) > 0; }

    RuleSource source(Span declaration, const Symbol* symbol, const CheckedExpr* formula) const;
    std::string formula(const CheckedExpr& expr) const;
    std::string id_of(Place place) const;  // "县区 LN01", "方案"
    const Value& stored(SymbolId symbol, Place place) const;
    const CheckedExpr* definition(SymbolId symbol) const;
    std::vector<FlagStory> flags() const;

    const Program& program;
    const Plan& plan;
    const Tables& tables;
    const RunState& state;
    const SourceSet& sources;
    const EvaluationRecord& record;
    ExpressionEvaluator evaluator;
    Place explained;

private:
    std::map<SymbolId, const CheckedExpr*> definitions_;
    std::set<std::tuple<SymbolId, EntityId, std::uint32_t>> shown_;

    // The values and inputs an expression reads (not inside a weighted sum's terms already shown).
    void reads(const CheckedExpr& expr, Place place, int depth, Derivation& into, bool skip_weighted);
    void value(Derivation& d, SymbolId symbol, Place place, int depth);
    void grade(Derivation& d, SymbolId symbol, Place place, int depth);
    void rank(Derivation& d, SymbolId symbol, Place place, int depth);
    QuotaStory quota(const Grade& grade, std::size_t index, Place place, int depth);
};

// Up `levels_up` entities from a place; the scheme for −1.
Place place_up(const Program& program, const Tables& tables, Place from, int levels_up);

}  // namespace kaohe::detail
