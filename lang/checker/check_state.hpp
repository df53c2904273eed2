// Shared state of the checker's passes (names, expressions, rules, order): one file a
// concern, all writing into one Program and one Diagnostics. Last, the expression checker,
// declared here because expressions.cpp and calls.cpp share it.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "lang/ast.hpp"
#include "lang/diagnostics.hpp"
#include "lang/program.hpp"

namespace kaohe::checker {

using Code = DiagnosticCode;  // every report names one; the short name keeps calls on a line

struct Local {
    std::string name;
    Type type;
    Scale scale = Scale::plain;
};

// Where an expression is checked: which entity "this" is, what locals exist, whether
// definitions may be referenced, and where dependencies go.
struct Scope {
    EntityId entity;  // none: scheme level
    std::vector<Local> locals;
    bool allow_symbols = true;  // false inside functions and record requirements
    std::vector<SymbolId>* dependencies = nullptr;
};

class State {
public:
    explicit State(Diagnostics& diagnostics) : diagnostics(diagnostics) {}

    Diagnostics& diagnostics;
    Program program;
    std::map<std::string, EntityId> entity_by_name;
    std::map<std::string, RecordId> record_by_name;
    std::map<std::string, EnumId> enum_by_name;
    std::map<std::string, FunctionId> function_by_name;
    std::map<std::pair<EntityId, std::string>, SymbolId> symbol_by_name;  // (entity or none, name)
    // What each declaration declared, by the declaration's address: later passes walk the AST
    // again and must skip a duplicate (or a declaration of an unknown entity), which declared
    // nothing and is absent here.
    std::map<const ast::RecordDecl*, RecordId> declared_records;
    std::map<const void*, SymbolId> declared_symbols;  // values, named flags, ranks, grades
    IdVector<SymbolId, std::vector<SymbolId>> dependencies;
    std::set<std::string> unknown_names;                        // reported once each
    // Values are typed on demand, so a value may use one defined further down the file.
    std::map<SymbolId, const ast::Expr*> value_declarations;      // symbol → its defining expression
    // symbol → the variants that redefine it, with the variant's expression
    std::map<SymbolId, std::vector<std::pair<VariantId, const ast::Expr*>>> overrides;
    IdVector<VariantId, const ast::VariantDecl*> variant_declarations;
    std::vector<std::pair<EntityId, const ast::Requirement*>> entity_requirements;  // (entity, rule)
    std::map<SymbolId, int> value_progress;                       // symbol → 1 checking, 2 done
    std::map<SymbolId, const ast::GradeDecl*> grade_declarations;  // symbol → its declaration
    IdVector<FunctionId, const ast::FunctionDecl*> function_declarations;
    IdVector<FunctionId, int> function_progress;  // 0 not yet, 1 checking, 2 done

    SymbolId add_symbol(Symbol symbol);
    SymbolId find_symbol(EntityId entity, const std::string& name) const;  // none if there is none
    SymbolId declared_symbol(const void* declaration) const;                // none for a duplicate
    // The band of `grade` labelled `label`, by the declaration's list of bands; none if no band is.
    BandIndex band_of_label(SymbolId grade, const std::string& label) const;
    bool is_descendant(EntityId entity, EntityId ancestor) const;  // strictly below; none is above all
    std::string entity_name(EntityId entity) const;
    std::vector<std::string> visible_names(const Scope& scope) const;

    // Type from a written type name; reports unknown names.
    std::optional<Type> resolve_type(const ast::TypeRef& ref, NumberKind* kind);
    std::optional<EntityId> resolve_entity(const ast::EntityRef& ref);

    CheckedExprPtr check_expr(const ast::Expr& expr, Scope& scope);
};

// A top-level entity declaration and the module it is in; cyclic when its `belongs to` closes a
// cycle (reported), so it is declared as if the clause were not there.
struct EntityInModule {
    const ast::Module* module = nullptr;
    const ast::EntityDecl* entity = nullptr;
    bool cyclic = false;
};

// The top-level entity declarations, each after the one it `belongs to` (relations.cpp).
std::vector<EntityInModule> entities_in_relation_order(State& state, const std::vector<ast::Module>& modules);
// The parent of an entity about to be declared: `parent` (where it is nested), or the entity its
// `belongs to` names; reports the clause on a nested entity.
EntityId resolve_belongs_to(State& state, const EntityInModule& declared, EntityId parent);

// The passes, in the order check_program runs them.
void declare_enums(State& state, const std::vector<ast::Module>& modules);
void declare_records_and_entities(State& state, const std::vector<ast::Module>& modules);
void declare_functions(State& state, const std::vector<ast::Module>& modules);
void declare_definitions(State& state, const std::vector<ast::Module>& modules);
void check_definitions(State& state, const std::vector<ast::Module>& modules);
void check_outputs(State& state, const std::vector<ast::Module>& modules);
void order_definitions(State& state);
// Checks a function body now if it has not been; false when it is being checked (recursion).
bool check_function(State& state, FunctionId function);
// Checks the value behind a symbol now if it has not been (called while typing a reference).
void check_value(State& state, SymbolId symbol);

// Per-declaration checks, called by check_definitions.
void check_grade(State& state, const ast::GradeDecl& decl, SymbolId symbol);
void check_veto(State& state, const ast::VetoDecl& decl, int veto_index);
void check_assert(State& state, const ast::AssertDecl& decl);
// Every quota's share, by the declared input ranges, lies in 0..100% (bounds.cpp).
void check_quota_shares(State& state);
// A warning for a band no score can reach by the declared input ranges (bounds.cpp).
void check_band_reach(State& state);
// Warnings for an unused input or value and a summed indicator missing from components (warnings.cpp).
void check_unused(State& state, const std::vector<ast::Module>& modules);
// The largest value each symbol can take by the declared input ranges; nullopt when unbounded (bounds.cpp).
// Under `variant`, its definitions replace the base ones.
std::map<SymbolId, std::optional<Rational>> highest_values(const State& state, const std::vector<SymbolId>& symbols,
                                                           VariantId variant = VariantId::none());
// Points and metadata of values and sections onto their symbols (indicators.cpp).
void declare_indicators(State& state, const std::vector<ast::Module>& modules);
// Sections: members resolved, points added up against the declared ones (indicators.cpp).
void check_sections(State& state, const std::vector<ast::Module>& modules);
// A condition no policy can name (a veto's `when`, an entity's `require`), checked in the
// entity's scope as a hidden boolean definition; returns its symbol.
SymbolId add_hidden_condition(State& state, std::string name, Span span, SymbolKind kind, EntityId entity,
                              const ast::Expr& condition, const char* not_a_condition);
// Flag text with its optional `for x in list`; fills rule.text, rule.loop_list and rule.pieces.
void check_flag_text(State& state, const ast::FlagItem& flag, EntityId entity, FlagRule& rule);

// A weight or a threshold written as a name: the `param` it names, or none after reporting
// why the name cannot stand there (parameters.cpp).
enum class ParameterUse { weight, threshold };
SymbolId resolve_parameter(State& state, const std::string& name, Span span, ParameterUse use);
// Enumerations (enums.cpp). A text literal beside an enum-typed value (compared, chosen, passed)
// must be one of its values, else P320 with 是否指; the literal then takes the enum's type.
void check_enum_literal(State& state, const Type& typed, CheckedExpr& literal);
// Two enumerations (or an enumeration and a grade) with no value in common, compared or chosen
// between, can only be a mistake: P322 at span; false when reported. `doing` ends the message.
bool check_enum_pair(State& state, const Type& a, const Type& b, Span span, const char* doing);
// An argument for an enum-typed function parameter: a literal from the set, the same enumeration
// (or one sharing values), never an unchecked text (P323). False when reported.
bool check_enum_argument(State& state, const Type& param, CheckedExpr& arg, const std::string& what);

std::string type_name(const Type& type, const State& state);

// A percent or score input's values are points (0–100), a parameter written with % is a
// fraction; every other input is plain. (`实绩得分 >= 90%` is as wrong as `达标率 >= 90%`.)
inline Scale scale_of(const InputSpec& spec) {
    return spec.number_kind == NumberKind::percent || spec.number_kind == NumberKind::score ? Scale::points
           : spec.number_kind == NumberKind::fraction ? Scale::fraction
                                                      : Scale::plain;
}

// Equal types once a grade's (or an enumeration's) values are taken as the texts they are. Where the language lets a
// grade stand for a text — compared with a text or another grade, beside a text in if/then/else,
// replaced by a text in a variant, passed as a text argument — the checker says so with this.
inline bool same_as_text(const Type& a, const Type& b) {
    Type plain_a = a, plain_b = b;
    plain_a.grade = plain_b.grade = SymbolId::none();
    plain_a.enumeration = plain_b.enumeration = EnumId::none();
    return plain_a == plain_b;
}

// The AST's enums and the program's list the same members in the same order (the golden tests
// would show a mismatch at once); these are the only places one becomes the other.
inline Operator program_operator(ast::BinaryOp op) {
    static_assert(int(ast::BinaryOp::logical_or) == int(Operator::logical_or) &&
                  int(ast::BinaryOp::greater_equal) == int(Operator::greater_equal) &&
                  int(ast::BinaryOp::divide) == int(Operator::divide));
    return static_cast<Operator>(op);
}
inline BandEdge program_edge(ast::BandEdge edge) {
    static_assert(int(ast::BandEdge::above) == int(BandEdge::above) && int(ast::BandEdge::otherwise) == int(BandEdge::otherwise));
    return static_cast<BandEdge>(edge);
}
inline Rounding program_rounding(ast::Rounding rounding) {
    static_assert(int(ast::Rounding::ceil) == int(Rounding::ceil) && int(ast::Rounding::half_up) == int(Rounding::half_up));
    return static_cast<Rounding>(rounding);
}

// Types one expression in a scope. Passes call State::check_expr; the class is declared here
// because its checks are split over two files: expressions.cpp (names, fields, operators,
// conditionals, weighted sums) and calls.cpp (functions of the policy and builtins).
class ExpressionChecker {
public:
    ExpressionChecker(State& state, Scope& scope) : state_(state), scope_(scope) {}

    CheckedExprPtr check(const ast::Expr& e);

private:
    State& state_;
    Scope& scope_;

    static CheckedExprPtr make(ExprOp op, Span span, Type type) {
        auto e = std::make_unique<CheckedExpr>();
        e->op = op;
        e->span = span;
        e->type = type;
        return e;
    }
    static Type number_type() { return {BaseType::number}; }
    static Type bool_type() { return {BaseType::boolean}; }
    static bool is_valid(const CheckedExprPtr& e) { return e && e->type.base != BaseType::invalid; }

    CheckedExprPtr invalid(Span span) { return make(ExprOp::constant, span, Type{}); }
    CheckedExprPtr error(Code code, Span span, const std::string& message, const std::string& hint = {}) {
        state_.diagnostics.report(code, span, message, hint);
        return invalid(span);
    }
    std::string describe(const Type& type) const { return type_name(type, state_); }

    // Percentages (see Scale).
    static bool mixes(const CheckedExpr& a, const CheckedExpr& b) {
        return (a.scale == Scale::points && b.scale == Scale::fraction) ||
               (a.scale == Scale::fraction && b.scale == Scale::points);
    }
    static Scale joined(Scale a, Scale b) { return a == Scale::plain ? b : a; }
    static Scale arithmetic_scale(ast::BinaryOp op, const CheckedExpr& left, const CheckedExpr& right);
    CheckedExprPtr mixed_scales(const ast::Expr& e, const CheckedExpr& a, const CheckedExpr& b, const char* doing);

    // expressions.cpp
    CheckedExprPtr name(const ast::Expr& e);
    CheckedExprPtr symbol_ref(const ast::Expr& e, SymbolId symbol, int levels_up);
    CheckedExprPtr field(const ast::Expr& e);
    CheckedExprPtr unary(const ast::Expr& e, ExprOp op, Type wanted, Code code, const char* message);
    void check_grade_label(const CheckedExpr& grade, CheckedExpr& label);
    CheckedExprPtr binary(const ast::Expr& e);
    CheckedExprPtr conditional(const ast::Expr& e);
    CheckedExprPtr weighted(const ast::Expr& e);

    // calls.cpp
    CheckedExprPtr call(const ast::Expr& e);
    bool aggregate_type(CheckedExpr& c, const CheckedExpr& arg, Span span);
    CheckedExprPtr filtered(CheckedExprPtr collection, const ast::Expr& where);
    CheckedExprPtr user_call(const ast::Expr& e, FunctionId function_id);
    CheckedExprPtr arity_error(const ast::Expr& e, const Function& function);
    CheckedExprPtr typed_call(const ast::Expr& e, FunctionId function_id);
};

}  // namespace kaohe::checker
