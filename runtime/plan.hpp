// The plan: the checked program laid out for evaluation. Every definition has a column in
// its entity's table (or a scheme-level slot), and the steps run in dependency order.
//
// The evaluator sees only the plan and the tables; it never looks a name up.
#pragma once

#include <vector>

#include "lang/program.hpp"

namespace kaohe {

enum class StepKind { value, rank, grade, requirement };

struct Step {
    StepKind kind = StepKind::value;
    SymbolId symbol;
    EntityId entity;  // none: computed once for the scheme
    const CheckedExpr* expr = nullptr;  // value steps
    const Rank* rank = nullptr;
    const Grade* grade = nullptr;
    const EntityRequirement* requirement = nullptr;  // requirement steps (expr is its condition)
};

struct Plan {
    const Program* program = nullptr;
    IdVector<SymbolId, int> column_of_symbol;  // column in the symbol's entity table, or scheme-level slot
    IdVector<EntityId, int> column_count;
    int scheme_slot_count = 0;
    std::vector<Step> steps;
    // For each entity, its ancestors nearest first: what ranges are kept for.
    IdVector<EntityId, std::vector<EntityId>> ancestors;
    // The definitions that use each directly; for an input (a parameter too), those that read it,
    // so a what-if that changes an input finds what to recompute the same way.
    IdVector<SymbolId, std::vector<SymbolId>> dependents;
    std::vector<std::vector<SymbolId>> flag_reads;  // per Program::flags rule: its reads, inputs included
    IdVector<SymbolId, int> step_of_symbol;                // -1 for inputs
    IdVector<SymbolId, const Grade*> grade_of_symbol;      // null for what is not a grade
};

Plan make_plan(const Program& program);

}  // namespace kaohe
