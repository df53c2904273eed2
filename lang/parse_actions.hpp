// Parse tree → AST, one top-level declaration at a time. Internal to lang/: only parser.cpp,
// which owns the PEGTL parse, includes it.
//
// Design decision: children are selected by rule (`the<g::value_name>(n)`, `maybe<g::of_clause>`),
// never by position, so adding an optional clause to a rule cannot silently shift what the
// others read. The cost is a short scan of a node's few children per lookup.
#pragma once

#include <cstdint>
#include <string>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "lang/ast.hpp"
#include "lang/diagnostics.hpp"

namespace kaohe {

using ParseNode = tao::pegtl::parse_tree::node;

// Adds one top-level declaration (a child of grammar::chunk) to module. Mistakes only the tree
// shows (an unknown rounding mode, `<` in a band) are reported to diagnostics.
void add_declaration(const ParseNode& declaration, const std::string& text, std::uint32_t file,
                     Diagnostics& diagnostics, ast::Module& module);

}  // namespace kaohe
