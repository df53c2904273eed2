// kaohe's entry point: builds the CLI11 parser from the command table (cli/command_table.hpp),
// runs the chosen command, and turns help requests, usage errors and escaped exceptions into
// the exit codes of cli/shared.hpp. Nothing command-specific belongs here.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <set>
#include <string_view>

#include <CLI/CLI.hpp>

#include "cli/command_table.hpp"
#include "cli/large_stack.hpp"
#include "cli/usage_errors.hpp"

namespace {

using namespace kaohe::cli;

// Help texts are ours, not CLI11's formatter: they are Chinese, and its column layout counts
// bytes, which misaligns Chinese text.
std::string help_for(const CLI::App* command) {
    const Command* row = command ? find_command(command->get_name()) : nullptr;
    return row ? command_help(*row) : main_help();
}

Exit usage(const std::string& message, const std::string& help) {
    std::cerr << "kaohe: " << message << "\n\n" << help;
    return usage_error;
}

// CLI11 keeps the last of a repeated option, or fails with a message about its value: an
// option given twice (--format csv --format json) is a mistake to name, not to guess at. Only
// options made to repeat (--set, one override each) may.
std::string repeated_option(int argc, char** argv) {
    static const std::set<std::string, std::less<>> repeatable{"--set", "--set-data", "--vary"};
    std::set<std::string> seen;
    for (int i = 1; i < argc; ++i) {
        std::string_view argument = argv[i];
        if (argument == "--") break;
        if (argument.size() < 2 || argument[0] != '-') continue;
        std::string name(argument.substr(0, argument.find('=')));
        if (!repeatable.count(name) && !seen.insert(name).second) return name;
    }
    return {};
}

int dispatch(int argc, char** argv) {
    CLI::App app("kaohe");
    app.set_version_flag("--version,-V", std::string("kaohe ") + KAOHE_VERSION);
    app.require_subcommand(0, 1);  // one command; a second command name is an extra argument
    std::map<const CLI::App*, Action> actions;
    for (const Command& command : commands()) {
        CLI::App* subcommand = app.add_subcommand(command.name, command.summary);
        actions[subcommand] = command.define(*subcommand);
    }
    // `kaohe help [COMMAND]`, beside -h/--help; not a row, since it is not a command of the language.
    CLI::App* help = app.add_subcommand("help", "说明");
    std::string topic;
    help->add_option("COMMAND", topic, "命令名");

    // The command being parsed, also when parsing fails: its help follows a usage error.
    auto chosen = [&]() -> const CLI::App* {
        return app.get_subcommands().empty() ? nullptr : app.get_subcommands().front();
    };
    if (std::string twice = repeated_option(argc, argv); !twice.empty()) {
        app.allow_extras();  // only to learn which command's help to show
        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError&) {
        }
        return usage("选项 " + twice + " 给了不止一次; 每个选项只能给一次", help_for(chosen()));
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForVersion& version) {
        std::cout << version.what() << "\n";
        return success;
    } catch (const CLI::CallForHelp&) {
        std::cout << help_for(chosen());
        return success;
    } catch (const CLI::ParseError& error) {
        return usage(describe_parse_error(app, chosen() ? *chosen() : app, error), help_for(chosen()));
    }

    if (!chosen()) return usage("缺少命令", main_help());
    if (chosen() == help) {
        if (topic.empty()) return std::cout << main_help(), success;
        const Command* row = find_command(topic);
        if (!row) return usage("未知的命令 " + topic, main_help());
        return std::cout << command_help(*row), success;
    }
    try {
        return actions.at(chosen())();
    } catch (const UsageError& error) {
        return usage(error.what(), help_for(chosen()));
    } catch (const std::exception& error) {
        std::cerr << "kaohe: 内部错误: " << error.what() << "\n";
        return internal_error;
    }
}

// Results that did not reach their file (a full disk, a closed pipe or stdout) are lost: that
// is a failure, not a success with nothing to show.
int run(int argc, char** argv) {
    int exit = dispatch(argc, argv);
    errno = 0;
    std::cout.flush();
    if (std::cout.good() && std::fflush(stdout) == 0) return exit;
    std::cerr << "kaohe: 无法写出结果" << (errno ? std::string(": ") + std::strerror(errno) : std::string()) << "\n";
    return exit == success ? file_error : exit;
}

}  // namespace

int main(int argc, char** argv) {
    // A closed pipe (kaohe run … | head) is a write that fails, exit 3 with a word, as the README
    // promises; by default the signal would end the process silently with 141.
    std::signal(SIGPIPE, SIG_IGN);
    return run_on_large_stack([&] { return run(argc, argv); });
}
