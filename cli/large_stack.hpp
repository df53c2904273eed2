#pragma once
// The checker, planner and evaluator walk expressions recursively, one frame per operator: a
// generated 30,000-term sum is 30,000 frames deep, past the 8 MiB a process starts with. Rather
// than rewrite every walk as a loop, kaohe runs on a thread with a stack sized for the longest
// expression the parser accepts (lang/parser.cpp bounds it), as compilers do for the same reason.
#include <functional>

namespace kaohe::cli {

inline constexpr std::size_t large_stack_bytes = std::size_t{1} << 30;  // reserved, touched only as used

// Runs `body` on a thread with a stack of large_stack_bytes and returns its result; runs it on
// the calling thread if the system refuses such a thread.
int run_on_large_stack(const std::function<int()>& body);

}  // namespace kaohe::cli
