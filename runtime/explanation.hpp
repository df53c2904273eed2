// The derivation of one entity row's result, for a person reviewing it (an appeal): each value
// with the rule that defines it, the inputs it read and where in the data, the exact intermediate
// values and the rounding applied, a weighted sum's contributions, a grade's band before and after
// vetoes and quotas, and for a quota the pool, the slots and the order around the cut.
//
// Design decision: the evaluator only reports events (runtime/listener.hpp); an EvaluationRecord
// keeps the few a derivation cannot recompute afterwards — bands before quotas, quota decisions —
// for every row, so the row asked about need not be known before the run. Everything else is read
// back from the tables or recomputed with ExpressionEvaluator when the explanation is built: the
// fast path pays nothing, and explaining costs one listened run plus a walk over one row's rules.
// The result is data (names, spans, Values, Rationals); cli/formats/explanation prints it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/listener.hpp"
#include "runtime/results.hpp"

namespace kaohe {

class Run;

// What a run's listener keeps for explanations: per grade, every row's bands before quotas, and
// every quota decision that moved somebody (copied: the evaluator's spans die with the call).
class EvaluationRecord : public EvaluationListener {
public:
    struct Bands {
        Rational score;
        BandIndex by_score, after_caps;
    };
    struct QuotaCut {
        std::size_t quota = 0;
        std::uint32_t pool_row = 0;
        std::uint32_t pool_size = 0;
        Rational share, exact_slots;
        std::size_t slots = 0;
        std::vector<std::uint32_t> ranked;
        std::size_t tie_begin = 0, tie_end = 0;
    };
    std::map<SymbolId, std::vector<Bands>> bands;  // per grade symbol, per row
    std::map<SymbolId, std::vector<QuotaCut>> cuts;

    void on_band(const Step& step, std::uint32_t row, const Rational& score, BandIndex band_by_score,
                 BandIndex band_after_caps) override;
    void on_quota(const QuotaDecision& decision) override;
};

// Where a rule is written and what it cites.
struct RuleSource {
    std::string file;
    std::uint32_t line = 0;
    std::string article;                // 第九条, from the declaration's comments or `article`
    std::vector<std::string> comments;  // the comment lines on the declaration
    std::string formula;                // the expression as written, on one line
};

struct Derivation;

// One term of a weighted sum: weight × value = contribution, all exact.
struct WeightedTerm {
    std::string component;  // the term as written: 实绩得分
    std::string weight_parameter;  // the `param` the weight was written as, if any
    Rational weight, value, contribution;
    std::vector<Derivation> detail;  // how the value came about (one, when the term names a value)
};

// Before and after a band's rules, for a grade.
struct BandLine {
    std::string label;
    BandEdge edge = BandEdge::otherwise;
    Rational threshold;
    std::string parameter;  // the threshold's `param`, if any
};

struct VetoStory {
    RuleSource source;  // `veto of … when …`
    bool fired = false;
    std::string cap_label;  // the best band it leaves
    std::vector<Derivation> condition;  // what the condition read
};

// A neighbour in a quota's order, with its keys.
struct QuotaPlace {
    std::size_t position = 0;  // 1-based in the order of those who reached the band
    std::string id;
    std::vector<Rational> keys;
    bool kept = false, tied = false, explained = false;
};

struct QuotaStory {
    RuleSource source;  // the share expression's line
    std::string band_label;
    std::string pool_entity, pool_id;  // empty pool_entity: one pool of every row
    std::uint32_t pool_size = 0;
    Rational share, exact_slots;
    Rounding rounding = Rounding::floor;
    std::size_t slots = 0;
    std::size_t reached = 0;     // rows of the pool in the band before this quota
    bool cut = false;            // more reached than slots: somebody moved down
    std::size_t position = 0;    // this row's, 1-based; 0 when it did not reach the band
    std::vector<std::string> key_formulas;  // `综合得分 desc`
    std::vector<QuotaPlace> places;         // around the cut and around this row, in order
    std::string flag;                       // the flag it gave this row, if any
    std::vector<Derivation> share_detail;   // how the share came about
};

struct GradeStory {
    std::vector<BandLine> bands;
    Rational score;
    std::string by_score, after_vetoes, final_label;
    std::vector<VetoStory> vetoes;
    std::vector<QuotaStory> quotas;
};

struct RankStory {
    std::string by_formula;
    bool descending = true;
    std::string within_entity, within_id;  // empty within_entity: among every row
    std::uint32_t pool_size = 0;
};

// One value of one row: an input, a computed value, a rank or a grade.
struct Derivation {
    std::string name;
    SymbolKind kind = SymbolKind::value;
    std::string owner;  // "县区 LN01" when it lives on an ancestor row, "方案" at scheme level
    Value value;
    std::string shown;               // the value as a reviewer reads it (exact; a record by field)
    std::optional<Rational> exact;   // numbers
    RuleSource source;
    std::string path;     // inputs: where in the data (or the parameters) it was read
    std::string note;     // a parameter: its default in the policy
    std::string variant;  // the variant whose definition applied, if any
    // A definition that ends in rounding: the exact value before it and the function applied.
    std::optional<Rational> unrounded;
    std::string rounding;
    // A definition that is an if-chain: the condition that held (empty: the final else) and the
    // branch it chose, as written — "the share rule that fired".
    std::string branch_condition, branch_chosen;
    std::vector<WeightedTerm> terms;
    std::vector<Derivation> reads;  // the other values and inputs its formula reads
    std::vector<GradeStory> grade;  // one, for a grade
    std::vector<RankStory> rank;    // one, for a rank
};

struct FlagStory {
    std::string text;
    std::string rule;  // what gave it: "名额" or the flag rule's condition
    RuleSource source;
};

struct Explanation {
    std::string entity;  // 成员
    std::string id, path;
    // The output row exactly as `run` gives it; null for an entity no output shows.
    const ResultRow* result = nullptr;
    std::vector<std::pair<std::string, Derivation>> fields;  // output key (or name) → derivation
    std::vector<std::pair<std::string, Derivation>> components;
    std::vector<FlagStory> flags;
};

// The derivation of one row after `run` evaluated with `record` listening; `result` is its output
// row, if it has one (its names view into the policy, like the explanation's).
Explanation explain(const Run& run, const EvaluationRecord& record, EntityId entity, std::uint32_t row,
                    const ResultRow* result);

}  // namespace kaohe
