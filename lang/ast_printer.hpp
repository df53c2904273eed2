// Prints expressions back as fully parenthesised text, so parser tests can compare a
// tree with a line of expected text.
#pragma once

#include <string>

#include "lang/ast.hpp"

namespace kaohe::ast {

std::string print(const Expr& expr);

}  // namespace kaohe::ast
