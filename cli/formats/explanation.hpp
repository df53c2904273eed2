// `kaohe explain`'s two forms of a derivation (runtime/explanation.hpp): indented Chinese text a
// person can hand to a reviewer, and a JSON tree for programs.
//
// Design decision: the JSON's top is the output row exactly as `run --format json` prints it
// (rendered by the same code, then extended), so id, score, grade, rank, flags and components can
// never drift from `run`; the derivation hangs below it under "path" and "derivation".
#pragma once

#include <string>
#include <vector>

#include "runtime/explanation.hpp"

namespace kaohe::cli {

// One block per explanation, separated by a blank line.
// `what_if`: the changes the run was made under (--set …, --set-data …), said at the top so an
// explanation of a what-if is never taken for the official one; empty for a plain run.
std::string explanation_text(const std::vector<Explanation>& explanations, const std::vector<std::string>& what_if = {});

// One explanation: {"id", "entity", …the row as run gives it…, "path", "derivation": {"fields":
// {key: node}, "components": {name: node}, "flags": [{"text", "rule", "at"}]}}; several: an array.
// A node: {"name", "kind", "value", "exact", "at", "article", "formula", "path", "rounding",
// "weighted": {"terms": [{"component", "weight", "value", "contribution"}], "sum"}, "grade",
// "rank", "reads": [node…]}, numbers as exact decimal strings (a repeating one as "n/d" in "exact").
// With `what_if`, each object also has "what_if": [the changes].
std::string explanation_json(const std::vector<Explanation>& explanations, const std::vector<std::string>& what_if = {});

}  // namespace kaohe::cli
