// The flat view of result rows that the table and csv formats share: one text per column,
// and runs of rows of one kind (county, member …) that share a header. JSON keeps cells typed
// and does not use this.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "runtime/results.hpp"

namespace kaohe::cli {

// id, the declared fields, the components, flags: the header of a group of rows of one kind.
std::vector<std::string> column_names(const ResultRow& row);
// The same columns' texts; a boolean is 是/否, flags are joined with 、.
std::vector<std::string> column_texts(const ResultRow& row);
// For each of those columns, whether it holds text from the data or the policy (an id, a name,
// a grade, flags) rather than a number or a truth: only such a cell can smuggle a formula.
std::vector<bool> text_columns(const ResultRow& row);

std::string join(const std::vector<std::string>& items, const std::string& separator);

// Lines of cells as text columns two blanks apart, each as wide as its widest cell in display
// cells (a Chinese character takes two), so they line up in a terminal. (cli/formats/table.cpp)
std::string aligned_columns(const std::vector<std::vector<std::string>>& lines);

// Calls emit(begin, end) for each run of consecutive rows of the same kind.
template <typename Emit>
void for_each_group(const std::vector<ResultRow>& rows, Emit&& emit) {
    for (std::size_t begin = 0; begin < rows.size();) {
        std::size_t end = begin;
        while (end < rows.size() && rows[end].kind == rows[begin].kind) ++end;
        emit(begin, end);
        begin = end;
    }
}

}  // namespace kaohe::cli
