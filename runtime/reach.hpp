// "What would it take?": for one entity and a grade it does not have, the smallest change of each
// of its inputs that gives it that grade, everything else fixed — through rounding, bands, vetoes
// and quotas, since every trial is a real re-evaluation of the whole scheme.
//
// Design decision: a search over the input's own steps (one vote, one hundredth of a point),
// each step a what-if re-evaluation of just what the input feeds (Run::set_input), first one
// step at a time, then doubling and halving. It assumes that once a change reaches the grade, a
// larger change in the same direction does too (more votes never lose a slot); both the answer
// and one step less are evaluated, so the answer is exact at its edge. The cost: a grade that
// comes and goes as an input grows would be reported at a later edge than its first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/run.hpp"

namespace kaohe {

// One number the search may change: an input, a record's field or a list's element of one row.
struct ReachVariable {
    std::string name;  // as --set-data writes it after the id: 民主测评票.优秀, 正职评分[0], 实绩得分
    SymbolId input;
    FieldIndex field;            // a record's field, or none
    std::int64_t element = -1;   // a list's element, or -1
    const InputSpec* spec = nullptr;  // the number's own spec (the field's, the list's)
    Rational current;
    bool boolean = false;        // a yes/no input: the only change is to flip it
    // A list of texts (否决事项): the only change tried is to empty it; `shown` is the list as it is.
    bool clears = false;
    std::string shown = {};
};

// What an entity's row can vary: its number and yes/no inputs, its records' number fields, its
// number lists' elements, and its non-empty lists of texts (emptied), in declaration order.
std::vector<ReachVariable> reach_variables(const Run& run, EntityId entity, std::uint32_t row);

// What one trial gave the row.
struct ReachOutcome {
    Rational value;          // the input's value tried
    Rational score;          // what the grade is by
    BandIndex band_by_score; // the band the score alone falls in
    BandIndex grade;         // after vetoes and quotas
    std::optional<Rational> rank;
    std::vector<std::string> flags;
    bool failed = false;     // the scheme could not score it (a division by zero)
    // When a quota kept the row out of the band: who holds the pool's slots, best first.
    std::vector<std::pair<std::string, Rational>> holders;  // id, score
    std::size_t slots = 0;
    std::string pool;        // the pool's id
};

struct ReachAnswer {
    ReachVariable variable;
    std::optional<ReachOutcome> reached;     // the smallest change that reaches the grade
    std::optional<ReachOutcome> one_less;    // one step less than that (absent when that is no change)
    std::optional<ReachOutcome> by_score;    // the smallest change whose score alone falls in the band, when
                                             // that is less than `reached` (a quota or veto stood between)
    std::optional<ReachOutcome> furthest;    // no answer: the furthest change tried, and what it gave
    Rational step;                           // the input's step: 1 for counts, else 0.01 or finer
};

struct ReachQuestion {
    EntityId entity;
    std::uint32_t row = 0;
    SymbolId grade;   // the grade's symbol
    BandIndex target;
};

// The run must be evaluated without errors; it is left as it was found (every trial undone).
std::vector<ReachAnswer> reach(Run& run, const ReachQuestion& question, const std::vector<ReachVariable>& variables);

// The row's outcome as the run has it now.
ReachOutcome current_outcome(Run& run, const ReachQuestion& question);

}  // namespace kaohe
