#include "cli/shared.hpp"

#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "base/read_file.hpp"
#include "base/utf8.hpp"
#include "cli/formats/data_error_list.hpp"
#include "cli/formats/diagnostics_text.hpp"
#include "cli/formats/formats.hpp"

namespace kaohe::cli {

void PhaseTimer::lap(const char* phase) {
    auto now = std::chrono::steady_clock::now();
    if (enabled_)
        std::cerr << fmt::format("{:<10} {:>9.1f} ms\n", phase,
                                 std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
}

Exit load_policy(const std::string& path, LoadedProgram& loaded, bool show_warnings) {
    try {
        loaded = load_program_file(path);
    } catch (const std::exception& e) {  // the loader throws only when the file cannot be read
        std::cerr << "kaohe: " << e.what() << "\n";
        return file_error;
    }
    for (const Diagnostic& diagnostic : loaded.diagnostics.all())
        if (show_warnings || diagnostic.severity == Severity::error)
            std::cerr << diagnostic_text(diagnostic, loaded.sources);
    return loaded.program ? success : policy_error;
}

Exit load_data(const std::string& path, PhaseTimer& timer, std::shared_ptr<const JsonDocument>& document,
               const char* what) {
    FileText data = read_file(path);
    if (!data) {
        std::cerr << "kaohe: 无法读取" << what << " " << path << ": " << describe(data.error) << "\n";
        return file_error;
    }
    timer.lap("read");
    std::vector<DataError> errors;
    document = parse_data(std::move(data.text), path, errors);
    timer.lap("parse");
    if (!document) {
        std::cerr << data_errors_text(std::move(errors), SourceSet(), true);
        return data_error;
    }
    return success;
}

void add_format_option(CLI::App& command, std::string& format) {
    format = formats().front().name;
    auto known = [](const std::string& name) {
        return find_format(name) ? std::string()
                                 : "未知的输出格式 " + name + " (可用 " + format_names("、") + ")";
    };
    command.add_option("--format", format, "输出格式, 可用 " + format_names("、"))
        ->check(CLI::Validator(known, "FORMAT"))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

std::vector<std::pair<std::string, std::string>> format_option_help() {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const Format& format : formats())
        rows.emplace_back("--format " + std::string(format.name),
                          std::string(format.summary) + (&format == &formats().front() ? " (默认)" : ""));
    return rows;
}

std::string option_lines(const std::vector<std::pair<std::string, std::string>>& rows) {
    std::size_t width = 0;
    for (const auto& [option, text] : rows) width = std::max(width, display_width(option));
    std::string out;
    for (const auto& [option, text] : rows)
        out += "  " + option + std::string(width - display_width(option) + 3, ' ') + text + "\n";
    return out;
}

}  // namespace kaohe::cli
