// What `kaohe sensitivity` found (runtime/sensitivity.hpp), for people and for programs: the
// sampling set-up, the rows whose grade is fragile with the share of samples in each grade and
// their rank range, and which parameter, moved alone, changes most grades.
//
// Design decision: JSON gives counts of samples, never rounded shares, so a reader can check
// that each row's counts add up to the kept samples; the table shows shares rounded to 0.1%.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "runtime/sensitivity.hpp"

namespace kaohe::cli {

struct SensitivityView {
    std::string policy, data;  // the files, as given
    const Run& baseline;
    const SensitivitySpec& spec;
    const SensitivityReport& report;
    std::size_t top = 20;  // fragile rows the table lists
    // The what-if the baseline was made under (--set …, --set-data …): said in the header, and part
    // of every sample's replay.
    std::vector<std::string> context = {};
};

// How the influence of a parameter is measured, for --help and both reports.
extern const char* const influence_method;

std::string sensitivity_text(const SensitivityView& view);

// {"policy", "data", "samples", "skipped", "skip_reasons", "seed", "spread", "vary": [{"name",
// "parameter", "role", "baseline"}], "entities": [{"id", "entity", "baseline": {"grade", "rank"},
// "grades": {"优秀": 123, …}, "rank": {"min", "max"}, "fragile"}], "influence": [{"name",
// "parameter", "samples", "skipped", "grade_changes", "mean_grade_changes", "most_grade_changes",
// "rows_changed"}], "method", and with --show-samples "sample_values": [{"index", "skipped", "set"}]}.
nlohmann::ordered_json sensitivity_json(const SensitivityView& view);

}  // namespace kaohe::cli
