#include "runtime/sensitivity.hpp"

#include <algorithm>
#include <exception>
#include <set>
#include <thread>

#include "base/parallel.hpp"

namespace kaohe {
namespace {

// ---------------------------------------------------------------- one generator per sample

// splitmix64: turns (seed, stream, index) into a well-mixed seed for sample `index`'s own
// generator, so what a sample draws does not depend on which thread drew the samples before it.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::mt19937_64 generator_for(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
    return std::mt19937_64(mix(mix(mix(seed) ^ stream) ^ index));
}

// ---------------------------------------------------------------- reading a sample's results

struct Cell {
    EntityId entity;  // none: a scheme-level slot
    std::uint32_t row = 0;
    int column = 0;
};

const Value& read(const Tables& tables, const Cell& cell) {
    return !cell.entity ? tables.scheme_slots[cell.column] : tables.entities[cell.entity].columns[cell.column][cell.row];
}

// Where an output field's plain symbol lives for a row; nullopt when the field is a formula.
std::optional<Cell> cell_of(const Run& run, const Output& output, std::string_view key, std::uint32_t row) {
    const Program& program = run.policy().program;
    for (const OutputField& field : output.fields) {
        if (field.key != key || field.values.empty() || field.values[0]->op != ExprOp::symbol) continue;
        const CheckedExpr& expr = *field.values[0];
        Cell cell{output.entity, row, run.policy().plan.column_of_symbol[expr.symbol]};
        if (expr.levels_up < 0) return Cell{EntityId(), 0, cell.column};
        for (int up = 0; up < expr.levels_up; ++up) {
            cell.row = run.tables().entities[cell.entity].parent_row[cell.row];
            cell.entity = program.entities[cell.entity].parent;
        }
        return cell;
    }
    return std::nullopt;
}

std::int64_t rank_at(const Tables& tables, const Cell& cell) { return read(tables, cell).number().to_int64().value_or(0); }

struct Watch {
    std::vector<TrackedRow> rows;
    std::vector<std::optional<Cell>> grade_cells, rank_cells;
    std::vector<SymbolId> read;  // the grades and ranks: all a sample needs re-evaluated
};

Watch watch(const Run& baseline) {
    const Program& program = baseline.policy().program;
    const Tables& tables = baseline.tables();
    Watch watch;
    for (std::size_t o = 0; o < program.outputs.size(); ++o) {
        const Output& output = program.outputs[o];
        const Table& table = tables.entities[output.entity];
        for (const OutputField& field : output.fields)
            if ((field.key == "grade" || field.key == "rank") && !field.values.empty() && field.values[0]->op == ExprOp::symbol)
                watch.read.push_back(field.values[0]->symbol);
        for (std::uint32_t position = 0; position < table.size(); ++position) {
            std::uint32_t row = table.document_order.empty() ? position : table.document_order[position];
            std::optional<Cell> grade = cell_of(baseline, output, "grade", row);
            std::optional<Cell> rank = cell_of(baseline, output, "rank", row);
            const Grade* grade_type = nullptr;
            if (grade) {
                for (const OutputField& field : output.fields)
                    if (field.key == "grade") grade_type = baseline.policy().plan.grade_of_symbol[field.values[0]->symbol];
                if (!grade_type) grade.reset();
            }
            if (!grade && !rank) continue;
            TrackedRow tracked;
            tracked.output = o;
            tracked.entity = output.entity;
            tracked.row = row;
            tracked.grade = grade_type;
            if (grade) {
                tracked.baseline_band = read(tables, *grade).band();
                tracked.band_counts.assign(grade_type->bands.size(), 0);
            }
            if (rank) {
                tracked.has_rank = true;
                tracked.baseline_rank = tracked.rank_min = tracked.rank_max = rank_at(tables, *rank);
            }
            watch.rows.push_back(std::move(tracked));
            watch.grade_cells.push_back(grade);
            watch.rank_cells.push_back(rank);
        }
    }
    return watch;
}

// ---------------------------------------------------------------- the samples, split over threads

struct Tally {
    std::uint64_t samples = 0, skipped = 0;
    std::set<std::string> reasons;
    std::vector<TrackedRow> rows;
    std::vector<Influence> influence;
    std::vector<std::vector<bool>> changed_rows;  // per varied parameter, per tracked row
    std::vector<SampleRecord> recorded;
};

class Worker {
public:
    Worker(const Run& baseline, const SensitivitySpec& spec, const Perturbation& perturbation, const Watch& watch)
        : run_(baseline), spec_(spec), perturbation_(perturbation), watch_(watch) {
        tally_.rows = watch.rows;
        for (TrackedRow& row : tally_.rows) {  // the range is over this worker's kept samples
            row.rank_min = INT64_MAX;
            row.rank_max = INT64_MIN;
        }
        tally_.influence.resize(spec.varied.size());
        for (std::size_t v = 0; v < spec.varied.size(); ++v) tally_.influence[v].varied = v;
        tally_.changed_rows.assign(spec.varied.size(), std::vector<bool>(watch.rows.size(), false));
    }

    // Joint samples [first, last), then samples [first_alone, last_alone) of each parameter alone.
    void work(std::uint64_t first, std::uint64_t last, std::uint64_t first_alone, std::uint64_t last_alone) {
        std::vector<std::size_t> every(spec_.varied.size());
        for (std::size_t v = 0; v < every.size(); ++v) every[v] = v;
        for (std::uint64_t i = first; i < last; ++i) joint_sample(i, every);
        apply(run_, perturbation_.restore(every));
        for (std::size_t v = 0; v < every.size(); ++v) {
            for (std::uint64_t i = first_alone; i < last_alone; ++i) alone_sample(v, i);
            apply(run_, perturbation_.restore({v}));
        }
    }

    Tally& tally() { return tally_; }

private:
    Run run_;
    const SensitivitySpec& spec_;
    const Perturbation& perturbation_;
    const Watch& watch_;
    Tally tally_;
    Assignment assignment_;
    std::string reason_;

    // One sample on the run: false (with reason_) when it was skipped.
    bool evaluate(std::mt19937_64& random, const std::vector<std::size_t>& chosen) {
        reason_.clear();
        if (!perturbation_.draw(random, chosen, assignment_, reason_)) return false;
        apply(run_, assignment_);
        if (run_.reevaluate_for(watch_.read)) return true;
        reason_ = "重新计算出错: " + run_.errors().front().message;
        return false;
    }

    void joint_sample(std::uint64_t index, const std::vector<std::size_t>& every) {
        std::mt19937_64 random = generator_for(spec_.seed, 0, index);
        bool kept = evaluate(random, every);
        if (spec_.record_samples) tally_.recorded.push_back({index, reason_, perturbation_.sets(assignment_)});
        if (!kept) return skip(tally_.skipped);
        ++tally_.samples;
        const Tables& tables = run_.tables();
        for (std::size_t r = 0; r < tally_.rows.size(); ++r) {
            TrackedRow& row = tally_.rows[r];
            if (watch_.grade_cells[r]) {
                std::size_t band = read(tables, *watch_.grade_cells[r]).band().index();
                if (band < row.band_counts.size()) ++row.band_counts[band];  // a kept sample graded every row
            }
            if (watch_.rank_cells[r]) {
                std::int64_t rank = rank_at(tables, *watch_.rank_cells[r]);
                row.rank_min = std::min(row.rank_min, rank);
                row.rank_max = std::max(row.rank_max, rank);
            }
        }
    }

    void alone_sample(std::size_t varied, std::uint64_t index) {
        std::mt19937_64 random = generator_for(spec_.seed, varied + 1, index);
        Influence& influence = tally_.influence[varied];
        if (!evaluate(random, {varied})) return skip(influence.skipped);
        ++influence.samples;
        std::uint64_t changes = 0;
        const Tables& tables = run_.tables();
        for (std::size_t r = 0; r < watch_.rows.size(); ++r) {
            if (!watch_.grade_cells[r] || read(tables, *watch_.grade_cells[r]).band() == watch_.rows[r].baseline_band) continue;
            ++changes;
            tally_.changed_rows[varied][r] = true;
        }
        influence.grade_changes += changes;
        influence.most_grade_changes = std::max(influence.most_grade_changes, changes);
    }

    void skip(std::uint64_t& counter) {
        ++counter;
        tally_.reasons.insert(reason_);
    }
};

void merge(Tally& into, Tally& from) {
    into.samples += from.samples;
    into.skipped += from.skipped;
    into.reasons.insert(from.reasons.begin(), from.reasons.end());
    for (std::size_t r = 0; r < into.rows.size(); ++r) {
        TrackedRow& a = into.rows[r];
        const TrackedRow& b = from.rows[r];
        for (std::size_t band = 0; band < a.band_counts.size(); ++band) a.band_counts[band] += b.band_counts[band];
        a.rank_min = std::min(a.rank_min, b.rank_min);
        a.rank_max = std::max(a.rank_max, b.rank_max);
    }
    for (std::size_t v = 0; v < into.influence.size(); ++v) {
        Influence& a = into.influence[v];
        const Influence& b = from.influence[v];
        a.samples += b.samples;
        a.skipped += b.skipped;
        a.grade_changes += b.grade_changes;
        a.most_grade_changes = std::max(a.most_grade_changes, b.most_grade_changes);
        for (std::size_t r = 0; r < into.rows.size(); ++r)
            if (from.changed_rows[v][r]) into.changed_rows[v][r] = true;
    }
    std::move(from.recorded.begin(), from.recorded.end(), std::back_inserter(into.recorded));
}

}  // namespace

SensitivityReport run_sensitivity(const Run& baseline, const SensitivitySpec& spec) {
    Perturbation perturbation(baseline, spec.varied, spec.spread);
    Watch watched = watch(baseline);
    unsigned threads = std::max(1u, spec.threads);
    std::vector<Worker> workers;
    workers.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) workers.emplace_back(baseline, spec, perturbation, watched);
    std::vector<std::exception_ptr> failures(threads);
    auto share = [&](std::uint64_t total, unsigned t) { return total * t / threads; };
    auto work = [&](unsigned t) {
        NoSplitting already_split;  // the samples are what is spread over the cores
        try {
            workers[t].work(share(spec.samples, t), share(spec.samples, t + 1), share(spec.influence_samples, t),
                            share(spec.influence_samples, t + 1));
        } catch (...) {
            failures[t] = std::current_exception();
        }
    };
    std::vector<std::thread> running;
    for (unsigned t = 1; t < threads; ++t) running.emplace_back(work, t);
    work(0);
    for (std::thread& thread : running) thread.join();
    for (const std::exception_ptr& failure : failures)
        if (failure) std::rethrow_exception(failure);

    Tally& total = workers[0].tally();
    for (unsigned t = 1; t < threads; ++t) merge(total, workers[t].tally());
    SensitivityReport report{total.samples, total.skipped, {total.reasons.begin(), total.reasons.end()},
                             std::move(total.rows), std::move(total.influence), std::move(total.recorded)};
    for (TrackedRow& row : report.rows)
        if (report.samples == 0) row.rank_min = row.rank_max = row.baseline_rank;
    for (Influence& influence : report.influence)
        influence.rows_ever_changed = std::count(total.changed_rows[influence.varied].begin(),
                                                 total.changed_rows[influence.varied].end(), true);
    // most grade changes per kept sample first (a/b > c/d compared as a·d > c·b); ties in --vary order
    std::stable_sort(report.influence.begin(), report.influence.end(), [](const Influence& a, const Influence& b) {
        return Rational::fraction(a.grade_changes, std::max<std::uint64_t>(a.samples, 1)) >
               Rational::fraction(b.grade_changes, std::max<std::uint64_t>(b.samples, 1));
    });
    std::sort(report.recorded.begin(), report.recorded.end(),
              [](const SampleRecord& a, const SampleRecord& b) { return a.index < b.index; });
    return report;
}

}  // namespace kaohe
