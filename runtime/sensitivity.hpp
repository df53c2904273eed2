// Sensitivity: how firm each entity's grade and rank are when the weights, lines and shares a
// policy could have chosen differently move a little. Many samples perturb the named parameters
// at random (within ±spread points), each re-evaluated incrementally on a copy of the baseline
// run; per output row we count the grades it got and the ranks it reached; then each parameter
// alone is perturbed to see which one moves results most.
//
// Design decision: sample i draws from its own generator, seeded from (seed, i) alone, and the
// tallies are sums, minima and maxima; so a seed gives the same report on any number of threads
// (each thread re-evaluates its share of the samples on its own copy of the baseline run). What
// one sample sets, exactly and replayably, is runtime/perturbation's. The cost: seeding a
// Mersenne Twister per sample (about a microsecond, next to milliseconds of re-evaluation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/perturbation.hpp"
#include "runtime/run.hpp"

namespace kaohe {

struct SensitivitySpec {
    std::vector<VariedParameter> varied;
    Rational spread;                  // points; a multiple of 0.01
    std::uint64_t samples = 0;        // joint samples: every varied parameter at once
    std::uint64_t influence_samples = 0;  // per parameter, it alone perturbed
    std::uint64_t seed = 0;
    unsigned threads = 1;
    bool record_samples = false;      // keep every joint sample's values (--show-samples)
};

// One output row whose grade or rank is counted.
struct TrackedRow {
    std::size_t output = 0;  // into Program::outputs
    EntityId entity;
    std::uint32_t row = 0;
    const Grade* grade = nullptr;  // null: the output has no grade field
    BandIndex baseline_band;
    bool has_rank = false;
    std::int64_t baseline_rank = 0;
    std::vector<std::uint64_t> band_counts;  // per band of `grade`, over the kept samples
    std::int64_t rank_min = 0, rank_max = 0;
    std::uint64_t baseline_band_count() const { return grade ? band_counts[baseline_band.index()] : 0; }
};

// One parameter perturbed alone: how many rows' grades differ from the baseline, per sample.
struct Influence {
    std::size_t varied = 0;  // into SensitivitySpec::varied
    std::uint64_t samples = 0, skipped = 0;
    std::uint64_t grade_changes = 0;      // summed over the kept samples
    std::uint64_t most_grade_changes = 0;  // in one sample
    std::uint64_t rows_ever_changed = 0;
};

// A joint sample's values, as `kaohe run --set NAME=VALUE` takes them.
struct SampleRecord {
    std::uint64_t index = 0;
    std::string skipped;  // why it was not counted; empty when it was
    std::vector<std::pair<std::string, std::string>> sets;
};

struct SensitivityReport {
    std::uint64_t samples = 0, skipped = 0;
    std::vector<std::string> skip_reasons;  // distinct reasons, first seen first
    std::vector<TrackedRow> rows;           // in the order `run` prints them
    std::vector<Influence> influence;       // most grade changes first
    std::vector<SampleRecord> recorded;     // with record_samples, by index
};

// Runs the samples on copies of `baseline`, which must have evaluated without errors.
SensitivityReport run_sensitivity(const Run& baseline, const SensitivitySpec& spec);

}  // namespace kaohe
