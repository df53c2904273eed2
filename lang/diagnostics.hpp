// Diagnostics: what went wrong in a policy, where, and what might fix it.
//
// Every stage appends to a Diagnostics list and keeps going; nothing throws for a user's
// mistake. A diagnostic is data — a code from lang/diagnostic_codes.hpp, a span, a message, a
// hint — and is turned into text only at the edge (cli/formats/diagnostics_text.hpp, or JSON
// in diagnostics_json.hpp), so stages never format positions themselves.
#pragma once

#include <string>
#include <vector>

#include "lang/diagnostic_codes.hpp"
#include "lang/source.hpp"

namespace kaohe {

// Another place that helps explain a diagnostic: "首次定义在这里".
struct RelatedSpan {
    Span span;
    std::string message;
};

struct Diagnostic {
    DiagnosticCode code = DiagnosticCode::syntax_error;
    Severity severity = Severity::error;  // the code's, from the table
    Span span;
    std::string message;
    std::string hint;  // optional: "是否指 民主测评？"
    std::vector<RelatedSpan> related;
};

class Diagnostics {
public:
    // The severity comes with the code. The reference lets a caller add related spans; it is
    // valid until the next report.
    Diagnostic& report(DiagnosticCode code, Span span, std::string message, std::string hint = {});
    bool has_errors() const;
    const std::vector<Diagnostic>& all() const { return items_; }
    void append(const Diagnostics& other);
    // Only those of `other` that keep(d) answers true for.
    template <typename Keep>
    void append_if(const Diagnostics& other, Keep&& keep) {
        for (const Diagnostic& d : other.items_)
            if (keep(d)) items_.push_back(d);
    }
    // In the order of the files and of positions in them, as a reader goes through the policy.
    void sort_by_position();

private:
    std::vector<Diagnostic> items_;
};

// Closest candidate by edit distance over characters, or "" when nothing is close enough.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace kaohe
