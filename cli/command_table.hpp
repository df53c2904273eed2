// The table of commands: one row per file in cli/commands/, and the only list of them.
// main builds its CLI11 parser from it, dispatches through it, and prints both levels of
// help from it, so a new command is a new file plus a row here.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/shared.hpp"

namespace CLI {
class App;
}

namespace kaohe::cli {

// What a command does once its arguments are parsed; it owns the storage they were parsed into.
using Action = std::function<Exit()>;

struct Command {
    std::string name;      // kaohe NAME
    std::string synopsis;  // the arguments after the name: "POLICY DATA [--format table|json|csv]"
    std::string summary;   // its line in `kaohe --help`
    std::string example;   // arguments after `kaohe` for the 例如 lines of `kaohe --help`; may be empty
    std::string details;   // the rest of `kaohe NAME --help`, after the synopsis line
    // Declares the command's options and positionals on its CLI11 subcommand, bound to storage
    // that the returned action owns. Descriptions and validator messages are user-facing (Chinese):
    // a usage error quotes them.
    Action (*define)(CLI::App& command);
};

// In the order `kaohe --help` lists them.
const std::vector<Command>& commands();
const Command* find_command(std::string_view name);  // nullptr when there is none by that name

std::string main_help();                          // `kaohe --help`
std::string command_help(const Command& command);  // `kaohe NAME --help`

// The rows, each defined in cli/commands/NAME.cpp.
Command run_command();
Command check_command();
Command template_command();
Command test_command();
Command diff_command();
Command fmt_command();
Command whatif_command();
Command reach_command();
Command explain_command();
Command sensitivity_command();

}  // namespace kaohe::cli
