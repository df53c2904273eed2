#include "runtime/plan.hpp"

#include <algorithm>

namespace kaohe {
namespace {

// The inputs an expression reads, through the functions it calls and the weights it is given.
class InputReads {
public:
    explicit InputReads(const Program& program) : program_(program) {}

    void add(const CheckedExpr* e) {
        if (!e) return;
        if (e->op == ExprOp::symbol && program_.symbols[e->symbol].kind == SymbolKind::input) note(e->symbol);
        if (e->op == ExprOp::weighted)
            for (SymbolId p : program_.weightings[e->weighting].parameters) note(p);
        if (e->op == ExprOp::function && std::find(in_.begin(), in_.end(), e->function) == in_.end()) {
            in_.push_back(e->function);
            add(program_.functions[e->function].body.get());
            in_.pop_back();
        }
        for (const auto& arg : e->args) add(arg.get());
        add(e->element.get());
        add(e->filter.get());
    }

    void add(const Grade& grade) {
        add(grade.by.get());
        for (const Band& band : grade.bands) note(band.parameter);
        for (const Quota& quota : grade.quotas) {
            add(quota.share.get());
            for (const OrderKey& key : quota.order) add(key.expr.get());
        }
    }

    std::vector<SymbolId> take() { return std::move(found_); }

private:
    const Program& program_;
    std::vector<SymbolId> found_;
    std::vector<FunctionId> in_;  // the functions being walked, against recursion

    void note(SymbolId input) {
        if (input && std::find(found_.begin(), found_.end(), input) == found_.end()) found_.push_back(input);
    }
};

}  // namespace

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
    for (const Step& step : plan.steps) {
        InputReads reads(program);
        reads.add(step.expr);
        if (step.rank) reads.add(step.rank->by.get());
        if (step.grade) reads.add(*step.grade);
        for (SymbolId input : reads.take()) plan.dependents[input].push_back(step.symbol);
    }
    for (const FlagRule& rule : program.flags) {
        InputReads reads(program);
        reads.add(rule.condition.get());
        reads.add(rule.loop_list.get());
        plan.flag_reads.push_back(rule.reads);
        for (SymbolId input : reads.take()) plan.flag_reads.back().push_back(input);
    }
    plan.step_of_symbol.assign(program.symbols.size(), -1);
    for (std::size_t i = 0; i < plan.steps.size(); ++i) plan.step_of_symbol[plan.steps[i].symbol] = static_cast<int>(i);
    return plan;
}

}  // namespace kaohe
