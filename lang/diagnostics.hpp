// Diagnostics: what went wrong in a policy, where, and what might fix it.
//
// Every stage appends to a Diagnostics list and keeps going; nothing throws for a user's
// mistake. Rendering (file:line:col, the source line, a caret under the span) happens once,
// at the end, so stages never format positions themselves.
#pragma once

#include <string>
#include <vector>

#include "lang/source.hpp"

namespace kaohe {

enum class Severity { error, warning };

struct Diagnostic {
    Severity severity = Severity::error;
    Span span;
    std::string message;
    std::string hint;  // optional: "是否指 民主测评？"
};

class Diagnostics {
public:
    void error(Span span, std::string message, std::string hint = {});
    void warning(Span span, std::string message, std::string hint = {});
    bool has_errors() const;
    const std::vector<Diagnostic>& all() const { return items_; }
    void append(const Diagnostics& other);

private:
    std::vector<Diagnostic> items_;
};

// file:line:col: 错误: message / the line / a caret as wide as the span in display cells.
std::string render(const Diagnostic& diagnostic, const SourceSet& sources);
std::string render_all(const Diagnostics& diagnostics, const SourceSet& sources);

// Closest candidate by edit distance over characters, or "" when nothing is close enough.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace kaohe
