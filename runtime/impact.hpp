// What a new version of a scheme does to one data set: both versions evaluated on the same
// data, their result rows joined by kind and id, and for each row whose grade or rank moved, the
// scores on both sides and the step that moved it when one can be named.
//
// Design decision: the cause comes from what the evaluator reports (EvaluationListener::on_band:
// the band by score alone, and after vetoes capped it), compared between the two runs — not from
// rerunning with one change at a time. The band step is split in two: the old score under the
// new lines (a moved line), then the new score (a moved score); then vetoes, then quotas. That
// names every stage where the runs part, which is what an appeal asks; it does not weigh one
// changed weight against another inside a moved score.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "runtime/run.hpp"

namespace kaohe {

// A row's score, grade and rank as `run` prints them; empty when the output has no such field
// (or it is null there).
struct RowStanding {
    std::string score, grade, rank;
    std::vector<std::string> flags;
};

struct RowImpact {
    std::string id, kind;
    std::optional<RowStanding> before, after;  // unset: the row is in one version's results only
    // threshold (the old score is in another band under the new lines), score (the new score is
    // in another band than the old one under the new lines, or it moved the rank), veto, quota,
    // others (the rank moved because other rows' scores did), added, removed
    std::vector<std::string> causes;
};

// Another output field (a reward, a name) that differs for a row.
struct FieldChange {
    std::string id, kind, field, before, after;
};

struct Impact {
    std::size_t rows_before = 0, rows_after = 0;
    // Rows per grade, in band order (best first), grades of every graded output together.
    std::vector<std::pair<std::string, std::size_t>> grades_before, grades_after;
    // Rows per flag, every flag either run gave (0 where this one gave none).
    std::vector<std::pair<std::string, std::size_t>> flags_before, flags_after;
    std::vector<RowImpact> changed;  // every row whose grade or rank changed, in the new results' order
    std::vector<RowImpact> movers;   // the largest score changes, largest first (at most `mover_count`)
    std::vector<FieldChange> fields;  // every other output field that changed, in the new results' order
    std::vector<RowImpact> flagged;   // rows whose flags changed while grade and rank did not
    // Rows whose score changed, and the largest rise and fall (0 when none).
    std::size_t scores_changed = 0;
    Rational largest_rise, largest_fall;
};

// One side of a comparison: a policy and, for a what-if, the parameters it runs with.
struct RunInput {
    std::shared_ptr<const CompiledPolicy> policy;
    std::vector<ParameterFile> parameters = {};
};

struct ImpactRuns {
    std::optional<Impact> impact;            // set when both versions evaluated
    std::vector<DataError> before_errors;  // why the old version could not evaluate the data
    std::vector<DataError> after_errors;
};

// Both versions evaluated afresh on the same data, and compared.
ImpactRuns measure_impact(const RunInput& before, const RunInput& after, std::shared_ptr<const JsonDocument> document,
                          std::size_t mover_count = 10);

// For each graded row, each grade's band by score and after vetoes, by grade name.
struct BandRecorder : EvaluationListener {
    struct Bands {
        std::string by_score, after_caps;
        Rational value;  // what the grade is by, unrounded
    };
    std::map<std::tuple<std::uint32_t, std::uint32_t, std::string>, Bands> bands;  // (entity, row, grade)
    const Program* program = nullptr;

    void on_band(const Step& step, std::uint32_t row, const Rational& value, BandIndex by_score, BandIndex after_caps) override;
};

// One side of a comparison, evaluated: its run (kept: the new side's thresholds are asked about
// old scores), the bands the evaluator reported, and its results — or its errors.
struct ImpactSide {
    BandRecorder recorder;
    std::unique_ptr<Run> run;
    std::vector<ResultRow> rows;
    std::vector<DataError> errors;
};

ImpactSide evaluate_side(const RunInput& input, std::shared_ptr<const JsonDocument> document);
// The baseline under other parameters files (a --set what-if): a copy of its run re-evaluated
// only where the changed parameters reach (Run::set_parameters), not bound and evaluated afresh.
ImpactSide reevaluate_side(const ImpactSide& baseline, std::vector<ParameterFile> parameters);
ImpactRuns compare_sides(const ImpactSide& before, const ImpactSide& after, std::size_t mover_count = 10);

}  // namespace kaohe
