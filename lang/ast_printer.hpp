// Prints the AST back as text: expressions fully parenthesised, declarations one per line with
// their spans' text and attached comments, so parser tests compare a tree with expected text.
#pragma once

#include <string>

#include "lang/ast.hpp"

namespace kaohe::ast {

std::string print(const Expr& expr);
// Every declaration of a module, nested items indented, each with the comments attached to it.
std::string print(const Module& module);

}  // namespace kaohe::ast
