// The checked program: every name resolved, every expression typed, definitions in the
// order they can be computed. This is what the checker hands to the planner.
//
// Design decision: expressions stay trees (CheckedExpr) but refer to symbols by number and
// to ancestors by how many levels up they live, so nothing after the checker looks a name
// up. The cost is one tree per definition; the evaluator walks it without strings.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/rational.hpp"
#include "lang/builtins.hpp"
#include "lang/ids.hpp"
#include "lang/source.hpp"

namespace kaohe {

// The program's own operators and modes: the checker translates the AST's, so nothing after
// it depends on how the syntax spells them.
enum class Operator { logical_or, logical_and, equal, not_equal, less, less_equal, greater, greater_equal, add,
                      subtract, multiply, divide };
enum class BandEdge { at_least, above, otherwise };
enum class Rounding { floor, ceil, half_up };

// How a number is scaled, so a percentage and a plain number are never mixed silently: a
// `percent` input holds 0–100 (points), while `95%` written in a policy is 0.95 (a fraction).
// Plain numbers (counts, scores, literals without %) go with either. The checker rejects
// adding, subtracting, comparing or choosing between points and a fraction (docs/language.md).
enum class Scale : unsigned char { plain, points, fraction };

enum class BaseType { number, boolean, text, record, collection, invalid };

// Number inputs carry a kind that fixes their accepted range when data is bound. `fraction`
// is a parameter whose default is written with % (45% is 0.45); data gives it as 45 or "45%".
enum class NumberKind { any, percent, score, count, fraction };

struct Type {
    BaseType base = BaseType::invalid;
    bool list = false;
    RecordId record{};  // record types
    EntityId entity{};  // collections: the entity type iterated
    SymbolId grade{};   // a grade's values: texts that are its labels, each with its band index
    EnumId enumeration{};  // an enumeration's values: texts from its fixed set

    bool operator==(const Type& other) const = default;
    bool is_number() const { return base == BaseType::number && !list; }
    bool is_bool() const { return base == BaseType::boolean && !list; }
    bool is_text() const { return base == BaseType::text && !list; }
};

// enum 满意程度 { 满意, 基本满意, 不满意 }: a text type whose values come from a fixed set. Its
// values are texts at run time; the set is checked when data is bound and against literals.
struct EnumType {
    std::string name;
    Span span;
    std::vector<std::string> values;  // as declared
};

struct InputSpec {
    std::string name;
    Span span;
    Type type;
    NumberKind number_kind = NumberKind::any;
    bool optional = false;
    bool nonempty = false;
    std::optional<Rational> low, high;  // accepted range, from the type and any `in low..high`
    std::string json_key;  // a dotted path below the entity's JSON object
    // A `param`: its default, used when neither the data (at json_key, which may be empty)
    // nor a parameters file gives a value.
    std::optional<Rational> default_value;
};

struct CheckedExpr;
using CheckedExprPtr = std::unique_ptr<CheckedExpr>;

struct Requirement {
    CheckedExprPtr condition;  // evaluated with the record's fields as locals
    std::string message;
    Span span;
};

struct RecordType {
    std::string name;
    Span span;
    IdVector<FieldIndex, InputSpec> fields;
    std::vector<Requirement> requirements;
};

struct EntityType {
    std::string name;
    Span span;
    EntityId parent;
    int depth = 0;
    // The arrays below the parent's object (or the document root) its rows are read from, in
    // order; most entities have one.
    std::vector<std::string> json_keys;
    // Per array: the boolean input that holds for the rows read from it (`as 直管县`), or none.
    std::vector<SymbolId> array_flags;
    std::string key_path;  // the field holding the entity's id
    // belongs to 县区 by county_id: the rows sit at the document root and name their parent row
    // by its id in this field. Empty: nested in the parent's object, as usual. Either way the
    // entity is the parent's child, so everything after binding sees one kind of nesting.
    std::string parent_key;
    std::vector<SymbolId> inputs;  // in declaration order
};

enum class SymbolKind { input, value, rank, grade, veto_condition, requirement };

// Where an indicator comes from, as the policy says (`article "第五条(一)1" dept "省扶贫办"
// source "统计年报"`): kept for explanations and reports; no effect on a result.
struct IndicatorInfo {
    std::string article;     // the article (条款) that defines it
    std::string department;  // the 考核部门 that scores it (written `dept`)
    std::string source;      // where its data comes from
    bool empty() const { return article.empty() && department.empty() && source.empty(); }
};

struct Symbol {
    std::string name;
    Span span;
    SymbolKind kind = SymbolKind::value;
    EntityId entity;  // none: defined once for the whole scheme
    Type type;
    InputId input;    // inputs
    // The comments on its declaration ("第九条: 综合得分 = …"), which an explanation can quote.
    std::vector<std::string> comments = {};
    Scale scale = Scale::plain;  // numbers: points for a percent input, else its definition's scale
    IndicatorInfo info = {};
    std::optional<Rational> points = std::nullopt;  // an indicator's declared points (`points 15`)
};

// grade_label: the band of grade type.grade whose label is the text args[0], or that text when
// it is no label of the grade; what a variant's text becomes when it replaces a grade's value.
enum class ExprOp { constant, symbol, local, field, negate, logical_not, binary, conditional, builtin, function,
                    collection, weighted, grade_label };

struct Constant {
    BaseType base = BaseType::number;
    Rational number;
    bool boolean = false;
    std::string text;
    BandIndex band;  // a text the checker found to be a label of the grade it is compared with
};

struct CheckedExpr {
    ExprOp op = ExprOp::constant;
    Span span;
    Type type;
    Scale scale = Scale::plain;      // numbers (and lists of them): see Scale
    Constant constant;               // constant
    SymbolId symbol;                 // symbol
    int levels_up = 0;               // symbol: how far up the entity chain it is defined; -1 scheme level
    LocalSlot local;                 // local
    FieldIndex field;                // field: of the record args[0]
    FunctionId function;             // function
    VariantId variant;               // conditional: the variant it selects (none: an ordinary if)
    Operator binary = Operator::add;
    Builtin builtin = Builtin::count;
    std::vector<CheckedExprPtr> args;
    // collection: entity iterated, and per element an optional value and filter,
    // both evaluated in the element's context.
    CheckedExprPtr element;
    CheckedExprPtr filter;
    WeightingId weighting;           // weighted
};

// The weights of one weighted sum, kept out of the expression tree so that a run can change
// them (a what-if) in its own copy while the program stays shared and unchanged.
struct Weighting {
    std::vector<Rational> weights;  // one per term
    // The `param` each weight was written as (none: a literal); weights holds their defaults
    // until a run binds the parameters.
    std::vector<SymbolId> parameters;
    // weights[i] = units[i] / unit, over their least common denominator, so a sum multiplies
    // by integers and divides once. unit is 0 when that does not fit 64 bits.
    std::vector<std::int64_t> units;
    std::int64_t unit = 0;
};

// A weighting with its integer scale worked out; `parameters` as in Weighting (empty: all literal).
Weighting make_weighting(std::vector<Rational> weights, std::vector<SymbolId> parameters = {});

struct Function {
    std::string name;
    Span span;
    std::vector<Type> params;
    std::vector<Scale> param_scales;  // points for a `percent` parameter
    CheckedExprPtr body;  // params are locals 0..n-1
    int local_count = 0;
};

struct ValueDefinition {
    SymbolId symbol;
    CheckedExprPtr expr;
};

struct Rank {
    SymbolId symbol;
    CheckedExprPtr by;
    bool descending = true;
    EntityId within;  // none: everyone
};

struct Band {
    std::string label;
    BandEdge edge = BandEdge::otherwise;
    Rational threshold;  // a parameter's default until a run binds it
    SymbolId parameter;  // the `param` the threshold was written as, if any
};

// The band after `band` in a grade's list: the next worse one.
inline BandIndex band_below(BandIndex band) { return BandIndex(band.index() + 1); }

struct OrderKey {
    CheckedExprPtr expr;
    bool descending = true;
};

struct Quota {
    BandIndex band;
    CheckedExprPtr share;  // evaluated for each pool entity
    EntityId pool;         // entity type whose instances are the pools; none: one pool of every row
    Rounding rounding = Rounding::floor;
    std::vector<OrderKey> order;
    std::string tie_flag;
    std::string excess_flag;
};

struct VetoCap {
    SymbolId veto_symbol;  // the veto's condition
    BandIndex band;        // the best band a vetoed entity may keep
};

struct Grade {
    SymbolId symbol;
    CheckedExprPtr by;
    IdVector<BandIndex, Band> bands;  // best first
    std::vector<Quota> quotas;
    std::vector<VetoCap> caps;
};

struct FlagRule {
    EntityId entity;
    SymbolId condition_symbol;   // veto flags: the veto's condition
    CheckedExprPtr condition;    // plain flags
    std::string text;            // as written
    CheckedExprPtr loop_list;    // optional: one flag per element (the element is local 0)
    // With a loop: the text around each {element} placeholder, so "否决:{x}/{x}" is {"否决:", "/", ""}
    // and a flag is the pieces joined by the element.
    std::vector<std::string> pieces;
    Span span;
    std::vector<SymbolId> reads;  // the definitions it uses (not inputs): a what-if reruns it when one changes
};

struct OutputField {
    std::string key;
    std::vector<CheckedExprPtr> values;
    std::vector<std::string> names;  // for components: the name of each value
    std::string group = {};          // components in a named group (`components 减贫成效: …`)
};

// A rule about the data that the evaluator checks before anything is scored.
struct EntityRequirement {
    SymbolId symbol;       // its condition, a hidden value
    std::string message;
    std::string json_key;  // the field the message is about, or empty for the row itself
};

struct Variant {
    std::string name;
    Span span;
};

struct Output {
    EntityId entity;
    std::string kind;
    std::vector<OutputField> fields;
};

// `section 减贫成效 of 县 points 40: A1, A2, A3`: the section's symbol is a value, the sum of
// its members; the list is kept so a report can show the structure of the scheme.
struct Section {
    SymbolId symbol;
    std::vector<SymbolId> members;  // in the order written
};

struct Program {
    std::string scheme_name;
    std::string scheme_version;  // the year written after the name, if any
    IdVector<RecordId, RecordType> records;
    IdVector<EnumId, EnumType> enums;
    IdVector<EntityId, EntityType> entities;  // parents before children
    IdVector<SymbolId, Symbol> symbols;
    IdVector<InputId, InputSpec> inputs;
    IdVector<FunctionId, Function> functions;
    std::vector<ValueDefinition> values;
    std::vector<Rank> ranks;
    std::vector<Grade> grades;
    std::vector<FlagRule> flags;
    std::vector<Output> outputs;
    std::vector<Section> sections;
    std::vector<SymbolId> scheme_inputs;  // read from the document's root; parameters among them
    std::vector<SymbolId> parameters;     // `param` declarations, in file order
    std::vector<EntityRequirement> requirements;
    IdVector<VariantId, Variant> variants;
    IdVector<WeightingId, Weighting> weightings;  // per weighted sum, as written; a run may override them
    std::vector<SymbolId> evaluation_order;      // not inputs; dependencies first
    IdVector<SymbolId, std::vector<SymbolId>> dependencies;  // the definitions each uses directly
};

}  // namespace kaohe
