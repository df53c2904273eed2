#include "runtime/impact.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "runtime/grading.hpp"
#include "runtime/listener.hpp"

namespace kaohe {
namespace {

using Side = ImpactSide;

const Grade* grade_named(const Program& program, const std::string& name) {
    for (const Grade& grade : program.grades)
        if (program.symbols[grade.symbol].name == name) return &grade;
    return nullptr;
}

std::string field_text(const ResultRow& row, std::string_view key) {
    for (const auto& [name, cell] : row.fields)
        if (name == key) return cell.kind == Cell::Kind::null ? "" : cell_text(cell);
    return "";
}

RowStanding standing(const ResultRow& row) {
    return {field_text(row, "score"), field_text(row, "grade"), field_text(row, "rank"), row.flags};
}

std::optional<Rational> number(const std::string& text) { return text.empty() ? std::nullopt : Rational::parse(text); }

// Every label either run gave, with 0 where this run gave none, so before and after line up.
std::vector<std::pair<std::string, std::size_t>> grade_counts(const std::vector<ResultRow>& rows,
                                                              const std::vector<ResultRow>& other_rows,
                                                              const std::vector<std::string>& band_order) {
    std::map<std::string, std::size_t> counts;
    for (const ResultRow& row : other_rows)
        if (std::string grade = field_text(row, "grade"); !grade.empty()) counts[grade];
    for (const ResultRow& row : rows)
        if (std::string grade = field_text(row, "grade"); !grade.empty()) ++counts[grade];
    std::vector<std::pair<std::string, std::size_t>> ordered;
    for (const std::string& label : band_order)
        if (auto it = counts.find(label); it != counts.end()) ordered.emplace_back(label, it->second), counts.erase(it);
    for (const auto& [label, count] : counts) ordered.emplace_back(label, count);
    return ordered;
}

// How many rows have each flag, flags in the order they first appear in either run.
std::vector<std::pair<std::string, std::size_t>> flag_counts(const std::vector<ResultRow>& rows,
                                                             const std::vector<ResultRow>& other_rows) {
    std::vector<std::pair<std::string, std::size_t>> counts;
    std::map<std::string_view, std::size_t> position;  // into counts: a national run has many rows
    for (const auto* side : {&rows, &other_rows})
        for (const ResultRow& row : *side)
            for (const std::string& flag : row.flags) {
                auto [at, added] = position.emplace(flag, counts.size());
                if (added) counts.emplace_back(flag, 0);
                if (side == &rows) ++counts[at->second].second;
            }
    return counts;
}

// Every grade's labels, best first: the new version's grades, then labels only the old one has.
std::vector<std::string> band_order(const Program& after, const Program& before) {
    std::vector<std::string> order;
    for (const Program* program : {&after, &before})
        for (const Grade& grade : program->grades)
            for (const Band& band : grade.bands)
                if (std::find(order.begin(), order.end(), band.label) == order.end()) order.push_back(band.label);
    return order;
}

// Why a row's grade or rank differs between the two runs: the first stages where they part.
std::vector<std::string> causes(const ResultRow& old_row, const ResultRow& new_row, const Side& before, const Side& after) {
    RowStanding a = standing(old_row), b = standing(new_row);
    std::vector<std::string> found;
    auto add = [&](const char* cause) {
        if (std::find(found.begin(), found.end(), cause) == found.end()) found.push_back(cause);
    };
    std::optional<Rational> old_score = number(a.score), new_score = number(b.score);
    bool score_moved = a.score != b.score && !(old_score && new_score && *old_score == *new_score);
    // This row's grades: the recorder's keys sort by (entity, row, grade), so they are one run.
    // When only the rank moved, the score or others' scores did that: no band to compare.
    const auto& old_bands_of = before.recorder.bands;
    for (auto at = old_bands_of.lower_bound({old_row.entity.index(), old_row.row, std::string()});
         a.grade != b.grade && at != old_bands_of.end() && std::get<0>(at->first) == old_row.entity.index() &&
         std::get<1>(at->first) == old_row.row;
         ++at) {
        const auto& [key, old_bands] = *at;
        auto it = after.recorder.bands.find({new_row.entity.index(), new_row.row, std::get<2>(key)});
        if (it == after.recorder.bands.end()) continue;
        const auto& new_bands = it->second;
        // Old → new in two steps: the old score under the new lines, then the new score. A band
        // that differs at the first step was moved by a line, at the second by the score.
        const Run& run = *after.run;
        const Grade* grade = grade_named(run.policy().program, std::get<2>(key));
        std::string old_score_now = grade ? grade->bands[band_by_score(*grade, run.policy().plan, run.tables(), old_bands.value)].label
                                          : old_bands.by_score;
        if (old_score_now != old_bands.by_score) add("threshold");
        if (new_bands.by_score != old_score_now) add("score");
        bool capped_before = old_bands.by_score != old_bands.after_caps, capped_after = new_bands.by_score != new_bands.after_caps;
        if (capped_before != capped_after || (capped_before && old_bands.after_caps != new_bands.after_caps)) add("veto");
        bool quota_before = !a.grade.empty() && a.grade != old_bands.after_caps;
        bool quota_after = !b.grade.empty() && b.grade != new_bands.after_caps;
        if (quota_before != quota_after || (quota_before && a.grade != b.grade)) add("quota");
    }
    if (a.rank != b.rank || found.empty()) add(score_moved ? "score" : a.grade != b.grade ? "quota" : "others");
    return found;
}

}  // namespace

void BandRecorder::on_band(const Step& step, std::uint32_t row, const Rational& value, BandIndex by_score,
                           BandIndex after_caps) {
    const std::string& grade = program->symbols[step.grade->symbol].name;
    bands[{step.entity.index(), row, grade}] = {step.grade->bands[by_score].label, step.grade->bands[after_caps].label, value};
}

ImpactSide evaluate_side(const RunInput& input, std::shared_ptr<const JsonDocument> document) {
    ImpactSide side;
    side.recorder.program = &input.policy->program;
    side.run = std::make_unique<Run>(input.policy, std::move(document), input.parameters);
    if (side.run->evaluate(&side.recorder)) side.rows = side.run->results();
    side.errors = side.run->errors();
    return side;
}

ImpactSide reevaluate_side(const ImpactSide& baseline, std::vector<ParameterFile> parameters) {
    ImpactSide side;
    side.recorder = baseline.recorder;  // grades the change does not reach keep their bands
    side.run = std::make_unique<Run>(*baseline.run);
    if (side.run->set_parameters(std::move(parameters)) && side.run->reevaluate(&side.recorder))
        side.rows = side.run->results();
    side.errors = side.run->errors();
    return side;
}

ImpactRuns measure_impact(const RunInput& before, const RunInput& after, std::shared_ptr<const JsonDocument> document,
                          std::size_t mover_count) {
    return compare_sides(evaluate_side(before, document), evaluate_side(after, document), mover_count);
}

ImpactRuns compare_sides(const ImpactSide& old_side, const ImpactSide& new_side, std::size_t mover_count) {
    ImpactRuns result{std::nullopt, old_side.errors, new_side.errors};
    if (!old_side.errors.empty() || !new_side.errors.empty()) return result;

    Impact impact;
    impact.rows_before = old_side.rows.size();
    impact.rows_after = new_side.rows.size();
    std::vector<std::string> order = band_order(new_side.run->policy().program, old_side.run->policy().program);
    impact.grades_before = grade_counts(old_side.rows, new_side.rows, order);
    impact.grades_after = grade_counts(new_side.rows, old_side.rows, order);
    impact.flags_before = flag_counts(old_side.rows, new_side.rows);
    impact.flags_after = flag_counts(new_side.rows, old_side.rows);

    std::map<std::pair<std::string, std::string>, const ResultRow*> old_rows;
    for (const ResultRow& row : old_side.rows) old_rows[{row.kind, row.id}] = &row;
    std::vector<std::pair<Rational, RowImpact>> moves;
    for (const ResultRow& row : new_side.rows) {
        auto found = old_rows.find({row.kind, row.id});
        if (found == old_rows.end()) {
            impact.changed.push_back({row.id, row.kind, std::nullopt, standing(row), {"added"}});
            continue;
        }
        const ResultRow& old_row = *found->second;
        old_rows.erase(found);
        RowImpact entry{row.id, row.kind, standing(old_row), standing(row), {}};
        for (const auto& [name, cell] : row.fields) {
            if (name == "score" || name == "grade" || name == "rank") continue;
            for (const auto& [old_name, old_cell] : old_row.fields) {
                if (old_name != name) continue;
                std::string before_text = cell_text(old_cell), after_text = cell_text(cell);
                std::optional<Rational> x = number(before_text), y = number(after_text);
                if (x && y ? *x != *y : before_text != after_text)
                    impact.fields.push_back({row.id, row.kind, std::string(name), before_text, after_text});
            }
        }
        if (entry.before->grade != entry.after->grade || entry.before->rank != entry.after->rank) {
            entry.causes = causes(old_row, row, old_side, new_side);
            impact.changed.push_back(entry);
        }
        else if (entry.before->flags != entry.after->flags) impact.flagged.push_back(entry);
        std::optional<Rational> a = number(entry.before->score), b = number(entry.after->score);
        if (a && b && *a != *b) {
            ++impact.scores_changed;
            if (*b > *a) impact.largest_rise = std::max(impact.largest_rise, *b - *a);
            else impact.largest_fall = std::max(impact.largest_fall, *a - *b);
            moves.emplace_back(*b > *a ? *b - *a : *a - *b, std::move(entry));
        }
    }
    for (const ResultRow& row : old_side.rows)
        if (old_rows.count({row.kind, row.id})) impact.changed.push_back({row.id, row.kind, standing(row), std::nullopt, {"removed"}});
    std::stable_sort(moves.begin(), moves.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    for (std::size_t i = 0; i < moves.size() && i < mover_count; ++i) impact.movers.push_back(std::move(moves[i].second));
    result.impact = std::move(impact);
    return result;
}

}  // namespace kaohe
