// A declaration that failed to parse is dropped, and the checker still checks the rest of the
// file, so one syntax error does not hide every other error. What the checker would then say
// about the dropped declaration's names ("未定义的名称 综合得分") is noise; these helpers find
// those names so the loader can leave such messages out until the syntax error is fixed.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "lang/diagnostics.hpp"

namespace kaohe {

// The names a declaration's text would have declared, read without a parser: the word after
// each declaring keyword (entity, input, value, grade …) and the first word of each indented
// line (a grade's bands, a record's fields).
std::set<std::string> names_declared_in(std::string_view declaration);

// Whether a checker's diagnostic may be a consequence of the dropped declarations: every
// warning, a missing output, and anything whose message names one of their names.
bool follows_from_unparsed(const Diagnostic& diagnostic, const std::set<std::string>& unparsed_names);

}  // namespace kaohe
