// The one canonical layout of a policy file, for `kaohe fmt`: two spaces of indentation a block
// (and one more step for a line that continues an expression), one space around operators (a
// minus keeps its blanks: in a data path it is part of a name) and after commas and colons, the terms of a `weighted { … }` block in aligned columns, and the
// end-of-line comments of consecutive lines in one column. Comments, blank-line groups (at most
// one blank line in a row) and everything inside quotes are kept as written.
//
// Design decision: it rewrites lines and tokens rather than printing the AST, because the AST
// does not hold everything a person wrote (where an expression breaks, which comment sits on
// which line). The price is that it relies on the parse to prove it changed nothing but layout:
// `kaohe fmt` parses the result and refuses to write one whose AST differs.
#pragma once

#include <string>
#include <string_view>

namespace kaohe {

std::string format_policy(std::string_view text);

}  // namespace kaohe
