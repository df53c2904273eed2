// kaohe fmt [--check] FILE...: rewrites policy files in the canonical layout (lang/formatter.hpp),
// or with --check only names those that would change. A file is written only when its AST is the
// same after formatting: layout is all fmt may change.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "base/read_file.hpp"
#include "cli/command_table.hpp"
#include "cli/formats/diagnostics_text.hpp"
#include "lang/ast_printer.hpp"
#include "lang/formatter.hpp"
#include "lang/parser.hpp"

namespace kaohe::cli {

namespace {

namespace fs = std::filesystem;

struct FmtOptions {
    std::vector<std::string> paths;
    bool check = false;
};

// The module as the parser sees it, printed; empty (after printing the errors) when it has any.
std::string structure(const std::string& name, const std::string& text, bool report) {
    SourceSet sources;
    sources.add(name, text);
    Diagnostics diagnostics;
    ast::Module module = parse_module(sources, 0, diagnostics);
    if (diagnostics.has_errors()) {
        if (report) std::cerr << diagnostics_text(diagnostics, sources);
        return "";
    }
    return ast::print(module);
}

bool write_in_place(const std::string& path, const std::string& text) {
    std::string temporary = path + ".kaohe-fmt";
    {
        std::ofstream out(temporary, std::ios::binary);
        out << text;
        if (!out.flush()) return false;
    }
    std::error_code error;
    fs::rename(temporary, path, error);
    if (error) fs::remove(temporary, error);
    return !error;
}

Exit format_files(const FmtOptions& options) {
    std::vector<std::string> files = files_under(options.paths, ".kh");
    Exit worst = files.empty() ? policy_error : success;  // an empty folder: nothing was checked
    auto note = [&](Exit exit) { worst = std::max(worst, exit); };
    for (const std::string& path : files) {
        FileText file = read_file(path);
        if (!file) {
            std::cerr << "kaohe: 无法读取 " << path << ": " << describe(file.error) << "\n";
            note(file_error);
            continue;
        }
        std::string formatted = format_policy(file.text);
        if (formatted == file.text) continue;
        std::string before = structure(path, file.text, true);
        if (before.empty()) {
            std::cerr << "kaohe: " << path << " 有语法错误, 未格式化\n";
            note(policy_error);
            continue;
        }
        if (structure(path, formatted, false) != before) {  // a bug in the formatter, never the user's
            std::cerr << "kaohe: 格式化会改变 " << path << " 的含义, 未写入; 请报告这个问题\n";
            note(internal_error);
            continue;
        }
        if (options.check) {
            std::cout << "需要格式化: " << path << "\n";
            note(policy_error);
        }
        else if (write_in_place(path, formatted)) std::cout << "已格式化: " << path << "\n";
        else {
            std::cerr << "kaohe: 无法写入 " << path << "\n";
            note(file_error);
        }
    }
    return worst;
}

Action define(CLI::App& command) {
    auto options = std::make_shared<FmtOptions>();
    command.add_option("FILE", options->paths, "方案文件 (.kh), 或其中有方案文件的文件夹")->required();
    command.add_flag("--check", options->check, "只检查, 不修改: 列出需要格式化的文件");
    return [options] { return format_files(*options); };
}

}  // namespace

Command fmt_command() {
    return {
        .name = "fmt",
        .synopsis = "[--check] FILE...",
        .summary = "把方案文件整理为统一的格式 (缩进、对齐、空格), 注释保留",
        .example = "fmt --check policies/",
        .details = "把每个 FILE (或文件夹中的 .kh 文件) 原地改写为统一的格式: 每层缩进两个空格, 运算符两边、逗号和冒号后\n"
                   "各一个空格, weighted 块的权重对齐成列, 相邻几行的行尾注释对齐; 注释、空行分组和引号中的文字不变。\n"
                   "格式化前后的方案结构必须完全相同, 否则不写入。再次格式化不会有任何改变。\n" +
                   option_lines({{"--check", "不修改文件, 只列出需要格式化的文件; 有则以 1 退出 (适合放在 CI 中)"}}) +
                   "\n有语法错误的文件不格式化, 列出错误并以 1 退出; 文件无法读取或写入时以 3 退出。\n",
        .define = define,
    };
}

}  // namespace kaohe::cli
