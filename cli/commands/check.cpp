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
};

Exit check(const CheckOptions& options) {
    LoadedProgram loaded;
    if (Exit exit = load_policy(options.policy, loaded); exit != success) return exit;
    std::size_t warnings = loaded.diagnostics.all().size();  // a checked program has no errors
    std::cout << fmt::format("{}: 检查通过 ({} 个实体, {} 个定义{})\n", options.policy,
                             loaded.program->entities.size(), loaded.program->evaluation_order.size(),
                             warnings ? fmt::format(", {} 个警告", warnings) : "");
    return success;
}

Action define(CLI::App& command) {
    auto options = std::make_shared<CheckOptions>();
    command.add_option("POLICY", options->policy, "方案文件")->required();
    return [options] { return check(*options); };
}

}  // namespace

Command check_command() {
    return {
        .name = "check",
        .synopsis = "POLICY",
        .summary = "只检查方案 (语法、名称、类型、权重、等次)",
        .example = "check policies/longnan.kh",
        .details = "检查方案而不计算: 语法、未定义或拼错的名称、类型、权重合计、等次分数线的顺序与缺口、\n"
                   "循环定义。列出所有错误 (文件:行:列, 原文和 ^ 标记) 并以 1 退出; 没有错误时以 0 退出。\n",
        .define = define,
    };
}

}  // namespace kaohe::cli
