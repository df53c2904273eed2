// kaohe's command line: `run` evaluates a scheme over JSON data, `check` validates a scheme.
//
// Exit codes (also in README): 0 success, 1 errors in the policy, 2 errors in the data,
// 3 a file could not be read, 64 wrong usage.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/read_file.hpp"
#include "cli/formats/diagnostics_text.hpp"
#include "cli/render.hpp"
#include "lang/loader.hpp"
#include "runtime/bind.hpp"
#include "runtime/evaluator.hpp"
#include "runtime/json_document.hpp"
#include "runtime/results.hpp"

namespace {

enum Exit { success = 0, policy_error = 1, data_error = 2, file_error = 3, usage_error = 64 };

constexpr const char* main_help = R"(kaohe — 考核方案解释器

用法:
  kaohe run POLICY DATA [--format table|json|csv]   按方案计算数据, 输出结果
  kaohe check POLICY                                只检查方案 (语法、名称、类型、权重、等次)
  kaohe COMMAND --help                              某个命令的说明

例如:
  kaohe run policies/longnan.kh examples/longnan-2017.json
  kaohe check policies/longnan.kh

退出码: 0 成功, 1 方案有错, 2 数据有错, 3 文件无法读取, 64 用法错误
)";

constexpr const char* run_help = R"(kaohe run POLICY DATA [--format table|json|csv]

按方案 POLICY (.kh 文件) 计算 DATA (JSON 文件) 中的每个考核对象, 输出得分、等次、名次和标记。
  --format table   对齐的表格, 供人阅读 (默认)
  --format json    机器可读的 JSON: {"results": [...]}
  --format csv     可用电子表格打开的 CSV (UTF-8)
  --timings        在标准错误输出各阶段耗时 (读方案、读数据、解析 JSON、绑定、计算、输出)

方案有错时列出全部错误并以 1 退出; 数据有错时列出全部错误 (对象编号与 JSON 路径) 并以 2 退出,
此时不输出任何结果。
)";

constexpr const char* check_help = R"(kaohe check POLICY

检查方案而不计算: 语法、未定义或拼错的名称、类型、权重合计、等次分数线的顺序与缺口、
循环定义。列出所有错误 (文件:行:列, 原文和 ^ 标记) 并以 1 退出; 没有错误时以 0 退出。
)";

// Wall-clock time of each phase of a run, printed with --timings.
class PhaseTimer {
public:
    explicit PhaseTimer(bool enabled) : enabled_(enabled) {}
    void lap(const char* phase) {
        auto now = std::chrono::steady_clock::now();
        if (enabled_)
            std::cerr << fmt::format("{:<10} {:>9.1f} ms\n", phase,
                                     std::chrono::duration<double, std::milli>(now - last_).count());
        last_ = now;
    }

private:
    bool enabled_;
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

bool wants_help(const std::vector<std::string>& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") return true;
    return false;
}

int usage(const std::string& message, const char* help) {
    std::cerr << "kaohe: " << message << "\n\n" << help;
    return usage_error;
}

// Loads and checks a policy, printing diagnostics; nullopt-like when it has errors.
bool load_policy(const std::string& path, kaohe::LoadedProgram& loaded) {
    try {
        loaded = kaohe::load_program_file(path);
    } catch (const std::exception& e) {
        std::cerr << "kaohe: " << e.what() << "\n";
        return false;
    }
    std::cerr << kaohe::cli::diagnostics_text(loaded.diagnostics, loaded.sources);
    return loaded.program.has_value();
}

int check_command(const std::vector<std::string>& args) {
    if (wants_help(args)) return std::cout << check_help, success;
    if (args.size() != 1) return usage("check 需要一个方案文件", check_help);
    kaohe::LoadedProgram loaded;
    if (!load_policy(args[0], loaded)) return loaded.sources.size() ? policy_error : file_error;
    std::cout << fmt::format("{}: 检查通过 ({} 个实体, {} 个定义)\n", args[0], loaded.program->entities.size(),
                             loaded.program->evaluation_order.size());
    return success;
}

int run_command(const std::vector<std::string>& args) {
    if (wants_help(args)) return std::cout << run_help, success;
    std::vector<std::string> files;
    std::string format = "table";
    bool timings = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--timings") {
            timings = true;
        } else if (args[i] == "--format") {
            if (i + 1 >= args.size()) return usage("--format 后应为 table、json 或 csv", run_help);
            format = args[++i];
        } else if (args[i].rfind("--format=", 0) == 0) {
            format = args[i].substr(9);
        } else if (args[i].rfind("--", 0) == 0) {
            return usage("未知的选项 " + args[i], run_help);
        } else {
            files.push_back(args[i]);
        }
    }
    if (files.size() != 2) return usage("run 需要方案文件和数据文件", run_help);
    if (format != "table" && format != "json" && format != "csv")
        return usage("未知的输出格式 " + format + " (可用 table、json、csv)", run_help);

    PhaseTimer timer(timings);
    kaohe::LoadedProgram loaded;
    if (!load_policy(files[0], loaded)) return loaded.sources.size() ? policy_error : file_error;
    timer.lap("policy");

    kaohe::FileText data = kaohe::read_file(files[1]);
    if (!data) {
        std::cerr << "kaohe: 无法读取数据文件 " << files[1]
                  << (data.error == kaohe::ReadError::not_a_file ? ": 不是文件" : "") << "\n";
        return file_error;
    }
    timer.lap("read");
    std::string json_error;
    auto document = kaohe::JsonDocument::parse(std::move(data.text), json_error);
    timer.lap("parse");
    if (!document) {
        std::cerr << fmt::format("数据错误: {}: 不是有效的 JSON: {}\n", files[1], json_error);
        return data_error;
    }

    kaohe::Plan plan = kaohe::make_plan(*loaded.program);
    kaohe::BindResult bound = kaohe::bind_data(plan, *document);
    timer.lap("bind");
    std::vector<kaohe::DataError> errors = std::move(bound.errors);
    if (errors.empty()) errors = kaohe::evaluate_plan(plan, bound.tables);
    timer.lap("evaluate");
    if (!errors.empty()) {
        for (const auto& e : errors) std::cerr << kaohe::cli::data_error_text(e, loaded.sources) << "\n";
        std::cerr << fmt::format("{} 处数据错误, 未输出结果\n", errors.size());
        return data_error;
    }
    auto rows = kaohe::collect_results(plan, bound.tables);
    timer.lap("results");
    if (format == "json") std::cout << kaohe::render_json(rows);
    else if (format == "csv") std::cout << kaohe::render_csv(rows);
    else std::cout << kaohe::render_table(rows);
    timer.lap("render");
    return success;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage("缺少命令", main_help);
    std::string command = args.front();
    args.erase(args.begin());
    if (command == "--help" || command == "-h" || command == "help") return std::cout << main_help, success;
    if (command == "run") return run_command(args);
    if (command == "check") return check_command(args);
    return usage("未知的命令 " + command, main_help);
}
