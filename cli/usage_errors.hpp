// CLI11's parse errors as Chinese messages that name the offending argument. CLI11 words its
// errors in English and keeps the culprit only inside that text, so we read the parser's state
// instead (what was left over, which required argument is empty) and fall back to matching an
// option's name at the start of the message.
#pragma once

#include <string>

namespace CLI {
class App;
class ParseError;
}

namespace kaohe::cli {

// `command` is the subcommand being parsed when the error happened, or the whole app.
std::string describe_parse_error(const CLI::App& app, const CLI::App& command, const CLI::ParseError& error);

}  // namespace kaohe::cli
