// `--set NAME=VALUE`: a what-if without editing the policy. NAME is a parameter by its name, or a
// place in the scheme that a parameter fills: a weight as VALUE.COMPONENT (综合得分.实绩得分), a
// band's line as GRADE.BAND (等次.优秀), a quota's share as GRADE.BAND.share (等次.优秀.share).
//
// Design decision: every override becomes a parameter value, bound exactly like a --params
// file (runtime/bind.hpp), so it is checked the same way (a value's form, weights still 100%,
// lines still falling) and the program stays untouched and shared. The cost: a weight, line or
// share written as a bare number in the policy cannot be overridden yet — the message says so
// and how to make it a `param`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lang/program.hpp"

namespace kaohe {

struct Override {
    std::string name;   // as given: 优秀线, 综合得分.实绩得分, 等次.优秀.share
    std::string value;  // as given: 92, 45%
};

// NAME=VALUE split at the first '='; false when there is none or either side is empty.
bool parse_override(std::string_view text, Override& out);

struct ResolvedOverride {
    std::string parameter;  // the parameter it sets ("" when it could not be resolved)
    std::string error;      // why not, for the user: names the closest candidates
    std::string hint;       // 是否指 …
};

ResolvedOverride resolve_override(const Program& program, const Override& override);

}  // namespace kaohe
