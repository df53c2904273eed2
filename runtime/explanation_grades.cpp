// runtime/explanation's grades, vetoes, quotas, ranks and flags: the decisions a row's result went
// through after its score. A quota is retold from the record of the run when it cut somebody in
// this row's pool; when it did not, its numbers are worked out again here (the evaluator reports
// only cuts), so "名额 2, 达到的 1 人, 未超出" needs no listener event.
#include <algorithm>
#include <numeric>

#include "runtime/explanation_builder.hpp"
#include "runtime/grading.hpp"
#include "runtime/parameters.hpp"

namespace kaohe::detail {
namespace {

// The pool row a row belongs to: its ancestor of the pool's entity (the scheme's one pool: 0).
Place pool_of(const Program& program, const Tables& tables, Place place, EntityId pool) {
    if (!pool) return {};
    while (place.entity && place.entity != pool) {
        place.row = tables.entities[place.entity].parent_row[place.row];
        place.entity = program.entities[place.entity].parent;
    }
    return place;
}

}  // namespace

void ExplanationBuilder::grade(Derivation& d, SymbolId id, Place place, int depth) {
    const Symbol& symbol = program.symbols[id];
    const Grade& grade = *plan.grade_of_symbol[id];
    d.source = source(symbol.span, &symbol, grade.by.get());
    GradeStory story;
    for (const Band& band : grade.bands)
        story.bands.push_back({band.label, band.edge, threshold_of(band, plan, tables),
                               band.parameter ? program.symbols[band.parameter].name : ""});
    BandIndex by_score(0), after_caps(0);
    auto recorded = record.bands.find(id);
    if (recorded != record.bands.end() && place.row < recorded->second.size()) {
        const EvaluationRecord::Bands& bands = recorded->second[place.row];
        story.score = bands.score;
        by_score = bands.by_score;
        after_caps = bands.after_caps;
    }
    story.by_score = grade.bands[by_score].label;
    story.after_vetoes = grade.bands[after_caps].label;
    story.final_label = std::string(d.value.text());
    // Its score, unless the score's own field has shown it already.
    if (grade.by->op == ExprOp::symbol &&
        !was_shown(grade.by->symbol, place_up(program, tables, place, grade.by->levels_up)))
        d.reads.push_back(this->symbol(grade.by->symbol, place, grade.by->levels_up, depth + 1));
    for (const VetoCap& cap : grade.caps) {
        const CheckedExpr* condition = definition(cap.veto_symbol);
        VetoStory veto{source(program.symbols[cap.veto_symbol].span, nullptr, condition),
                       stored(cap.veto_symbol, place).boolean(), grade.bands[cap.band].label, {}};
        if (condition) {
            Derivation read;
            reads(*condition, place, depth, read, false);
            veto.condition = std::move(read.reads);
        }
        story.vetoes.push_back(std::move(veto));
    }
    for (std::size_t q = 0; q < grade.quotas.size(); ++q) story.quotas.push_back(quota(grade, q, place, depth));
    d.grade.push_back(std::move(story));
}

QuotaStory ExplanationBuilder::quota(const Grade& grade, std::size_t index, Place place, int depth) {
    const Quota& quota = grade.quotas[index];
    const Table& table = tables.entities[place.entity];
    QuotaStory story;
    story.source = source(quota.share->span, nullptr, quota.share.get());
    story.band_label = grade.bands[quota.band].label;
    story.rounding = quota.rounding;
    Place pool = pool_of(program, tables, place, quota.pool);
    if (quota.pool) {
        story.pool_entity = program.entities[quota.pool].name;
        story.pool_id = tables.entities[quota.pool].ids[pool.row];
    }
    RowRange rows = quota.pool ? table.ranges[quota.pool][pool.row] : RowRange{0, static_cast<std::uint32_t>(table.size())};
    story.pool_size = rows.second - rows.first;
    for (const OrderKey& key : quota.order) story.key_formulas.push_back(formula(*key.expr) + (key.descending ? " desc" : " asc"));
    if (quota.share->op == ExprOp::symbol)
        story.share_detail.push_back(symbol(quota.share->symbol, pool, quota.share->levels_up, depth + 1));

    // The order: the run's, when this quota cut in this pool; else worked out again.
    std::vector<std::uint32_t> ranked;
    std::size_t tie_begin = 0, tie_end = 0;
    const EvaluationRecord::QuotaCut* cut = nullptr;
    if (auto found = record.cuts.find(grade.symbol); found != record.cuts.end())
        for (const auto& candidate : found->second)
            if (candidate.quota == index && candidate.pool_row == pool.row) cut = &candidate;
    auto keys_of = [&](std::uint32_t row) {
        std::vector<Rational> keys;
        for (const OrderKey& key : quota.order) keys.push_back(evaluator.number(*key.expr, Context{place.entity, row, nullptr}));
        return keys;
    };
    if (cut) {
        story.cut = true;
        story.share = cut->share;
        story.exact_slots = cut->exact_slots;
        story.slots = cut->slots;
        ranked = cut->ranked;
        tie_begin = cut->tie_begin;
        tie_end = cut->tie_end;
    }
    else {
        story.share = evaluator.number(*quota.share, Context{quota.pool, pool.row, nullptr});
        story.exact_slots = story.share * Rational(static_cast<std::int64_t>(story.pool_size));
        Rational rounded = round_slots(story.exact_slots, quota.rounding);
        story.slots = rounded.is_negative() ? 0 : static_cast<std::size_t>(rounded.to_int64().value_or(story.pool_size));
        story.slots = std::min<std::size_t>(story.slots, story.pool_size);
        // Who reached the band: the bands after vetoes (a better band's quota cannot push
        // anyone into this one without cutting, and a cut would have been recorded).
        std::vector<std::pair<std::vector<Rational>, std::uint32_t>> keyed;
        auto recorded = record.bands.find(grade.symbol);
        for (std::uint32_t row = rows.first; row < rows.second; ++row)
            if (recorded != record.bands.end() && row < recorded->second.size() &&
                recorded->second[row].after_caps == quota.band)
                keyed.emplace_back(keys_of(row), row);
        std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
            for (std::size_t k = 0; k < quota.order.size(); ++k) {
                if (a.first[k] == b.first[k]) continue;
                return quota.order[k].descending ? a.first[k] > b.first[k] : a.first[k] < b.first[k];
            }
            return false;
        });
        for (const auto& [keys, row] : keyed) ranked.push_back(row);
        tie_begin = tie_end = story.slots;
    }
    story.reached = ranked.size();
    auto at = std::find(ranked.begin(), ranked.end(), place.row);
    story.position = at == ranked.end() ? 0 : static_cast<std::size_t>(at - ranked.begin()) + 1;

    // Whom to show: the last kept and the first moved at the cut, a tie group across it, and this
    // row with its neighbours.
    std::vector<std::size_t> shown_positions;  // 0-based into ranked
    auto show = [&](std::size_t i) {
        if (i < ranked.size()) shown_positions.push_back(i);
    };
    if (story.slots > 0) show(story.slots - 1);
    show(story.slots);
    for (std::size_t i = tie_begin; i < tie_end && i < tie_begin + 10; ++i) show(i);
    if (story.position > 0) {
        if (story.position > 1) show(story.position - 2);
        show(story.position - 1);
        show(story.position);
    }
    std::sort(shown_positions.begin(), shown_positions.end());
    shown_positions.erase(std::unique(shown_positions.begin(), shown_positions.end()), shown_positions.end());
    for (std::size_t i : shown_positions) {
        bool tied = i >= tie_begin && i < tie_end;
        story.places.push_back({i + 1, table.ids[ranked[i]], keys_of(ranked[i]), i < std::min(tie_begin, story.slots),
                                tied, ranked[i] == place.row});
    }
    if (auto flags = table.quota_flags.find(grade.symbol); flags != table.quota_flags.end())
        for (const auto& [row, text] : flags->second)
            if (row == place.row) story.flag = text;
    return story;
}

void ExplanationBuilder::rank(Derivation& d, SymbolId id, Place place, int depth) {
    const Symbol& symbol = program.symbols[id];
    auto rank = std::find_if(program.ranks.begin(), program.ranks.end(), [&](const Rank& r) { return r.symbol == id; });
    if (rank == program.ranks.end()) return;
    d.source = source(symbol.span, &symbol, rank->by.get());
    RankStory story{formula(*rank->by), rank->descending, "", "", static_cast<std::uint32_t>(tables.entities[place.entity].size())};
    if (rank->within) {
        Place within = pool_of(program, tables, place, rank->within);
        story.within_entity = program.entities[rank->within].name;
        story.within_id = tables.entities[rank->within].ids[within.row];
        RowRange rows = tables.entities[place.entity].ranges[rank->within][within.row];
        story.pool_size = rows.second - rows.first;
    }
    if (rank->by->op != ExprOp::symbol ||
        !was_shown(rank->by->symbol, place_up(program, tables, place, rank->by->levels_up)))
        reads(*rank->by, place, depth, d, false);
    d.rank.push_back(std::move(story));
}

std::vector<FlagStory> ExplanationBuilder::flags() const {
    std::vector<FlagStory> flags;
    const Table& table = tables.entities[explained.entity];
    // In the order results list them: quota flags grade by grade, then the rules in policy order.
    for (const auto& [grade_symbol, hits] : table.quota_flags)
        for (const auto& [row, text] : hits)
            if (row == explained.row) {
                const Grade& grade = *plan.grade_of_symbol[grade_symbol];
                for (const Quota& quota : grade.quotas)
                    if (text == quota.tie_flag || text == quota.excess_flag)
                        flags.push_back({text, program.symbols[grade_symbol].name + " " + grade.bands[quota.band].label +
                                                   " 名额",
                                         source(quota.share->span, nullptr, quota.share.get())});
            }
    for (std::size_t i = 0; i < program.flags.size() && i < tables.rule_flags.size(); ++i) {
        const FlagRule& rule = program.flags[i];
        if (rule.entity != explained.entity) continue;
        for (const auto& [row, text] : tables.rule_flags[i]) {
            if (row != explained.row) continue;
            // A veto's flags hang on its hidden condition; a named flag (`flag 资金奖励 of 市 when …`)
            // on a value of that name.
            const CheckedExpr* condition = rule.condition ? rule.condition.get() : definition(rule.condition_symbol);
            bool veto = !rule.condition && program.symbols[rule.condition_symbol].kind == SymbolKind::veto_condition;
            RuleSource where = source(rule.span, nullptr, condition);
            flags.push_back({text, (veto ? "一票否决 when " : "when ") + where.formula, where});
        }
    }
    return flags;
}

}  // namespace kaohe::detail
