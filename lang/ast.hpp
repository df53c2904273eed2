// The abstract syntax tree of one policy file, every node with its source span.
//
// Declarations are kept in per-kind vectors rather than one polymorphic list: the checker
// handles each kind in its own pass, and there is no behaviour to dispatch on. Comments are
// kept too: every one in Module::comments, and each declaration (and item inside one) holds
// the ones that belong to it in its Layout, so an explanation can quote "# 第九条" and a
// formatter can put every comment back.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/rational.hpp"
#include "lang/source.hpp"

namespace kaohe::ast {

// `# 第九条 …`: the text after the # (trimmed), and where it stands.
struct Comment {
    std::string text;
    Span span;           // from the # to the end of its line
    bool own_line = false;  // nothing but blanks before it on its line
};

// Where a declaration or item stands as a whole, and its comments: the block of comment lines
// directly above it (no blank line between) and any on its own lines that no inner item has.
struct Layout {
    Span span;
    std::vector<std::size_t> comments;  // indices into Module::comments, in file order
};

enum class BinaryOp { logical_or, logical_and, equal, not_equal, less, less_equal, greater, greater_equal, add,
                      subtract, multiply, divide };
const char* spelling(BinaryOp op);

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct WeightedItem {
    Rational weight;  // 45% is stored as 9/20
    bool percent = false;
    std::string weight_name;  // written as the name of a `param` instead
    Span weight_span;
    ExprPtr expr;
    Layout layout;
};

enum class ExprKind { number, text, boolean, name, field, call, negate, logical_not, binary, conditional, weighted };

struct Expr {
    ExprKind kind = ExprKind::number;
    Span span;
    Rational number;               // number
    bool percent = false;          // number written with %
    bool boolean = false;          // boolean
    std::string text;              // text literal, name, field name, callee
    BinaryOp op = BinaryOp::add;   // binary
    std::vector<ExprPtr> operands; // field: object; call: arguments; negate/not: 1; binary: 2; conditional: 3
    std::vector<ExprPtr> filters;  // call: the `where` filter of each argument, or null
    std::vector<WeightedItem> items;
};

struct TypeRef {
    std::string name;
    Span span;
    bool list = false;
    bool nonempty = false;
    bool optional = false;
    std::optional<Rational> low, high;  // `in low..high`; `in low..` has no high
    Span range_span;
};

struct InputDecl {
    std::string name;
    Span name_span;
    TypeRef type;
    std::string path;
    Span path_span;
    Layout layout;
};

struct Requirement {
    ExprPtr condition;
    std::string message;
    Span span;
    std::string path;  // optional: the field the message is about
    Layout layout;
};

struct RecordDecl {
    std::string name;
    Span name_span;
    std::vector<InputDecl> fields;
    std::vector<Requirement> requirements;
    Layout layout;
};

// One array an entity is read from, and the name of the condition "this row came from it".
struct EntityArray {
    std::string path;
    Span path_span;
    std::string flag;  // `as 直管县`; empty when not named
    Span flag_span;
};

struct EntityDecl {
    std::string name;
    Span name_span;
    std::vector<EntityArray> arrays;  // at least one
    std::string key_path;
    std::string parent;  // belongs to 县区 by county_id: the parent entity's name, or empty
    Span parent_span;
    std::string parent_key;  // the field holding the parent's id
    Span parent_key_span;
    std::vector<InputDecl> inputs;
    std::vector<Requirement> requirements;
    std::vector<EntityDecl> children;
    Layout layout;
};

struct Param {
    std::string name;
    Span span;
    TypeRef type;
};

struct FunctionDecl {
    std::string name;
    Span name_span;
    std::vector<Param> params;
    ExprPtr body;
    Layout layout;
};

struct EntityRef {
    std::string name;  // empty: the whole scheme
    Span span;
};

// `article "第五条(一)1"`: one metadata item after a value or section, as written; the checker
// knows the keys and that the value must be a text.
struct MetaItem {
    std::string key;
    Span key_span;
    std::string text;
    bool is_text = true;  // false: written as a number
    Span value_span;
};

struct SectionMember {
    std::string name;
    Span span;
};

struct ValueDecl {
    std::string name;
    Span name_span;
    EntityRef of;
    ExprPtr expr;
    Layout layout;
    std::optional<Rational> points = std::nullopt;  // `points 15`
    Span points_span = {};
    std::vector<MetaItem> metadata = {};
    // `section S: a, b, c` is a value whose expr the parser builds as a + b + c; members keeps
    // the list as written so the checker can add up their points.
    bool section = false;
    std::vector<SectionMember> members = {};
};

struct RankDecl {
    std::string name;
    Span name_span;
    EntityRef of;
    ExprPtr by;
    bool descending = true;
    EntityRef within;
    Layout layout;
};

enum class BandEdge { at_least, above, otherwise };

struct Band {
    std::string label;
    Span span;
    BandEdge edge = BandEdge::otherwise;
    Rational threshold;
    std::string threshold_name;  // written as the name of a `param` instead
    Span threshold_span;
    Layout layout;
};

enum class Rounding { floor, ceil, half_up };

struct OrderKey {
    ExprPtr expr;
    bool descending = true;
};

struct Quota {
    std::string band;
    Span band_span;
    ExprPtr share;
    EntityRef pool;
    Rounding rounding = Rounding::floor;
    Span rounding_span;
    std::vector<OrderKey> order;
    std::string tie_flag;
    std::string excess_flag;
    Span span;
    Layout layout;
};

struct GradeDecl {
    std::string name;
    Span name_span;
    EntityRef of;
    ExprPtr by;
    std::vector<Band> bands;
    std::vector<Quota> quotas;
    Layout layout;
};

struct FlagItem {
    std::string text;  // may hold {loop_var} placeholders
    Span span;
    std::string loop_var;
    Span loop_var_span;
    ExprPtr loop_list;
    bool named = false;  // written as a name: also a condition other rules can use
    Layout layout;
};

struct Cap {
    std::string grade;
    Span grade_span;
    std::string band;
    Span band_span;
    Layout layout;
};

struct VetoDecl {
    Span span;
    EntityRef of;
    ExprPtr when;
    std::vector<Cap> caps;
    std::vector<FlagItem> flags;
    Layout layout;
};

struct FlagDecl {
    FlagItem flag;
    EntityRef of;
    ExprPtr when;
    Layout layout;
};

struct OutputItem {
    std::string key;
    Span key_span;
    std::vector<ExprPtr> values;
    Layout layout;
    std::string group = {};  // `components 减贫成效: …`; empty for the plain components
    Span group_span = {};
};

struct OutputDecl {
    EntityRef of;
    std::string kind;
    Span kind_span;
    std::vector<OutputItem> items;
    Layout layout;
};

// variant 第三年 when 考核年度 = 3 { value … }: definitions that replace the base ones
// of the same name while the condition holds.
struct VariantDecl {
    std::string name;
    Span name_span;
    ExprPtr when;
    std::vector<ValueDecl> values;
    Layout layout;
};

struct AssertDecl {
    std::string variant;  // empty: the base scheme
    Span variant_span;
    ExprPtr condition;
    std::string message;
    Span span;
    Layout layout;
};

// enum 满意程度 { 满意, 基本满意, 不满意 }: the values in the order written.
struct EnumDecl {
    std::string name;
    Span name_span;
    std::vector<std::string> values;
    std::vector<Span> value_spans;
    Layout layout;
};

// param 优秀线 = 90 at 实施方案.优秀线: a named number the scheme's rules use, with a default
// that the data (at the optional path) or a parameters file replaces for one run.
struct ParameterDecl {
    std::string name;
    Span name_span;
    Rational default_value;  // 45% is stored as 9/20
    bool percent = false;
    Span default_span;
    std::string path;  // empty: not read from the data file
    Span path_span;
    Layout layout;
};

struct UseDecl {
    std::string module;  // a stdlib module's name, or the path as written
    Span span;
    Layout layout;
    bool local = false;  // use "./common.kh": a path relative to the file that says it
};

struct Module {
    bool stdlib = false;  // read from the stdlib folder: its unused definitions are no warning
    std::string scheme_name;
    std::string scheme_version;  // `scheme 陇南班子成员考核 2017`: the year after the name, if any
    Span scheme_span;
    Layout scheme_layout;
    std::vector<Comment> comments;  // every comment of the file, in order
    std::vector<UseDecl> uses;
    std::vector<ParameterDecl> parameters;
    std::vector<RecordDecl> records;
    std::vector<EntityDecl> entities;
    std::vector<FunctionDecl> functions;
    std::vector<ValueDecl> values;
    std::vector<RankDecl> ranks;
    std::vector<GradeDecl> grades;
    std::vector<VetoDecl> vetoes;
    std::vector<FlagDecl> flags;
    std::vector<OutputDecl> outputs;
    std::vector<InputDecl> inputs;  // scheme-level, read from the document's root
    std::vector<Requirement> requirements;  // scheme-level: about the document's root inputs
    std::vector<VariantDecl> variants;
    std::vector<AssertDecl> asserts;
    std::vector<EnumDecl> enums;
    std::vector<Span> unparsed;  // declarations dropped for a syntax error (lang/unparsed.hpp)
};

}  // namespace kaohe::ast
