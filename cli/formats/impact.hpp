// What one version of a scheme does to a data set against another (runtime/impact.hpp), for
// people and for programs. `kaohe diff --data` shows it for two policies, `kaohe whatif` for
// each scenario against the baseline: one form, so one reader serves both.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "runtime/impact.hpp"

namespace kaohe::cli {

// The heading line ("按 DATA 计算的影响"), grade and flag counts before/after, the rows whose grade
// or rank moved with their causes, rows whose flags alone changed, other output fields, the
// score changes summed up and the largest movers.
std::string impact_text(const Impact& impact, const std::string& heading);

// {"data", "rows", "grades": {"before", "after"}, "flags": {…}, "changed": [{"id", "entity",
// "before": {"score", "grade", "rank", "flags"}, "after", "causes"}…], "flags_changed", "fields",
// "scores": {"changed", "largest_rise", "largest_fall"}, "movers"}; scores as decimal strings.
nlohmann::ordered_json impact_json(const Impact& impact, const std::string& data_file);

}  // namespace kaohe::cli
