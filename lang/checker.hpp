// AST → checked program. Reports every problem it finds, with spans, and never stops at the
// first: a program comes back only when there were no errors.
#pragma once

#include <optional>
#include <vector>

#include "lang/ast.hpp"
#include "lang/diagnostics.hpp"
#include "lang/program.hpp"

namespace kaohe {

// modules[0] is the policy; the rest are the modules it uses (stdlib or local files).
std::optional<Program> check_program(const std::vector<ast::Module>& modules, Diagnostics& diagnostics);

}  // namespace kaohe
