#include "cli/command_table.hpp"

#include <utility>

namespace kaohe::cli {

const std::vector<Command>& commands() {
    // Built on first use rather than as a static array: rows hold help text generated from other
    // tables (the format list), and this keeps their initialisation order out of the question.
    static const std::vector<Command> table{
        run_command(),
        check_command(),
        template_command(),
        test_command(),
        diff_command(),
        fmt_command(),
        whatif_command(),
        reach_command(),
        explain_command(),
        sensitivity_command(),
    };
    return table;
}

const Command* find_command(std::string_view name) {
    for (const Command& command : commands())
        if (command.name == name) return &command;
    return nullptr;
}

std::string main_help() {
    std::vector<std::pair<std::string, std::string>> usage_lines;
    std::string examples;
    for (const Command& command : commands()) {
        usage_lines.emplace_back("kaohe " + command.name + " " + command.synopsis, command.summary);
        if (!command.example.empty()) examples += "  kaohe " + command.example + "\n";
    }
    usage_lines.emplace_back("kaohe COMMAND --help", "某个命令的说明");
    usage_lines.emplace_back("kaohe --version", "kaohe 的版本");
    return "kaohe — 考核方案解释器\n\n用法:\n" + option_lines(usage_lines) + "\n例如:\n" + examples +
           "\nDATA 写作 - 时从标准输入读取数据。\n"
           "退出码: 0 成功, 1 方案有错, 2 数据有错, 3 文件无法读取或结果无法写出, 64 用法错误\n";
}

std::string command_help(const Command& command) {
    return "kaohe " + command.name + " " + command.synopsis + "\n\n" + command.details;
}

}  // namespace kaohe::cli
