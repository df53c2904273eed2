// All of a run's data errors for a terminal, in the order of the data file, with the same error
// on many rows told once: a field missing from all 107 members is one line, not 107.
#pragma once

#include <string>
#include <vector>

#include "lang/source.hpp"
#include "runtime/data_error.hpp"

namespace kaohe::cli {

// Errors with the same code, entity, message and rule at the same place in every row (their
// paths equal but for the indices) are grouped when there are more than this many.
inline constexpr std::size_t most_errors_listed_one_by_one = 3;

// Row by row in the data's order (indices as numbers, a row before the rows inside it), and
// within a row in the order found.
std::vector<DataError> in_row_order(std::vector<DataError> errors);

// One line per error (data_error_text), sorted by JSON path with indices compared as numbers;
// groups print as one line with the count and the first rows, unless every_row is set.
std::string data_errors_text(std::vector<DataError> errors, const SourceSet& sources, bool every_row);

}  // namespace kaohe::cli
