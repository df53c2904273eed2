// Parse tree → AST, one top-level declaration at a time. Internal to lang/: parser.cpp, which owns
// the PEGTL parse, calls add_declaration; the rest of this header is shared by the two files that
// build the tree: declarations in parse_actions.cpp, expressions in expression_actions.cpp.
//
// Design decision: children are selected by rule (`the<g::value_name>(n)`, `maybe<g::of_clause>`),
// never by position, so adding an optional clause to a rule cannot silently shift what the
// others read. The cost is a short scan of a node's few children per lookup.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "lang/ast.hpp"
#include "lang/diagnostics.hpp"

namespace kaohe {

using ParseNode = tao::pegtl::parse_tree::node;

// Adds one top-level declaration (a child of grammar::chunk) to module. Mistakes only the tree
// shows (an unknown rounding mode, `<` in a band) are reported to diagnostics.
void add_declaration(const ParseNode& declaration, const std::string& text, std::uint32_t file,
                     Diagnostics& diagnostics, ast::Module& module);

namespace detail {

using Node = ParseNode;

// ------------------------------------------------------------ selecting children by rule

template <typename Rule>
const Node* maybe(const Node& n) {
    for (const auto& c : n.children)
        if (c->is_type<Rule>()) return c.get();
    return nullptr;
}

// The grammar guarantees the child (an if_must sequence); its absence is a bug here, not a
// mistake in the policy.
template <typename Rule>
const Node& the(const Node& n) {
    if (const Node* c = maybe<Rule>(n)) return *c;
    throw std::logic_error("parse tree: no " + std::string(n.type) + " child " + std::string(tao::pegtl::demangle<Rule>()));
}

template <typename Rule>
std::vector<const Node*> every(const Node& n) {
    std::vector<const Node*> found;
    for (const auto& c : n.children)
        if (c->is_type<Rule>()) found.push_back(c.get());
    return found;
}

// The expression children of n, and the one expression among them (a value's definition, a
// quota's share …).
std::vector<const Node*> expressions(const Node& n);
const Node& the_expression(const Node& n);

// An operator or a signed number as its ASCII twin: ＞＝ and ≥ are >=, － is -, × is * …
std::string ascii_twins(std::string text);

// ------------------------------------------------------------ the builder

// Builds the AST of one declaration from its parse tree, with spans into `text`.
class TreeToAst {
public:
    TreeToAst(const std::string& text, std::uint32_t file, Diagnostics& diagnostics)
        : text_(text), file_(file), diagnostics_(diagnostics) {}

    void declaration(const Node& n, ast::Module& module);
    ast::ExprPtr expr(const Node& n);

private:
    const std::string& text_;
    std::uint32_t file_;
    Diagnostics& diagnostics_;

    Span span(const Node& n) const {
        return {static_cast<std::uint32_t>(n.m_begin.data - text_.data()),
                static_cast<std::uint32_t>(n.m_end.data - text_.data()), file_};
    }
    ast::Layout layout(const Node& n) const { return {span(n), {}}; }
    static std::string string_text(const Node& n);
    Rational bound_number(const Node& n, const char* what, const char* hint);

    // Declarations and their clauses (parse_actions.cpp).
    ast::EnumDecl enumeration(const Node& n);
    ast::TypeRef type(const Node& n);
    ast::InputDecl input(const Node& n);
    ast::ParameterDecl parameter(const Node& n);
    ast::Requirement requirement(const Node& n);
    ast::RecordDecl record(const Node& n);
    ast::VariantDecl variant(const Node& n);
    ast::AssertDecl assertion(const Node& n);
    ast::EntityDecl entity(const Node& n);
    ast::FunctionDecl function(const Node& n);
    ast::EntityRef entity_ref(const Node& clause);
    ast::ValueDecl value(const Node& n);
    ast::ValueDecl section(const Node& n);
    void indicator_clauses(const Node& n, ast::ValueDecl& v);
    ast::RankDecl rank(const Node& n);
    ast::Band band(const Node& n);
    std::string label(const Node& band_label);
    ast::Quota quota(const Node& n);
    ast::GradeDecl grade(const Node& n);
    ast::FlagItem flag_item(const Node& text, const Node* for_clause, const Node& whole);
    ast::VetoDecl veto(const Node& n);
    ast::FlagDecl flag_decl(const Node& n);
    ast::OutputDecl output(const Node& n);

    // Expressions (expression_actions.cpp).
    ast::ExprPtr make(ast::ExprKind kind, const Node& n);
    ast::ExprPtr number(const Node& n);
    ast::ExprPtr call(const Node& n);
    ast::ExprPtr weighted(const Node& n);
    ast::ExprPtr postfix(const Node& n);
    ast::ExprPtr binary(const Node& n);
    ast::ExprPtr conditional(const Node& n);
};

}  // namespace detail
}  // namespace kaohe
