// Loads a policy: reads the file, parses it and every module it uses — a stdlib module by name
// (`use votes` reads stdlib/votes.kh) or a local file by path (`use "./公共指标.kh"`, relative to
// the file that says it) — each file once, and checks the whole program.
#pragma once

#include <optional>
#include <string>

#include "lang/diagnostics.hpp"
#include "lang/program.hpp"

namespace kaohe {

struct LoadedProgram {
    SourceSet sources;
    Diagnostics diagnostics;
    std::optional<Program> program;  // set only when there were no errors
};

// Throws std::runtime_error when the policy file itself cannot be read.
LoadedProgram load_program_file(const std::string& path);
LoadedProgram load_program_text(const std::string& name, std::string text);

// Where `use` finds modules: $KAOHE_STDLIB if set, else the source tree's stdlib/.
std::string stdlib_directory();

}  // namespace kaohe
