// Source text → AST. The only stage that sees PEGTL.
//
// The file is split where a line starts in column 1 with something other than a comment
// or a closing brace: each piece is one top-level declaration, parsed on its own, so a
// syntax error is reported and parsing goes on with the next declaration.
#pragma once

#include "lang/ast.hpp"
#include "lang/diagnostics.hpp"

namespace kaohe {

ast::Module parse_module(const SourceSet& sources, std::uint32_t file, Diagnostics& diagnostics);

}  // namespace kaohe
