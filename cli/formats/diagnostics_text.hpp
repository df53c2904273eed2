// Diagnostics and data errors as text for a terminal: the only place positions become
// file:line:col and a caret. Lines are counted in characters and carets in display cells, so
// a caret lines up under Chinese (two cells a character).
#pragma once

#include <string>
#include <vector>

#include "lang/diagnostics.hpp"
#include "runtime/data_error.hpp"

namespace kaohe::cli {

// file:line:col: 错误: message / the source line / a caret as wide as the span / = 提示: hint,
// then each related span the same way (注: 首次定义在这里). Ends with a newline.
// gcc_words: "error"/"warning" instead of 错误/警告, for matchers that look for gcc's form.
std::string diagnostic_text(const Diagnostic& diagnostic, const SourceSet& sources, bool gcc_words = false);
std::string diagnostics_text(const Diagnostics& diagnostics, const SourceSet& sources);

// 数据错误: 成员 A-M02: $.counties[0].members[1].votes: message (方案 file:line:col), one line
// without its newline.
std::string data_error_text(const DataError& error, const SourceSet& sources);

}  // namespace kaohe::cli
