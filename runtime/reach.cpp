#include "runtime/reach.hpp"

#include <algorithm>

#include "runtime/expression_evaluator.hpp"
#include "runtime/grading.hpp"

namespace kaohe {
namespace {

// Hears the one quota decision that concerns the row: the pool whose ranked rows hold it.
class QuotaWitness : public EvaluationListener {
public:
    QuotaWitness(const Plan& plan, const RunState& state, const Tables& tables, const ReachQuestion& question)
        : plan_(plan), state_(state), tables_(tables), question_(question) {}

    void on_quota(const QuotaDecision& decision) override {
        if (decision.grade_symbol != question_.grade ||
            std::find(decision.ranked.begin(), decision.ranked.end(), question_.row) == decision.ranked.end())
            return;
        const Table& table = tables_.entities[question_.entity];
        const Grade& grade = *plan_.grade_of_symbol[question_.grade];
        ExpressionEvaluator evaluator(plan_, state_, tables_);
        holders.clear();
        for (std::size_t i = 0; i < decision.slots && i < decision.ranked.size(); ++i) {
            std::uint32_t row = decision.ranked[i];
            holders.emplace_back(table.ids[row], evaluator.number(*grade.by, Context{question_.entity, row}));
        }
        slots = decision.slots;
        pool = decision.pool_entity ? plan_.program->entities[decision.pool_entity].name + " " +
                                          tables_.entities[decision.pool_entity].ids[decision.pool_row]
                                    : std::string();
    }

    std::vector<std::pair<std::string, Rational>> holders;
    std::size_t slots = 0;
    std::string pool;

private:
    const Plan& plan_;
    const RunState& state_;
    const Tables& tables_;
    const ReachQuestion& question_;
};

SymbolId rank_of(const Program& program, EntityId entity) {
    for (const Output& output : program.outputs)
        if (output.entity == entity)
            for (const OutputField& field : output.fields)
                if (field.key == "rank" && field.values.size() == 1 && field.values[0]->op == ExprOp::symbol)
                    return field.values[0]->symbol;
    for (const Rank& rank : program.ranks)
        if (program.symbols[rank.symbol].entity == entity) return rank.symbol;
    return {};
}

// The row's outcome as the tables have it after the last evaluation.
ReachOutcome observe(const Run& run, const ReachQuestion& question, Rational value) {
    const Plan& plan = run.policy().plan;
    const Program& program = run.policy().program;
    const Tables& tables = run.tables();
    const Table& table = tables.entities[question.entity];
    const Grade& grade = *plan.grade_of_symbol[question.grade];
    ReachOutcome outcome;
    outcome.value = std::move(value);
    if (!run.errors().empty()) {
        outcome.failed = true;
        return outcome;
    }
    outcome.score = ExpressionEvaluator(plan, run.state(), tables).number(*grade.by, Context{question.entity, question.row});
    outcome.band_by_score = band_by_score(grade, plan, tables, outcome.score);
    outcome.grade = table.columns[plan.column_of_symbol[question.grade]][question.row].band();
    if (SymbolId rank = rank_of(program, question.entity))
        outcome.rank = table.columns[plan.column_of_symbol[rank]][question.row].number();
    for (std::size_t i = 0; i < program.flags.size() && i < tables.rule_flags.size(); ++i)
        if (program.flags[i].entity == question.entity)
            for (const auto& [row, text] : tables.rule_flags[i])
                if (row == question.row) outcome.flags.push_back(text);
    for (const auto& [symbol, hits] : table.quota_flags)
        for (const auto& [row, text] : hits)
            if (row == question.row) outcome.flags.push_back(text);
    return outcome;
}

// The whole input's value with the variable set to `value`.
Value with(const Value& whole, const ReachVariable& variable, const Rational& value) {
    if (variable.clears) return value.sign() != 0 ? whole : Value::of_items(Value::Kind::list, {});
    Value number = variable.boolean ? Value::of_bool(value.sign() != 0) : Value::of_number(value);
    if (!variable.field && variable.element < 0) return number;
    std::vector<Value> items = whole.elements();
    std::size_t at = variable.field ? variable.field.index() : static_cast<std::size_t>(variable.element);
    items[at] = std::move(number);
    return Value::of_items(variable.field ? Value::Kind::record : Value::Kind::list, std::move(items));
}

// A number's step: 1 for a count, else a hundredth of a point, or finer when the data is finer.
Rational step_of(const ReachVariable& variable) {
    if (variable.boolean || variable.clears || variable.spec->number_kind == NumberKind::count) return Rational(1);
    std::string text = variable.current.to_string();
    auto dot = text.find('.');
    std::size_t places = dot == std::string::npos ? 0 : text.size() - dot - 1;
    Rational step = Rational::fraction(1, 100);
    for (std::size_t i = 2; i < places && i < 12; ++i) step = step / Rational(10);
    return step;
}

class Search {
public:
    Search(Run& run, const ReachQuestion& question, const ReachVariable& variable)
        : run_(run), question_(question), variable_(variable),
          original_(run.tables().entities[question.entity]
                        .columns[run.policy().plan.column_of_symbol[variable.input]][question.row]) {}

    ReachAnswer answer() {
        ReachAnswer answer{.variable = variable_, .reached = {}, .one_less = {}, .by_score = {}, .furthest = {}, .step = step_of(variable_)};
        step_ = answer.step;
        if (variable_.boolean || variable_.clears) {
            Rational flipped(variable_.current.sign() != 0 ? 0 : 1);
            ReachOutcome outcome = trial(flipped);
            (outcome.grade == question_.target && !outcome.failed ? answer.reached : answer.furthest) = outcome;
        } else {
            std::optional<std::int64_t> best;
            int best_direction = 0;
            for (int direction : {1, -1}) {
                std::int64_t limit = steps_to_edge(direction);
                auto steps = smallest(limit, direction, [&](const ReachOutcome& o) { return o.grade == question_.target; });
                if (steps && (!best || *steps < *best)) {
                    best = steps;
                    best_direction = direction;
                }
            }
            if (best) {
                answer.reached = trial(at(*best, best_direction));
                if (*best > 1) answer.one_less = trial(at(*best - 1, best_direction));
                // Where the score alone reaches the band: already (a quota or veto holds the row
                // back now), or after fewer steps than the grade needs.
                ReachOutcome now = trial(variable_.current);
                if (now.band_by_score == question_.target) answer.by_score = now;
                else if (auto by_score = smallest(*best - 1, best_direction,
                                                  [&](const ReachOutcome& o) { return o.band_by_score == question_.target; }))
                    answer.by_score = trial(at(*by_score, best_direction));
            } else {
                // Nothing reached: the end of the range that came closest, and what it gave.
                for (int direction : {1, -1}) {
                    std::int64_t edge = steps_to_edge(direction);
                    if (edge == 0) continue;
                    ReachOutcome outcome = trial(at(edge, direction));
                    if (!answer.furthest || distance(outcome) < distance(*answer.furthest)) answer.furthest = outcome;
                }
            }
        }
        run_.set_input(variable_.input, question_.row, original_);
        run_.reevaluate();
        return answer;
    }

private:
    Run& run_;
    const ReachQuestion& question_;
    const ReachVariable& variable_;
    Value original_;
    Rational step_;

    // How far a search goes where the input's range has no end: a million votes is past any vote.
    static constexpr std::int64_t unbounded_steps = std::int64_t{1} << 20;

    // How far an outcome's grade is from the target, in bands.
    std::size_t distance(const ReachOutcome& outcome) const {
        if (outcome.failed) return SIZE_MAX;
        auto a = outcome.grade.index(), b = question_.target.index();
        return a > b ? a - b : b - a;
    }

    Rational at(std::int64_t steps, int direction) const {
        return variable_.current + Rational(steps * direction) * step_;
    }

    // How many steps the input's range allows in a direction.
    std::int64_t steps_to_edge(int direction) const {
        const auto& edge = direction > 0 ? variable_.spec->high : variable_.spec->low;
        if (!edge) return unbounded_steps;
        Rational room = (direction > 0 ? *edge - variable_.current : variable_.current - *edge) / step_;
        if (room.sign() <= 0) return 0;
        auto whole = room.floor().to_int64();
        return whole && *whole < unbounded_steps ? *whole : unbounded_steps;
    }

    ReachOutcome trial(const Rational& value) {
        QuotaWitness witness(run_.policy().plan, run_.state(), run_.tables(), question_);
        run_.set_input(variable_.input, question_.row, with(original_, variable_, value));
        run_.reevaluate(&witness);
        ReachOutcome outcome = observe(run_, question_, value);
        outcome.holders = std::move(witness.holders);
        outcome.slots = witness.slots;
        outcome.pool = std::move(witness.pool);
        return outcome;
    }

    // The fewest steps in [1, limit] whose trial satisfies `reached`: one at a time for the
    // first few, then doubling to a step that reaches and halving back to the edge.
    template <typename Reached>
    std::optional<std::int64_t> smallest(std::int64_t limit, int direction, Reached reached) {
        auto ok = [&](std::int64_t steps) {
            ReachOutcome outcome = trial(at(steps, direction));
            return !outcome.failed && reached(outcome);
        };
        constexpr std::int64_t one_by_one = 16;
        std::int64_t low = 0;  // known not to reach (0: no change, which does not)
        for (std::int64_t steps = 1; steps <= std::min(limit, one_by_one); ++steps) {
            if (ok(steps)) return steps;
            low = steps;
        }
        std::int64_t high = 0;
        for (std::int64_t steps = low * 2; low < limit; steps *= 2) {
            steps = std::min(steps, limit);
            if (ok(steps)) {
                high = steps;
                break;
            }
            low = steps;
        }
        if (!high) return std::nullopt;
        while (high - low > 1) {
            std::int64_t middle = low + (high - low) / 2;
            (ok(middle) ? high : low) = middle;
        }
        return high;
    }
};

}  // namespace

std::vector<ReachVariable> reach_variables(const Run& run, EntityId entity, std::uint32_t row) {
    const Program& program = run.policy().program;
    const Plan& plan = run.policy().plan;
    const Table& table = run.tables().entities[entity];
    std::vector<ReachVariable> variables;
    for (SymbolId input : program.entities[entity].inputs) {
        const InputSpec& spec = program.inputs[program.symbols[input].input];
        const Value& value = table.columns[plan.column_of_symbol[input]][row];
        const Type& type = spec.type;
        if (type.base == BaseType::number && !type.list)
            variables.push_back({spec.name, input, {}, -1, &spec, value.number()});
        else if (type.base == BaseType::boolean && !type.list)
            variables.push_back({spec.name, input, {}, -1, &spec, Rational(value.boolean() ? 1 : 0), true});
        else if (type.base == BaseType::number && type.list)
            for (std::size_t i = 0; i < value.elements().size(); ++i)
                variables.push_back({spec.name + "[" + std::to_string(i) + "]", input, {}, static_cast<std::int64_t>(i),
                                     &spec, value.elements()[i].number()});
        else if (type.base == BaseType::text && type.list && !value.elements().empty()) {
            std::string shown;
            for (const Value& item : value.elements()) shown += (shown.empty() ? "" : ", ") + std::string(item.text());
            variables.push_back({spec.name, input, {}, -1, &spec, Rational(1), false, true, "[" + shown + "]"});
        }
        else if (type.base == BaseType::record && !type.list) {
            const RecordType& record = program.records[type.record];
            for (FieldIndex f : record.fields.ids())
                if (record.fields[f].type.is_number() && f.index() < value.elements().size())
                    variables.push_back({spec.name + "." + record.fields[f].name, input, f, -1, &record.fields[f],
                                         value.elements()[f.index()].number()});
        }
    }
    return variables;
}

ReachOutcome current_outcome(Run& run, const ReachQuestion& question) { return observe(run, question, Rational()); }

std::vector<ReachAnswer> reach(Run& run, const ReachQuestion& question, const std::vector<ReachVariable>& variables) {
    std::vector<ReachAnswer> answers;
    for (const ReachVariable& variable : variables) answers.push_back(Search(run, question, variable).answer());
    return answers;
}

}  // namespace kaohe
