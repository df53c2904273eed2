// Sensitivity samples are incremental re-evaluations of perturbed, renormalised parameters: each
// must agree with a fresh run bound to the same values through a parameters file.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <map>

#include "tests/evaluator/text_files.hpp"
#include "runtime/run.hpp"
#include "runtime/sensitivity.hpp"

namespace {

using kaohe::test::read;

std::shared_ptr<const kaohe::CompiledPolicy> longnan() {
    auto loaded = kaohe::load_program_text("longnan.kh", read(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh"));
    REQUIRE(loaded.program);
    return kaohe::compile(std::move(loaded));
}

std::shared_ptr<const kaohe::JsonDocument> document(const std::string& text) {
    std::vector<kaohe::DataError> errors;
    auto parsed = kaohe::parse_data(text, "test", errors);
    REQUIRE(parsed);
    return parsed;
}

// A sample's --set values as a parameters file: "45.1234%" stays a text, a line is a number.
std::shared_ptr<const kaohe::JsonDocument> parameters_file(const std::vector<std::pair<std::string, std::string>>& sets) {
    std::string text = "{";
    for (const auto& [name, value] : sets) {
        text += (text.size() > 1 ? ", \"" : "\"") + name + "\": ";
        text += value.ends_with("%") ? "\"" + value + "\"" : value;
    }
    return document(text + "}");
}

kaohe::SymbolId parameter(const kaohe::Program& program, const std::string& name) {
    for (kaohe::SymbolId p : program.parameters)
        if (program.symbols[p].name == name) return p;
    FAIL("no parameter " << name);
    return {};
}

// The shipped Longnan policy and its 2017 data, evaluated once: the baseline samples perturb.
struct LongnanBaseline {
    std::shared_ptr<const kaohe::CompiledPolicy> policy = longnan();
    std::shared_ptr<const kaohe::JsonDocument> data =
        document(read(std::string(KAOHE_SOURCE_DIR) + "/examples/longnan-2017.json"));
    kaohe::Run baseline{policy, data};

    LongnanBaseline() { REQUIRE(baseline.evaluate()); }

    // A spec varying these parameters; the test sets the spread and the sample counts.
    kaohe::SensitivitySpec varying(std::initializer_list<const char*> names) const {
        kaohe::SensitivitySpec spec;
        for (const char* name : names)
            spec.varied.push_back(kaohe::describe_varied(baseline, name, parameter(policy->program, name)));
        return spec;
    }
};

}  // namespace

TEST_CASE_METHOD(LongnanBaseline, "every sensitivity sample equals a fresh run with its values as a parameters file") {
    kaohe::SensitivitySpec spec = varying({"实绩权重", "民主测评权重", "优秀线", "称职线"});
    CHECK(spec.varied[0].role == kaohe::VariedRole::weight);
    CHECK(spec.varied[2].role == kaohe::VariedRole::threshold);
    spec.spread = 12;  // wide enough that weights, lines and grades all move
    spec.samples = 8;
    spec.influence_samples = 2;
    spec.seed = 20261206;
    spec.threads = 2;
    spec.record_samples = true;
    kaohe::SensitivityReport report = kaohe::run_sensitivity(baseline, spec);
    REQUIRE(report.recorded.size() == spec.samples);
    CHECK(report.samples + report.skipped == spec.samples);

    // The counts the report gives, rebuilt from fresh runs.
    std::vector<std::map<std::string, std::uint64_t>> grades(report.rows.size());
    std::vector<std::pair<std::int64_t, std::int64_t>> ranks(report.rows.size(), {INT64_MAX, INT64_MIN});
    std::size_t moved = 0;
    for (const kaohe::SampleRecord& sample : report.recorded) {
        if (!sample.skipped.empty()) continue;
        kaohe::Run fresh(policy, data, {{parameters_file(sample.sets), "sample"}});
        REQUIRE(fresh.errors().empty());  // weights sum to exactly 100%, lines in order
        REQUIRE(fresh.evaluate());
        std::vector<kaohe::ResultRow> rows = fresh.results();
        REQUIRE(rows.size() == report.rows.size());
        for (std::size_t r = 0; r < rows.size(); ++r)
            for (const auto& [key, cell] : rows[r].fields) {
                if (key == "grade") ++grades[r][cell.text];
                if (key == "rank") {
                    std::int64_t rank = std::stoll(cell.text);
                    ranks[r] = {std::min(ranks[r].first, rank), std::max(ranks[r].second, rank)};
                }
            }
    }
    for (std::size_t r = 0; r < report.rows.size(); ++r) {
        const kaohe::TrackedRow& row = report.rows[r];
        for (kaohe::BandIndex b : row.grade->bands.ids()) {
            INFO("row " << r << " band " << row.grade->bands[b].label);
            CHECK(row.band_counts[b.index()] == grades[r][row.grade->bands[b].label]);
        }
        CHECK(row.rank_min == ranks[r].first);
        CHECK(row.rank_max == ranks[r].second);
        if (row.baseline_band_count() < report.samples) ++moved;
    }
    CHECK(moved > 0);  // the test would prove little if nothing moved
}

TEST_CASE_METHOD(LongnanBaseline, "a spread of 0 keeps every row at its baseline grade and rank") {
    kaohe::SensitivitySpec spec = varying({"实绩权重", "优秀线", "一般优秀比例"});
    spec.spread = 0;
    spec.samples = 5;
    spec.influence_samples = 3;
    kaohe::SensitivityReport report = kaohe::run_sensitivity(baseline, spec);
    CHECK(report.samples == 5);
    for (const kaohe::TrackedRow& row : report.rows) {
        CHECK(row.baseline_band_count() == 5);
        CHECK(row.rank_min == row.baseline_rank);
        CHECK(row.rank_max == row.baseline_rank);
    }
    for (const kaohe::Influence& influence : report.influence) CHECK(influence.grade_changes == 0);
}
