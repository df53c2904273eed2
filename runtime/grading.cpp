#include "runtime/grading.hpp"

#include <algorithm>
#include <numeric>
#include <type_traits>

#include <fmt/format.h>

#include "runtime/parameters.hpp"

namespace kaohe {
namespace {

bool in_band(const Band& band, const Rational& threshold, const Rational& value) {
    switch (band.edge) {
    case BandEdge::at_least: return value >= threshold;
    case BandEdge::above: return value > threshold;
    case BandEdge::otherwise: return true;
    }
    return true;
}

BandIndex band_for(const Grade& grade, const std::vector<const Rational*>& thresholds, const Rational& value) {
    BandIndex band(0);
    while (band_below(band).index() < grade.bands.size() && !in_band(grade.bands[band], *thresholds[band.index()], value))
        band = band_below(band);
    return band;
}

}  // namespace

Rational round_slots(const Rational& exact, Rounding rounding) {
    switch (rounding) {
    case Rounding::floor: return exact.floor();
    case Rounding::ceil: return exact.ceil();
    case Rounding::half_up: return exact.round_half_up(0);
    }
    return exact.floor();
}

namespace {

// One quota in one pool: which rows of the graded entity keep the band, worked out as data
// first (what a listener is told), then applied.
class QuotaInPool {
public:
    QuotaInPool(const Quota& quota, EntityId entity, const ExpressionEvaluator& evaluator, RowFailures& failures)
        : quota_(quota), entity_(entity), evaluator_(evaluator), failures_(failures) {}

    // Decides for rows [begin, end); false when nobody has to move (or an order key failed).
    bool decide(RowRange pool_rows, const Rational& share, const std::vector<BandIndex>& bands) {
        auto [begin, end] = pool_rows;
        exact_slots_ = share * Rational(static_cast<std::int64_t>(end - begin));
        Rational rounded = round_slots(exact_slots_, quota_.rounding);
        // quota_share keeps the share in 0–100%, so the slots fit the pool; clamp all the same,
        // so no share could ever turn into a count past 64 bits.
        std::size_t pool_size = end - begin;
        std::optional<std::int64_t> whole = rounded.to_int64();
        slots_ = rounded.is_negative() ? 0 : !whole ? pool_size : std::min(pool_size, static_cast<std::size_t>(*whole));
        candidates_.clear();
        for (std::uint32_t row = begin; row < end; ++row)
            if (bands[row] == quota_.band) candidates_.push_back(row);
        if (candidates_.size() <= slots_) return false;
        if (!order_candidates()) return false;
        // SCHEMES L4: a group still tied on every key across the cut gets none of the slots.
        tie_begin_ = tie_end_ = slots_;
        if (slots_ > 0 && compare(order_[slots_ - 1], order_[slots_]) == 0) {
            tie_begin_ = slots_ - 1;
            while (tie_begin_ > 0 && compare(order_[tie_begin_ - 1], order_[slots_ - 1]) == 0) --tie_begin_;
            while (tie_end_ < order_.size() && compare(order_[tie_end_], order_[slots_ - 1]) == 0) ++tie_end_;
        }
        ranked_.clear();
        for (std::size_t i : order_) ranked_.push_back(candidates_[i]);
        return true;
    }

    QuotaDecision decision() const {
        QuotaDecision d;
        d.exact_slots = &exact_slots_;
        d.slots = slots_;
        d.ranked = ranked_;
        d.tie_begin = tie_begin_;
        d.tie_end = tie_end_;
        return d;
    }

    // Moves everyone past the slots, and a tie group across the cut, to the band below.
    void apply(std::vector<BandIndex>& bands, std::vector<FlagHit>& flags) const {
        for (std::size_t i = std::min(tie_begin_, slots_); i < ranked_.size(); ++i) {
            bands[ranked_[i]] = band_below(quota_.band);
            bool tied = i >= tie_begin_ && i < tie_end_;
            const std::string& flag = tied ? quota_.tie_flag : quota_.excess_flag;
            if (!flag.empty()) flags.emplace_back(ranked_[i], flag);
        }
    }

private:
    const Quota& quota_;
    EntityId entity_;
    const ExpressionEvaluator& evaluator_;
    RowFailures& failures_;
    Rational exact_slots_;
    std::size_t slots_ = 0;
    std::vector<std::uint32_t> candidates_, ranked_;
    std::vector<std::size_t> order_;  // positions in candidates_, best first
    std::vector<Rational> keys_;      // the order keys of candidate i: keys_[i * width, (i + 1) * width)
    std::size_t tie_begin_ = 0, tie_end_ = 0;

    // <0: a goes first, 0: tied on every key
    int compare(std::size_t a, std::size_t b) const {
        std::size_t width = quota_.order.size();
        for (std::size_t k = 0; k < width; ++k) {
            auto c = keys_[a * width + k] <=> keys_[b * width + k];
            if (c != 0) return quota_.order[k].descending ? (c > 0 ? -1 : 1) : (c < 0 ? -1 : 1);
        }
        return 0;
    }

    // Only candidates get keys, so a pool costs its own size.
    bool order_candidates() {
        keys_.clear();
        keys_.reserve(candidates_.size() * quota_.order.size());
        bool complete = true;
        for (std::uint32_t candidate : candidates_)
            for (const auto& key : quota_.order)
                complete &= failures_.guard(entity_, candidate, [&] {
                    keys_.push_back(evaluator_.number(*key.expr, Context{entity_, candidate, nullptr}));
                });
        if (!complete) return false;
        order_.resize(candidates_.size());
        std::iota(order_.begin(), order_.end(), 0);
        std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) { return compare(a, b) < 0; });
        return true;
    }
};

}  // namespace

// A share outside 0–100% (a parameter or an input given as 30 for 30%, say) would grant no
// places or more places than candidates; `check` rules it out for the defaults, a run here.
static Rational quota_share(const ExpressionEvaluator& evaluator, const Quota& quota, std::uint32_t pool_row) {
    Rational share = evaluator.number(*quota.share, Context{quota.pool, pool_row, nullptr});
    if (share.is_negative() || share > Rational(1))
        throw EvaluationFailure{quota.share->span, fmt::format("名额比例为 {}%, 应在 0 到 100% 之间",
                                                               (share * Rational(100)).to_string())};
    return share;
}

template <typename Listener>
void evaluate_grade(const Step& step, const Plan& plan, Tables& tables, const ExpressionEvaluator& evaluator,
                    RowFailures& failures, Listener& listener) {
    const Grade& grade = *step.grade;
    Table& table = tables.entities[step.entity];
    std::vector<const Rational*> thresholds;  // as this run has them: a parameter's bound value
    for (const Band& band : grade.bands) thresholds.push_back(&threshold_of(band, plan, tables));
    std::vector<BandIndex> bands(table.size(), BandIndex(0));
    auto band_rows = [&](const ExpressionEvaluator& evaluator, RowFailures& failures, std::uint32_t begin,
                         std::uint32_t end) {
        for (std::uint32_t row = begin; row < end; ++row) {
            Rational value;
            if (!failures.guard(step.entity, row,
                                [&] { value = evaluator.number(*grade.by, Context{step.entity, row, nullptr}); }))
                continue;
            BandIndex band = band_for(grade, thresholds, value);
            BandIndex by_score = band;
            for (const VetoCap& cap : grade.caps)
                if (table.columns[plan.column_of_symbol[cap.veto_symbol]][row].boolean()) band = std::max(band, cap.band);
            bands[row] = band;
            listener.on_band(step, row, value, by_score, band);
        }
    };
    std::size_t errors_before = failures.errors.size();
    auto rows = static_cast<std::uint32_t>(table.size());
    if constexpr (std::is_same_v<Listener, SilentListener>)  // a listener hears rows in order
        failures.split_rows(rows, evaluator, [&](std::size_t, const ExpressionEvaluator& own, RowFailures& own_failures,
                                                 std::uint32_t begin, std::uint32_t end) {
            band_rows(own, own_failures, begin, end);
        });
    else
        band_rows(evaluator, failures, 0, rows);
    if (failures.errors.size() != errors_before) return;
    // Best band first, so rows a quota pushes down can meet the quota of the band below.
    std::vector<std::size_t> quotas(grade.quotas.size());
    std::iota(quotas.begin(), quotas.end(), 0);
    std::sort(quotas.begin(), quotas.end(),
              [&](std::size_t a, std::size_t b) { return grade.quotas[a].band < grade.quotas[b].band; });
    auto& flags = table.quota_flags[step.symbol];
    flags.clear();
    for (std::size_t q : quotas) {
        const Quota& quota = grade.quotas[q];
        // Pools hold disjoint rows, so a silent run splits them over the cores, each chunk with its
        // own candidates and flags, joined in pool order.
        auto pool_rows_in = [&](const ExpressionEvaluator& own, RowFailures& own_failures, std::uint32_t begin,
                                std::uint32_t end, std::vector<FlagHit>& out) {
            QuotaInPool in_pool(quota, step.entity, own, own_failures);
            for (std::uint32_t pool_row = begin; pool_row < end; ++pool_row) {
                Rational share;
                if (!own_failures.guard(quota.pool, pool_row, [&] { share = quota_share(own, quota, pool_row); }))
                    continue;
                // Without `per`, the scheme is the one pool, of every row.
                RowRange pool_rows = quota.pool ? table.ranges[quota.pool][pool_row]
                                                : RowRange{0, static_cast<std::uint32_t>(table.size())};
                if (!in_pool.decide(pool_rows, share, bands)) continue;
                QuotaDecision decision = in_pool.decision();
                decision.grade_symbol = step.symbol;
                decision.quota = q;
                decision.pool_entity = quota.pool;
                decision.pool_row = pool_row;
                decision.pool_size = pool_rows.second - pool_rows.first;
                decision.share = &share;
                listener.on_quota(decision);
                in_pool.apply(bands, out);
            }
        };
        auto pools = static_cast<std::uint32_t>(quota.pool ? tables.entities[quota.pool].size() : 1);
        if constexpr (std::is_same_v<Listener, SilentListener>)
            failures.split_rows_flagging(pools, evaluator, flags, pool_rows_in);
        else
            pool_rows_in(evaluator, failures, 0, pools, flags);
    }
    if (!failures.errors.empty()) return;
    auto& column = table.columns[plan.column_of_symbol[step.symbol]];
    for (std::uint32_t row = 0; row < table.size(); ++row) {
        column[row] = Value::of_text(grade.bands[bands[row]].label, bands[row]);
        listener.on_value(step, row, column[row]);
    }
}

template void evaluate_grade(const Step&, const Plan&, Tables&, const ExpressionEvaluator&, RowFailures&,
                             SilentListener&);
template void evaluate_grade(const Step&, const Plan&, Tables&, const ExpressionEvaluator&, RowFailures&,
                             EvaluationListener&);

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

BandIndex band_by_score(const Grade& grade, const Plan& plan, const Tables& tables, const Rational& value) {
    std::vector<const Rational*> thresholds;
    for (const Band& band : grade.bands) thresholds.push_back(&threshold_of(band, plan, tables));
    return band_for(grade, thresholds, value);
}

}  // namespace kaohe
