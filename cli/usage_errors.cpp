#include "cli/usage_errors.hpp"

#include <vector>

#include <CLI/CLI.hpp>

namespace kaohe::cli {

namespace {

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

// Arguments nobody took: unknown options, a command name that is not one, or one file too many.
std::string describe_left_over(const CLI::App& app, const CLI::App& command) {
    bool top_level = !app.remaining().empty() || &app == &command;
    std::vector<std::string> messages;
    for (const std::string& argument : (top_level ? app : command).remaining()) {
        if (argument.size() > 1 && argument[0] == '-') messages.push_back("未知的选项 " + argument);
        else if (top_level) messages.push_back("未知的命令 " + argument);
        else messages.push_back("多余的参数 " + argument);
    }
    return join(messages, "; ");
}

std::string describe_missing(const CLI::App& command) {
    std::vector<std::string> missing;
    for (const CLI::Option* option : command.get_options())
        if (option->get_required() && option->count() == 0)
            missing.push_back(option->get_name() + " (" + option->get_description() + ")");
    if (missing.empty()) return "";
    return command.get_name() + " 缺少参数 " + join(missing, "、");
}

// The option CLI11's message is about: "--format: 1 required TEXT missing",
// "Could not convert: --timings = abc".
const CLI::Option* option_named_in(const CLI::App& command, const std::string& message) {
    for (const CLI::Option* option : command.get_options()) {
        std::string name = option->get_name();
        if (!name.empty() && (message.find(name + ":") != std::string::npos ||
                              message.find(name + " =") != std::string::npos))
            return option;
    }
    return nullptr;
}

std::string describe_option_error(const CLI::Option& option, const CLI::ParseError& error) {
    std::string name = option.get_name(), message = error.what();
    if (option.get_expected_max() == 0) return "选项 " + name + " 是开关, 不带值";  // a flag given =abc
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) && message.find("missing") != std::string::npos)
        return "选项 " + name + " 后缺少值 (" + option.get_description() + ")";
    return "选项 " + name + " 的值不对 (" + option.get_description() + ")";
}

}  // namespace

std::string describe_parse_error(const CLI::App& app, const CLI::App& command, const CLI::ParseError& error) {
    std::string message = error.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
        if (std::string text = describe_left_over(app, command); !text.empty()) return text;
    } else if (dynamic_cast<const CLI::RequiredError*>(&error)) {
        // CLI11 checks requirements before left-overs; a mistyped option is the likelier cause.
        std::string left_over = describe_left_over(app, command), missing = describe_missing(command);
        if (!missing.empty()) return left_over.empty() ? missing : left_over + "; " + missing;
    } else if (dynamic_cast<const CLI::ValidationError*>(&error)) {
        return message;  // "--format: " and our own validator's Chinese text
    } else if (const CLI::Option* option = option_named_in(command, message)) {
        return describe_option_error(*option, error);
    }
    return "无法理解的参数 (" + message + ")";
}

}  // namespace kaohe::cli
