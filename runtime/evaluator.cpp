#include "runtime/evaluator.hpp"

#include <algorithm>
#include <string>
#include <type_traits>
#include <unordered_set>

#include "base/parallel.hpp"

#include "runtime/expression_evaluator.hpp"
#include "runtime/grading.hpp"
#include "runtime/row_failures.hpp"

namespace kaohe {
namespace {

// Listener is SilentListener (nothing to tell, compiled away) or EvaluationListener.
template <typename Listener>
class StepRunner {
public:
    StepRunner(const Plan& plan, const RunState& state, Tables& tables, Listener& listener)
        : plan_(plan), program_(*plan.program), tables_(tables), evaluator_(plan, state, tables),
          failures_(program_, tables), listener_(listener) {}

    // Every step whose inputs are sound runs and reports every row it fails on, so one run lists
    // all the problems; a step that uses a failed one is skipped, since its errors would only
    // repeat the first. A failed data rule (require) stops every computation: the rule is there
    // to say, better than a division by zero later would, that the data cannot be scored.
    std::vector<DataError> run(const Rerun* only) {
        IdVector<SymbolId, bool> unsound(plan_.dependents.size(), false);
        bool rule_failed = false;
        for (std::size_t i = 0; i < plan_.steps.size(); ++i) {
            const Step& step = plan_.steps[i];
            if (only && !only->steps[i]) continue;
            if (unsound[step.symbol] || (rule_failed && step.kind != StepKind::requirement)) continue;
            std::size_t errors_before = failures_.errors.size();
            run_step(step);
            if (failures_.errors.size() == errors_before) continue;
            if (step.kind == StepKind::requirement) rule_failed = true;
            else mark_downstream(step.symbol, unsound);
        }
        if (rule_failed) return std::move(failures_.errors);
        tables_.rule_flags.resize(program_.flags.size());
        for (std::size_t i = 0; i < program_.flags.size(); ++i) {
            const std::vector<SymbolId>& read = plan_.flag_reads[i];
            auto reads = [&](const IdVector<SymbolId, bool>& marked) {
                return std::any_of(read.begin(), read.end(), [&](SymbolId s) { return marked[s]; });
            };
            if ((only && !only->flag_rules[i]) || reads(unsound)) continue;
            run_flag(i, tables_.rule_flags[i]);
        }
        return std::move(failures_.errors);
    }

    // See check_requirements.
    std::vector<DataError> run_requirements(const IdVector<EntityId, std::vector<bool>>& unsound_rows) {
        unsound_rows_ = &unsound_rows;
        for (const Step& step : plan_.steps)
            if (step.kind == StepKind::requirement && step.entity && reads_only_inputs(step.symbol))
                run_requirement(step);
        return std::move(failures_.errors);
    }

private:
    const Plan& plan_;
    const Program& program_;
    Tables& tables_;
    ExpressionEvaluator evaluator_;
    RowFailures failures_;
    Listener& listener_;
    const IdVector<EntityId, std::vector<bool>>* unsound_rows_ = nullptr;  // rows to leave alone

    bool reads_only_inputs(SymbolId symbol) const {
        const auto& used = program_.dependencies[symbol];
        return std::all_of(used.begin(), used.end(),
                           [&](SymbolId s) { return program_.symbols[s].kind == SymbolKind::input; });
    }

    void mark_downstream(SymbolId failed, IdVector<SymbolId, bool>& unsound) const {
        std::vector<SymbolId> pending{failed};
        while (!pending.empty()) {
            SymbolId symbol = pending.back();
            pending.pop_back();
            if (unsound[symbol]) continue;
            unsound[symbol] = true;
            for (SymbolId user : plan_.dependents[symbol]) pending.push_back(user);
        }
    }

    std::uint32_t rows(EntityId entity) const {
        return !entity ? 1 : static_cast<std::uint32_t>(tables_.entities[entity].size());
    }

    void run_step(const Step& step) {
        switch (step.kind) {
        case StepKind::value: return run_value(step);
        case StepKind::rank: return run_rank(step);
        case StepKind::grade: return evaluate_grade(step, plan_, tables_, evaluator_, failures_, listener_);
        case StepKind::requirement: return run_requirement(step);
        }
    }

    // The cells a value or data-rule step fills: its column, or its one scheme-level slot (row 0).
    Value* cells(const Step& step) {
        int column = plan_.column_of_symbol[step.symbol];
        return !step.entity ? &tables_.scheme_slots[column] : tables_.entities[step.entity].columns[column].data();
    }

    // Computes one row of a value or data-rule step; false when it failed (and was reported).
    bool compute(const Step& step, Value* cells, std::uint32_t row) {
        if (!failures_.guard(step.entity, row,
                             [&] { cells[row] = evaluator_.evaluate(*step.expr, Context{step.entity, row}); }))
            return false;
        listener_.on_value(step, row, cells[row]);
        return true;
    }

    void run_value(const Step& step) {
        Value* column = cells(step);
        // A listener hears rows in order, so only a silent run splits a step over the cores.
        if constexpr (std::is_same_v<Listener, SilentListener>) return run_value_split(step, column);
        for (std::uint32_t row = 0; row < rows(step.entity); ++row) compute(step, column, row);
    }

    // A row reads only columns of earlier steps and writes only its own cell.
    void run_value_split(const Step& step, Value* column) {
        failures_.split_rows(rows(step.entity), evaluator_, [&](std::size_t, const ExpressionEvaluator& evaluator,
                                                               RowFailures& failures, std::uint32_t begin, std::uint32_t end) {
            for (std::uint32_t row = begin; row < end; ++row)
                failures.guard(step.entity, row,
                               [&] { column[row] = evaluator.evaluate(*step.expr, Context{step.entity, row}); });
        });
    }

    void run_requirement(const Step& step) {
        const EntityRequirement& requirement = *step.requirement;
        Value* column = cells(step);
        for (std::uint32_t row = 0; row < rows(step.entity); ++row) {
            if (unsound_rows_ && (*unsound_rows_)[step.entity][row]) continue;
            if (compute(step, column, row) && !column[row].boolean())
                failures_.report(DiagnosticCode::requirement_failed, step.entity, row, requirement.json_key,
                                 requirement.message);
        }
    }

    void run_rank(const Step& step) {
        const Rank& rank = *step.rank;
        Table& table = tables_.entities[step.entity];
        std::vector<Rational> keys(table.size());
        std::size_t errors_before = failures_.errors.size();
        failures_.split_rows(table.size(), evaluator_, [&](std::size_t, const ExpressionEvaluator& evaluator,
                                                          RowFailures& failures, std::uint32_t begin, std::uint32_t end) {
            for (std::uint32_t row = begin; row < end; ++row)
                failures.guard(step.entity, row, [&] { keys[row] = evaluator.number(*rank.by, Context{step.entity, row}); });
        });
        if (failures_.errors.size() != errors_before) return;
        auto& cells = table.columns[plan_.column_of_symbol[step.symbol]];
        auto rank_range = [&](RowRange range) {
            auto ranks = competition_ranks(std::span(keys).subspan(range.first, range.second - range.first),
                                           rank.descending);
            for (std::uint32_t i = 0; i < ranks.size(); ++i) {
                cells[range.first + i] = Value::of_number(Rational(ranks[i]));
                listener_.on_value(step, range.first + i, cells[range.first + i]);
            }
        };
        if (!rank.within) return rank_range({0, static_cast<std::uint32_t>(table.size())});
        const std::vector<RowRange>& ranges = table.ranges[rank.within];
        if constexpr (std::is_same_v<Listener, SilentListener>)  // the ranges hold disjoint rows
            for_chunks(ranges.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
                for (std::size_t r = begin; r < end; ++r) rank_range(ranges[r]);
            });
        else
            for (const RowRange& range : ranges) rank_range(range);
    }

    void run_flag(std::size_t rule_index, std::vector<FlagHit>& hits) {
        const FlagRule& rule = program_.flags[rule_index];
        const Table& table = tables_.entities[rule.entity];
        hits.clear();
        auto filled = [&](std::string_view element) {  // the text around each hole, joined by the element
            std::string out(rule.pieces.front());
            for (std::size_t i = 1; i < rule.pieces.size(); ++i) out.append(element).append(rule.pieces[i]);
            return out;
        };
        auto flag_rows = [&](const ExpressionEvaluator& evaluator, RowFailures& failures, std::uint32_t begin,
                             std::uint32_t end, std::vector<FlagHit>& out) {
            auto hit = [&](std::uint32_t row, std::string text) {
                out.emplace_back(row, std::move(text));
                listener_.on_flag(rule_index, row, out.back().second);
            };
            for (std::uint32_t row = begin; row < end; ++row) {
                failures.guard(rule.entity, row, [&] {
                    Context context{rule.entity, row};
                    bool applies = rule.condition
                                       ? evaluator.condition(*rule.condition, context)
                                       : table.columns[plan_.column_of_symbol[rule.condition_symbol]][row].boolean();
                    if (!applies) return;
                    if (!rule.loop_list) return hit(row, rule.text);
                    for (const Value& item : evaluator.evaluate(*rule.loop_list, context).elements())
                        hit(row, filled(item.text()));
                });
            }
        };
        auto rows = static_cast<std::uint32_t>(table.size());
        if constexpr (std::is_same_v<Listener, SilentListener>)  // a listener hears rows in order
            failures_.split_rows_flagging(rows, evaluator_, hits, flag_rows);
        else
            flag_rows(evaluator_, failures_, 0, rows, hits);
    }
};

// The rows binding reported an error in, and every row above them.
IdVector<EntityId, std::vector<bool>> rows_with_errors(const Program& program, const Tables& tables,
                                                       const std::vector<DataError>& errors) {
    std::unordered_set<std::string_view> error_rows;
    for (const DataError& e : errors)
        if (e.subject == DataSubject::row) error_rows.insert(std::string_view(e.path).substr(0, e.row_length));
    IdVector<EntityId, std::vector<bool>> unsound(program.entities.size());
    for (EntityId entity : program.entities.ids()) unsound[entity].assign(tables.entities[entity].size(), false);
    for (EntityId entity : program.entities.ids())
        for (std::uint32_t first = 0; first < tables.entities[entity].size(); ++first) {
            if (!error_rows.contains(row_path(program, tables, entity, first))) continue;
            std::uint32_t row = first;
            // up through the parents; a row whose parent key did not resolve has none
            for (EntityId e = entity, parent; e && row < unsound[e].size(); e = parent) {
                unsound[e][row] = true;
                parent = program.entities[e].parent;
                if (parent) row = tables.entities[e].parent_row[row];
            }
        }
    return unsound;
}

}  // namespace

std::vector<DataError> check_requirements(const Plan& plan, const RunState& state, Tables& tables,
                                          const std::vector<DataError>& binding_errors) {
    SilentListener silent;
    auto unsound = rows_with_errors(*plan.program, tables, binding_errors);
    return StepRunner<SilentListener>(plan, state, tables, silent).run_requirements(unsound);
}

std::vector<DataError> evaluate_plan(const Plan& plan, const RunState& state, Tables& tables, const Rerun* only,
                                     EvaluationListener* listener) {
    if (listener) return StepRunner<EvaluationListener>(plan, state, tables, *listener).run(only);
    SilentListener silent;
    return StepRunner<SilentListener>(plan, state, tables, silent).run(only);
}

}  // namespace kaohe
