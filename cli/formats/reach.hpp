// `kaohe reach`'s answers (runtime/reach.hpp), for people and for programs.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/reach.hpp"

namespace kaohe::cli {

// What a reach report needs beside the answers: whom it is about and how to name things.
struct ReachReport {
    std::string id, entity;         // the row's id and its entity's name (成员)
    std::string grade_name, target; // 等次, 优秀
    ReachOutcome current;
    std::vector<ReachAnswer> answers;
    std::vector<std::string> paths;  // each answer's JSON path
    const Grade* grade = nullptr;    // for band labels
    // The what-if the question was asked under (--params F, --set …, --renormalize, --set-data …):
    // an answer holds with these, so applying it means giving them too.
    std::vector<std::string> context = {};
};

// Per input: the change that reaches the grade and what it gives, one step less, and when a
// quota or veto stood between the line and the grade, who holds the slots; or why no change does.
std::string reach_text(const ReachReport& report);

// {"id", "entity", "grade", "target", "current": {"score", "grade", "rank", "flags"},
//  "inputs": [{"input", "path", "current", "step", "reached": {"value", "change", "score", "grade",
//  "rank", "flags"} | null, "one_less", "by_score", "furthest", "set_data", "apply"}], "with"}: "apply" is
//  the options to give `run` to see the answer (the context first); numbers as decimal strings.
nlohmann::ordered_json reach_json(const ReachReport& report);

}  // namespace kaohe::cli
