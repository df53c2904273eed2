#include "runtime/plan.hpp"

namespace kaohe {

Plan make_plan(const Program& program) {
    Plan plan;
    plan.program = &program;
    plan.column_of_symbol.assign(program.symbols.size(), -1);
    plan.column_count.assign(program.entities.size(), 0);
    for (SymbolId id : program.symbols.ids()) {
        const Symbol& symbol = program.symbols[id];
        plan.column_of_symbol[id] = !symbol.entity ? plan.scheme_slot_count++ : plan.column_count[symbol.entity]++;
    }
    plan.ancestors.resize(program.entities.size());
    for (EntityId e : program.entities.ids())
        for (EntityId a = program.entities[e].parent; a; a = program.entities[a].parent) plan.ancestors[e].push_back(a);

    IdVector<SymbolId, const ValueDefinition*> value_of(program.symbols.size(), nullptr);
    IdVector<SymbolId, const Rank*> rank_of(program.symbols.size(), nullptr);
    IdVector<SymbolId, const Grade*>& grade_of = plan.grade_of_symbol;
    grade_of.assign(program.symbols.size(), nullptr);
    for (const auto& v : program.values) value_of[v.symbol] = &v;
    for (const auto& r : program.ranks) rank_of[r.symbol] = &r;
    for (const auto& g : program.grades) grade_of[g.symbol] = &g;
    IdVector<SymbolId, const EntityRequirement*> requirement_of(program.symbols.size(), nullptr);
    for (const auto& r : program.requirements) requirement_of[r.symbol] = &r;
    for (SymbolId symbol : program.evaluation_order) {
        Step step;
        step.symbol = symbol;
        step.entity = program.symbols[symbol].entity;
        if (rank_of[symbol]) {
            step.kind = StepKind::rank;
            step.rank = rank_of[symbol];
        } else if (grade_of[symbol]) {
            step.kind = StepKind::grade;
            step.grade = grade_of[symbol];
        } else {
            step.expr = value_of[symbol]->expr.get();
            if (requirement_of[symbol]) {
                step.kind = StepKind::requirement;
                step.requirement = requirement_of[symbol];
            }
        }
        plan.steps.push_back(step);
    }
    plan.dependents.resize(program.symbols.size());
    for (SymbolId s : program.dependencies.ids())
        for (SymbolId used : program.dependencies[s]) plan.dependents[used].push_back(s);
    plan.step_of_symbol.assign(program.symbols.size(), -1);
    for (std::size_t i = 0; i < plan.steps.size(); ++i) plan.step_of_symbol[plan.steps[i].symbol] = static_cast<int>(i);
    return plan;
}

}  // namespace kaohe
