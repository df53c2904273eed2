// What changed between two versions of a scheme, in the document's terms: indicators, weights,
// grade lines, quotas, rules and vetoes added, removed, renamed or changed, each with its line
// in both files. `kaohe diff` prints it; runtime/impact.hpp adds what it does to a data set.
//
// Design decision: declarations are compared as written (the ASTs of the two main files), not as
// checked programs, so every change is reported where a person wrote it. Each declaration
// becomes an entry — kind, name, and labelled facets (one per weight, band, quota, flag …) — and
// two entries are compared facet by facet. A rename is an entry removed and one added of the same
// kind with the same definition; its new name is then read for the old one everywhere, so the
// formulas that use a renamed indicator do not show as changed too.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lang/ast.hpp"
#include "lang/source.hpp"

namespace kaohe {

struct SchemeChange {
    enum class Action { added, removed, renamed, changed };
    Action action = Action::changed;
    // What kind of thing, as a JSON word (indicator, parameter, weight, threshold, quota, rule,
    // veto, input, grade, rank, entity, function, record, enum, output, assert, variant, scheme).
    std::string kind;
    std::string name;          // the declaration: 综合得分, 优秀线, "诫勉谈话", of 成员 when …
    std::string aspect;        // the facet that changed: a weight's term, a band, "定义"; empty for the whole
    std::string before, after;  // as written; empty on the side where it is absent
    std::uint32_t old_line = 0, new_line = 0;  // 0 on the side where it is absent
};

// One side of the comparison: a main file's AST and its text (for lines).
struct SchemeVersion {
    const ast::Module* module;
    const SourceFile* source;
};

// In the order of the new file (removed entries where they stood in the old one, at the end).
std::vector<SchemeChange> diff_schemes(const SchemeVersion& old_version, const SchemeVersion& new_version);

// 指标, 参数, 权重 … : the word a person reads for a kind.
std::string kind_word(const std::string& kind);

}  // namespace kaohe
