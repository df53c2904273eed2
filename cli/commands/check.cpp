// kaohe check POLICY: parses and checks a scheme without data, listing every error with its
// position; the command a policy writer runs after each edit.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command_table.hpp"

namespace kaohe::cli {

namespace {

struct CheckOptions {
    std::string policy;
    ErrorFormat format = ErrorFormat::text;
};

Exit check(const CheckOptions& options) {
    LoadedProgram loaded;
    // As JSON the diagnostics are what check produces, so they go to stdout (an empty array
    // when the policy is clean); as text they stay on stderr, and stdout says it passed.
    bool json = options.format == ErrorFormat::json;
    Exit exit = load_policy(options.policy, loaded, true, options.format, json ? std::cout : std::cerr);
    if (exit != success || json) return exit;
    std::size_t warnings = loaded.diagnostics.all().size();  // a checked program has no errors
    std::cout << fmt::format("{}: 检查通过 ({} 个实体, {} 个定义{})\n", options.policy,
                             loaded.program->entities.size(), loaded.program->evaluation_order.size(),
                             warnings ? fmt::format(", {} 个警告", warnings) : "");
    return success;
}

Action define(CLI::App& command) {
    auto options = std::make_shared<CheckOptions>();
    command.add_option("POLICY", options->policy, "方案文件")->required();
    add_error_format_option(command, options->format, "--format,--error-format");
    return [options] { return check(*options); };
}

}  // namespace

Command check_command() {
    return {
        .name = "check",
        .synopsis = "POLICY [--format text|gcc|json]",
        .summary = "只检查方案 (语法、名称、类型、权重、等次)",
        .example = "check policies/longnan.kh",
        .details = "检查方案而不计算: 语法、未定义或拼错的名称、类型、权重合计、等次分数线的顺序与缺口、\n"
                   "循环定义。列出所有错误 (文件:行:列, 原文和 ^ 标记) 并以 1 退出; 没有错误时以 0 退出。\n" +
                   option_lines({{"--format text", "供人阅读的错误和警告 (默认), 输出到标准错误"},
                                 {"--format gcc", "同上, 但用 gcc 的写法 file:line:col: error: …, 供编辑器识别"},
                                 {"--format json", "每个错误和警告一个 JSON 对象 (code、severity、file、line、column、"
                                                   "end_line、end_column、message、hint、related), 输出到标准输出"}}),
        .define = define,
    };
}

}  // namespace kaohe::cli
