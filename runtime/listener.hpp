// What the evaluator did, told as it happens, for explanations, traces and tests.
//
// Design decision: the step runner is a template over its listener. Runs nobody listens to use
// SilentListener, whose calls are empty and inline and compile away; a run with a listener
// calls EvaluationListener's virtual functions. Events carry rows and plan steps, not names:
// whoever listens looks names, ids and source spans up in the program only when it prints.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "runtime/plan.hpp"
#include "runtime/value.hpp"

namespace kaohe {

// One quota applied in one pool: what SCHEMES.md's quota rules decided and why.
struct QuotaDecision {
    SymbolId grade_symbol;
    std::size_t quota = 0;           // index into Grade::quotas
    EntityId pool_entity;
    std::uint32_t pool_row = 0;
    std::uint32_t pool_size = 0;     // rows of the graded entity in the pool
    const Rational* share = nullptr;
    const Rational* exact_slots = nullptr;  // share × pool size, before the quota's rounding
    std::size_t slots = 0;                  // after rounding
    // Rows of the graded entity that reached the quota's band, best first by the order keys.
    // When there are no more than `slots` of them nobody moves and the decision is not reported.
    std::span<const std::uint32_t> ranked;
    // [tie_begin, tie_end) of `ranked`: a group tied on every key across the cut; all of it moves
    // down. Empty (tie_begin == tie_end) when the cut falls between different keys.
    std::size_t tie_begin = 0, tie_end = 0;
    // Everyone in ranked[slots..] and the tie group moves to the band below.
};

class EvaluationListener {
public:
    virtual ~EvaluationListener() = default;
    // A value, rank or data rule computed for one row (row 0 for scheme-level steps).
    virtual void on_value(const Step& step, std::uint32_t row, const Value& value) {}
    // A grade's band for one row before quotas: by the score alone, and after vetoes capped it.
    virtual void on_band(const Step& step, std::uint32_t row, const Rational& score, BandIndex band_by_score,
                         BandIndex band_after_caps) {}
    virtual void on_quota(const QuotaDecision& decision) {}
    virtual void on_flag(std::size_t rule, std::uint32_t row, std::string_view text) {}
};

struct SilentListener {
    void on_value(const Step&, std::uint32_t, const Value&) {}
    void on_band(const Step&, std::uint32_t, const Rational&, BandIndex, BandIndex) {}
    void on_quota(const QuotaDecision&) {}
    void on_flag(std::size_t, std::uint32_t, std::string_view) {}
};

}  // namespace kaohe
