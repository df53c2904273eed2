#include "lang/diagnostics.hpp"

#include <algorithm>
#include <iterator>

namespace kaohe {
namespace {

// Ids are looked up by tools and docs: two codes with one id would be a silent bug.
constexpr bool ids_are_unique() {
    for (std::size_t i = 0; i < std::size(diagnostic_code_table); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (diagnostic_code_table[i].id == diagnostic_code_table[j].id) return false;
    return true;
}
static_assert(ids_are_unique(), "two diagnostic codes share an id");

// code_info indexes the table by the enum: both come from one list, in one order.
constexpr bool table_follows_enum() {
    for (std::size_t i = 0; i < std::size(diagnostic_code_table); ++i)
        if (static_cast<std::size_t>(diagnostic_code_table[i].code) != i) return false;
    return true;
}
static_assert(table_follows_enum());

constexpr bool data_codes_are_errors() {
    for (const auto& info : diagnostic_code_table)
        if (info.id.front() == 'D' && info.severity != Severity::error) return false;
    return true;
}
static_assert(data_codes_are_errors(), "a mistake in the data always stops the run");

}  // namespace

Diagnostic& Diagnostics::report(DiagnosticCode code, Span span, std::string message, std::string hint) {
    return items_.emplace_back(
        Diagnostic{code, code_info(code).severity, span, std::move(message), std::move(hint), {}});
}

bool Diagnostics::has_errors() const {
    return std::any_of(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::sort_by_position() {
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.span.file, a.span.begin) < std::pair(b.span.file, b.span.begin);
    });
}

namespace {
std::u32string code_points(const std::string& text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) out += decode_utf8(text, i);
    return out;
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}
}  // namespace

// Names longer than this get no suggestion: nobody mistypes a paragraph, and the distance is
// quadratic in the length (a 100,000-character name took 20 s).
constexpr std::size_t longest_name_to_suggest_for = 100;

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
    auto target = code_points(name);
    if (target.size() > longest_name_to_suggest_for) return {};
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(1, target.size() / 2);  // at most half the characters differ
    for (const std::string& candidate : candidates) {
        auto other = code_points(candidate);
        // The distance is at least the difference in length: skip what cannot be closer.
        if (std::max(target.size(), other.size()) - std::min(target.size(), other.size()) > best_distance) continue;
        std::size_t d = edit_distance(target, other);
        if (d <= best_distance && (best.empty() || d < best_distance)) {
            best = candidate;
            best_distance = d;
        }
    }
    return best;
}

}  // namespace kaohe
