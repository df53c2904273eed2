// A mistake in the input data: which entity, where in the JSON, and what is wrong.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/program.hpp"
#include "runtime/plan.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

struct DataError {
    std::string entity;  // "成员 C01-M01", or empty for the document itself
    std::string path;    // $.counties[0].members[1].democratic_votes
    std::string message;
    std::optional<Span> rule;  // the policy expression that failed, for errors found while evaluating
};

// $.counties[3].members[0] for a row, rebuilt from the tables only when an error is printed.
std::string row_path(const Program& program, const Tables& tables, EntityId entity, std::uint32_t row);
std::string row_label(const Program& program, const Tables& tables, EntityId entity, std::uint32_t row);
std::string render(const DataError& error, const SourceSet& sources);

}  // namespace kaohe
