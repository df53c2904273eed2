// What the commands share: the exit codes, loading a policy or a data file with its messages,
// the phase timer behind --timings, the --format option, and aligned option lines for help.
// Messages go to stderr here, so each command's file holds only what is its own.
#pragma once

#include <chrono>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "lang/loader.hpp"
#include "runtime/run.hpp"

namespace CLI {
class App;
}

namespace kaohe::cli {

// Exit codes, listed in the README. 64 and 70 follow sysexits.h (EX_USAGE, EX_SOFTWARE).
enum Exit : int {
    success = 0,
    policy_error = 1,
    data_error = 2,
    file_error = 3,
    usage_error = 64,
    internal_error = 70,
};

// Thrown by a command that finds its arguments wrong after parsing; main prints the message
// and the command's help and exits with usage_error.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Wall-clock time of each phase, printed to stderr by lap() when enabled (--timings).
class PhaseTimer {
public:
    explicit PhaseTimer(bool enabled) : enabled_(enabled) {}
    void lap(const char* phase);

private:
    bool enabled_;
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// How diagnostics and data errors are printed: text for people (the default); the same text
// with gcc's English words (file:line:col: error: …) that editors' problem matchers know; or
// one JSON array for programs (cli/formats/diagnostics_json.hpp).
enum class ErrorFormat { text, gcc, json };

// --errors text|gcc|json (also spelled --error-format), under the given name for `check`.
void add_error_format_option(CLI::App& command, ErrorFormat& format, const std::string& names = "--errors,--error-format");

// Reads, parses and checks a policy, printing its diagnostics to `out` (warnings only when
// asked: `check` always asks, `run` with --warnings). Returns success (and loaded.program is
// set), policy_error, or file_error when the file cannot be read.
Exit load_policy(const std::string& path, LoadedProgram& loaded, bool show_warnings = true,
                 ErrorFormat format = ErrorFormat::text, std::ostream& out = std::cerr);

// Reads and parses a data file, printing why when it cannot; laps "read" and "parse".
// Returns success (document is set), file_error, or data_error for invalid JSON.
// With sha256, also the file's SHA-256 (for the provenance of results).
Exit load_data(const std::string& path, PhaseTimer& timer, std::shared_ptr<const JsonDocument>& document,
               const char* what = "数据文件", ErrorFormat format = ErrorFormat::text, std::string* sha256 = nullptr);

// The parameters files of a run: the --params file, then the --set overrides (runtime/overrides.hpp)
// as one more, which wins. An override that names nothing is a usage error (with 是否指 …),
// printed here.
// With renormalize, the weights the overrides give are held and the others scaled (ParameterFile).
Exit load_parameters(const std::string& path, const std::vector<std::string>& sets, const Program& program,
                     PhaseTimer& timer, ErrorFormat format, std::vector<ParameterFile>& parameters, bool renormalize = false);
// --set NAME=VALUE, repeatable, on a command that runs a scheme; with `renormalize`, also the
// --renormalize flag.
void add_set_option(CLI::App& command, std::vector<std::string>& sets, bool* renormalize = nullptr);

// For an option whose value is a name or an id: the spaces around it dropped (' 优秀').
std::string without_spaces(std::string text);

// --set-data ID.INPUT=VALUE, repeatable: one input of one entity changed for this run
// (runtime/data_edits.hpp). apply_data_edits replaces `document` by the edited one; a target that
// names nothing is a usage error (with 是否指 …), printed here.
void add_set_data_option(CLI::App& command, std::vector<std::string>& edits);
Exit apply_data_edits(const std::vector<std::string>& edits, const std::shared_ptr<const CompiledPolicy>& policy,
                      const std::vector<ParameterFile>& parameters, std::shared_ptr<const JsonDocument>& document);

// What every command that runs one scheme over one data set takes: POLICY DATA, --params,
// --set (with --renormalize), --set-data and --errors.
struct SchemeRunOptions {
    std::string policy, data, parameters;
    std::vector<std::string> sets, data_edits;
    bool renormalize = false;
    ErrorFormat errors = ErrorFormat::text;
};
void add_scheme_run_options(CLI::App& command, SchemeRunOptions& options);
// The what-if changes as options (--set …, --renormalize, --set-data …), to show or to repeat.
std::vector<std::string> what_if_options(const SchemeRunOptions& options);

// Reads and checks the policy (its warnings only with show_warnings), the data, the parameters
// and the data edits, and binds them: `run` is ready to evaluate (or holds the data errors).
// Laps "policy" and "bind" (load_data laps "read" and "parse"). Prints what went wrong and
// returns its exit code. With data_sha256, also the data file's SHA-256.
Exit prepare_run(const SchemeRunOptions& options, PhaseTimer& timer, std::unique_ptr<Run>& run,
                 bool show_warnings = false, std::string* data_sha256 = nullptr);

// A run's data errors on stderr in the chosen form; text groups repeats unless every_row.
void print_data_errors(const std::vector<DataError>& errors, const SourceSet& sources, ErrorFormat format,
                       bool every_row, const std::string& data_file);

// One side of a comparison (diff, whatif) that could not evaluate the data: its errors under its
// name (旧方案 a.kh 无法按这份数据计算:), each naming that side's own inputs. Nothing when none.
void print_side_errors(const std::vector<DataError>& errors, const CompiledPolicy& policy, const std::string& side,
                       ErrorFormat format, const std::string& data_file);

// --format with a command's own choices (diff: text|json), the first the default; an unknown one
// is a usage error naming the choices.
void add_format_choice(CLI::App& command, std::string& format, const std::vector<std::string>& choices);

// --format NAME on a command that prints results: choices and checking from the format table
// (cli/formats/), defaulting to its first row.
void add_format_option(CLI::App& command, std::string& format);
// Its help rows ("--format table", what it gives), the default marked, for option_lines.
std::vector<std::pair<std::string, std::string>> format_option_help();

// The files a command was given: each path as it is, and a folder as the files under it whose
// names end in `extension` (".kh"), in name order; an empty folder is said on stderr.
std::vector<std::string> files_under(const std::vector<std::string>& paths, std::string_view extension);

// Help lines "  OPTION   what it does", the second column aligned across all rows.
std::string option_lines(const std::vector<std::pair<std::string, std::string>>& rows);

}  // namespace kaohe::cli
