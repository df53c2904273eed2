#include "runtime/grading.hpp"

#include <algorithm>
#include <numeric>

namespace kaohe {
namespace {

bool in_band(const Band& band, const Rational& value) {
    switch (band.edge) {
    case BandEdge::at_least: return value >= band.threshold;
    case BandEdge::above: return value > band.threshold;
    case BandEdge::otherwise: return true;
    }
    return true;
}

Rational round_slots(const Rational& exact, Rounding rounding) {
    switch (rounding) {
    case Rounding::floor: return exact.floor();
    case Rounding::ceil: return exact.ceil();
    case Rounding::half_up: return exact.round_half_up(0);
    }
    return exact.floor();
}

// Applies one quota inside one pool: rows [begin, end) of the graded entity.
void apply_quota(const Quota& quota, RowRange pool_rows, const Rational& share, std::vector<int>& bands,
                 std::vector<FlagHit>& flags, const ExpressionEvaluator& evaluator,
                 int entity) {
    auto [begin, end] = pool_rows;
    Rational slots_exact = round_slots(share * Rational(static_cast<std::int64_t>(end - begin)), quota.rounding);
    std::size_t slots = slots_exact.is_negative() ? 0 : static_cast<std::size_t>(*slots_exact.to_int64());
    std::vector<std::uint32_t> candidates;
    for (std::uint32_t row = begin; row < end; ++row)
        if (bands[row] == quota.band) candidates.push_back(row);
    if (candidates.size() <= slots) return;

    // The order keys of candidate i are keys[i * width, (i + 1) * width): only candidates, so a
    // pool costs its own size.
    std::size_t width = quota.order.size();
    std::vector<Rational> keys;
    keys.reserve(candidates.size() * width);
    for (std::uint32_t candidate : candidates)
        for (const auto& key : quota.order) keys.push_back(evaluator.number(*key.expr, Context{entity, candidate, nullptr}));
    // <0: a goes first, 0: tied on every key
    auto compare = [&](std::size_t a, std::size_t b) {
        for (std::size_t k = 0; k < width; ++k) {
            auto c = keys[a * width + k] <=> keys[b * width + k];
            if (c != 0) return quota.order[k].descending ? (c > 0 ? -1 : 1) : (c < 0 ? -1 : 1);
        }
        return 0;
    };
    std::vector<std::size_t> order(candidates.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return compare(a, b) < 0; });
    // SCHEMES L4: a group still tied on every key across the cut gets none of the slots.
    bool tie_at_cut = slots > 0 && compare(order[slots - 1], order[slots]) == 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        std::uint32_t row = candidates[order[i]];
        bool tied = tie_at_cut && compare(order[i], order[slots - 1]) == 0;
        if (i < slots && !tied) continue;
        bands[row] = quota.band + 1;
        const std::string& flag = tied ? quota.tie_flag : quota.excess_flag;
        if (!flag.empty()) flags.emplace_back(row, flag);
    }
}

}  // namespace

void evaluate_grade(const Step& step, const Plan& plan, Tables& tables, const ExpressionEvaluator& evaluator) {
    const Grade& grade = *step.grade;
    Table& table = tables.entities[step.entity];
    std::vector<int> bands(table.size(), 0);
    for (std::uint32_t row = 0; row < table.size(); ++row) {
        Rational value = evaluator.number(*grade.by, Context{step.entity, row, nullptr});
        int band = 0;
        while (band + 1 < static_cast<int>(grade.bands.size()) && !in_band(grade.bands[band], value)) ++band;
        for (const VetoCap& cap : grade.caps)
            if (table.columns[plan.column_of_symbol[cap.veto_symbol]][row].boolean()) band = std::max(band, cap.band);
        bands[row] = band;
    }
    // Best band first, so rows a quota pushes down can meet the quota of the band below.
    std::vector<const Quota*> quotas;
    for (const auto& quota : grade.quotas) quotas.push_back(&quota);
    std::sort(quotas.begin(), quotas.end(), [](const Quota* a, const Quota* b) { return a->band < b->band; });
    auto& flags = table.quota_flags[step.symbol];
    flags.clear();
    for (const Quota* quota : quotas) {
        const Table& pool_table = tables.entities[quota->pool];
        for (std::uint32_t pool_row = 0; pool_row < pool_table.size(); ++pool_row) {
            Rational share = evaluator.number(*quota->share, Context{quota->pool, pool_row, nullptr});
            apply_quota(*quota, table.ranges[quota->pool][pool_row], share, bands, flags, evaluator, step.entity);
        }
    }
    auto& column = table.columns[plan.column_of_symbol[step.symbol]];
    for (std::uint32_t row = 0; row < table.size(); ++row) column[row] = Value::of_text(grade.bands[bands[row]].label);
}

std::vector<std::int64_t> competition_ranks(std::span<const Rational> keys, bool descending) {
    std::vector<std::size_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return descending ? keys[a] > keys[b] : keys[a] < keys[b];
    });
    std::vector<std::int64_t> ranks(keys.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        ranks[order[i]] = (i > 0 && keys[order[i]] == keys[order[i - 1]]) ? ranks[order[i - 1]]
                                                                          : static_cast<std::int64_t>(i + 1);
    return ranks;
}

}  // namespace kaohe
