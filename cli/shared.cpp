#include "cli/shared.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "base/digest.hpp"
#include "base/json_string.hpp"
#include "base/read_file.hpp"
#include "base/utf8.hpp"
#include "cli/formats/data_error_list.hpp"
#include "cli/formats/diagnostics_json.hpp"
#include "cli/formats/diagnostics_text.hpp"
#include "cli/formats/formats.hpp"
#include "runtime/data_edits.hpp"
#include "runtime/overrides.hpp"

namespace kaohe::cli {

namespace {

// Resident memory now, in MB (Linux /proc; 0 where there is none), so --timings shows which
// phase holds what.
double resident_mb() {
    std::ifstream statm("/proc/self/statm");
    std::size_t size = 0, resident = 0;
    statm >> size >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1e6;
}

}  // namespace

void PhaseTimer::lap(const char* phase) {
    auto now = std::chrono::steady_clock::now();
    if (enabled_)
        std::cerr << fmt::format("{:<10} {:>9.1f} ms {:>7.0f} MB\n", phase,
                                 std::chrono::duration<double, std::milli>(now - last_).count(), resident_mb());
    last_ = now;
}

void add_error_format_option(CLI::App& command, ErrorFormat& format, const std::string& names) {
    static const std::map<std::string, ErrorFormat> choices{
        {"text", ErrorFormat::text}, {"gcc", ErrorFormat::gcc}, {"json", ErrorFormat::json}};
    auto known = [](const std::string& name) {
        return choices.count(name) ? std::string() : "未知的错误输出形式 " + name + " (可用 text、gcc、json)";
    };
    command
        .add_option_function<std::string>(
            names, [&format](const std::string& name) { format = choices.at(name); },
            "错误的输出形式: text (默认)、gcc (file:line:col: error: …)、json")
        ->check(CLI::Validator(known, "FORMAT"));
}

Exit load_policy(const std::string& path, LoadedProgram& loaded, bool show_warnings, ErrorFormat format,
                 std::ostream& out) {
    try {
        loaded = load_program_file(path);
    } catch (const std::exception& e) {  // the loader throws only when the file cannot be read
        std::cerr << "kaohe: " << e.what() << "\n";
        return file_error;
    }
    Diagnostics shown;
    shown.append_if(loaded.diagnostics, [&](const Diagnostic& d) { return show_warnings || d.severity == Severity::error; });
    // A run that goes on to the data prints no empty array before the data errors' array.
    if (format == ErrorFormat::json) {
        if (!shown.all().empty() || &out == &std::cout) out << diagnostics_json(shown, loaded.sources);
    }
    else
        for (const Diagnostic& diagnostic : shown.all())
            out << diagnostic_text(diagnostic, loaded.sources, format == ErrorFormat::gcc);
    return loaded.program ? success : policy_error;
}

Exit load_data(const std::string& path, PhaseTimer& timer, std::shared_ptr<const JsonDocument>& document,
               const char* what, ErrorFormat format, std::string* sha256) {
    FileText data = read_file(path, largest_data_file);
    if (!data) {
        std::cerr << "kaohe: 无法读取" << what << " " << path << ": " << describe(data.error) << "\n";
        return file_error;
    }
    timer.lap("read");
    // The hash for the provenance on another thread while the text is parsed: a 10 MB file's
    // SHA-256 takes about 7 ms. The view stays valid: a string this long moves its buffer whole.
    std::thread hashing;
    if (sha256 && data.text.size() < (1u << 20)) *sha256 = sha256_hex(data.text);
    else if (sha256) hashing = std::thread([sha256, text = std::string_view(data.text)] { *sha256 = sha256_hex(text); });
    std::vector<DataError> errors;
    document = parse_data(std::move(data.text), path, errors);
    if (hashing.joinable()) hashing.join();
    timer.lap("parse");
    if (!document) {
        print_data_errors(errors, SourceSet(), format, true, path);
        return data_error;
    }
    return success;
}

void add_set_option(CLI::App& command, std::vector<std::string>& sets, bool* renormalize) {
    auto well_formed = [](const std::string& text) {
        Override parsed;
        return parse_override(text, parsed) ? std::string() : "--set 应写作 名称=值, 例如 --set 优秀线=92: " + text;
    };
    command.add_option("--set", sets, "改变一个参数、权重、分数线或名额比例, 只用于本次计算: 名称=值")
        ->check(CLI::Validator(well_formed, "NAME=VALUE"))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    if (renormalize)
        command.add_flag("--renormalize", *renormalize, "--set 改了权重时, 按比例调整同一加权和的其余权重, 使合计仍为 100%");
}

std::string without_spaces(std::string text) { return std::string(trim_spaces(text)); }

void add_set_data_option(CLI::App& command, std::vector<std::string>& edits) {
    auto well_formed = [](const std::string& text) {
        DataEdit parsed;
        return parse_data_edit(text, parsed) ? std::string()
                                             : "--set-data 应写作 编号.输入=值, 例如 --set-data LN01-M03.民主测评票.优秀=35: " + text;
    };
    command.add_option("--set-data", edits, "改变某个对象的一项输入, 只用于本次计算: 编号.输入=值")
        ->check(CLI::Validator(well_formed, "ID.INPUT=VALUE"))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

Exit apply_data_edits(const std::vector<std::string>& edits, const std::shared_ptr<const CompiledPolicy>& policy,
                      const std::vector<ParameterFile>& parameters, std::shared_ptr<const JsonDocument>& document) {
    if (edits.empty()) return success;
    Run rows(policy, document, parameters);  // the rows as read: ids to find, even when the data has errors
    std::vector<JsonEdit> changes;
    bool resolved = true;
    for (const std::string& text : edits) {
        DataEdit edit;
        parse_data_edit(text, edit);
        DataPlace place = resolve_data_place(policy->plan, rows.tables(), *document, edit.target);
        if (!place.error.empty()) {
            std::cerr << "kaohe: --set-data " << text << ": " << place.error << (place.hint.empty() ? "" : " (" + place.hint + ")") << "\n";
            resolved = false;
            continue;
        }
        place.edit.json = value_as_json(edit.value);
        changes.push_back(std::move(place.edit));
    }
    if (!resolved) return usage_error;
    std::vector<DataError> errors;  // the text is well formed by construction
    document = parse_data(document->text_with(changes), "--set-data", errors);
    return success;
}

void add_scheme_run_options(CLI::App& command, SchemeRunOptions& options) {
    command.add_option("POLICY", options.policy, "方案文件")->required();
    command.add_option("DATA", options.data, "数据文件")->required();
    command.add_option("--params", options.parameters, "参数文件: JSON 对象 {\"参数名\": 值}, 优先于数据文件中的参数");
    add_set_option(command, options.sets, &options.renormalize);
    add_set_data_option(command, options.data_edits);
    add_error_format_option(command, options.errors);
}

std::vector<std::string> what_if_options(const SchemeRunOptions& options) {
    // As the tool read them (spaces around names dropped), so they can be pasted back.
    auto cleaned = [](const std::string& text) {
        std::string name, value;
        return split_assignment(text, name, value) ? name + "=" + value : text;
    };
    std::vector<std::string> words;
    for (const std::string& set : options.sets) words.push_back("--set " + cleaned(set));
    if (options.renormalize) words.push_back("--renormalize");
    for (const std::string& edit : options.data_edits) words.push_back("--set-data " + cleaned(edit));
    return words;
}

Exit prepare_run(const SchemeRunOptions& options, PhaseTimer& timer, std::unique_ptr<Run>& run, bool show_warnings,
                 std::string* data_sha256) {
    LoadedProgram loaded;
    if (Exit exit = load_policy(options.policy, loaded, show_warnings, options.errors); exit != success) return exit;
    timer.lap("policy");
    std::shared_ptr<const JsonDocument> document;
    if (Exit exit = load_data(options.data, timer, document, "数据文件", options.errors, data_sha256); exit != success)
        return exit;
    std::vector<ParameterFile> parameters;
    if (Exit exit = load_parameters(options.parameters, options.sets, *loaded.program, timer, options.errors, parameters,
                                    options.renormalize);
        exit != success)
        return exit;
    auto policy = compile(std::move(loaded));
    if (Exit exit = apply_data_edits(options.data_edits, policy, parameters, document); exit != success) return exit;
    run = std::make_unique<Run>(policy, document, parameters);
    timer.lap("bind");
    return success;
}

Exit load_parameters(const std::string& path, const std::vector<std::string>& sets, const Program& program,
                     PhaseTimer& timer, ErrorFormat format, std::vector<ParameterFile>& parameters, bool renormalize) {
    if (!path.empty()) {
        std::shared_ptr<const JsonDocument> file;
        if (Exit exit = load_data(path, timer, file, "参数文件", format); exit != success) return exit;
        parameters.push_back({file, path});
    }
    if (sets.empty()) return success;
    // The overrides as one more parameters file, after --params so they win: each by the parameter
    // it sets, its value as written (45% as a text, as a parameters file may write it).
    std::vector<std::pair<std::string, std::string>> values;  // parameter, value as JSON; a later --set wins
    bool resolved = true;
    for (const std::string& set : sets) {
        Override override;
        parse_override(set, override);
        ResolvedOverride target = resolve_override(program, override);
        if (target.parameter.empty()) {
            std::cerr << "kaohe: --set " << set << ": " << target.error << (target.hint.empty() ? "" : " (" + target.hint + ")") << "\n";
            resolved = false;
            continue;
        }
        std::string value;
        if (Rational::parse(override.value) && override.value.find('%') == std::string::npos) value = override.value;
        else append_json_string(value, override.value);
        auto same = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == target.parameter; });
        if (same != values.end()) {
            std::cerr << fmt::format("kaohe: 注意: --set {} 与前面的 --set 设的是同一个参数 {}, 用后一个值 {}\n", set,
                                     target.parameter, override.value);
            same->second = value;
        } else
            values.emplace_back(target.parameter, value);
    }
    if (!resolved) return usage_error;
    std::string text = "{";
    for (const auto& [parameter, value] : values) {
        if (text.size() > 1) text += ", ";
        append_json_string(text, parameter);
        text += ": " + value;
    }
    std::vector<DataError> errors;  // the text is well formed by construction
    parameters.push_back({parse_data(text + "}", "--set", errors), "--set", renormalize});
    return success;
}

void print_data_errors(const std::vector<DataError>& errors, const SourceSet& sources, ErrorFormat format,
                       bool every_row, const std::string& data_file) {
    if (format == ErrorFormat::json) {
        std::cerr << data_errors_json(in_row_order(errors), sources);
        return;
    }
    std::string text = data_errors_text(errors, sources, every_row);
    if (format == ErrorFormat::gcc) {  // data errors have a path, not a line: the file leads
        std::string prefixed;
        for (std::size_t start = 0, end; start < text.size(); start = end + 1) {
            end = text.find('\n', start);
            std::string_view line = std::string_view(text).substr(start, end - start);
            if (line.starts_with("数据错误: ")) line.remove_prefix(std::string_view("数据错误: ").size());
            prefixed += data_file + ": error: " + std::string(line) + "\n";
        }
        text = std::move(prefixed);
    }
    std::cerr << text;
}

void print_side_errors(const std::vector<DataError>& errors, const CompiledPolicy& policy, const std::string& side,
                       ErrorFormat format, const std::string& data_file) {
    if (errors.empty()) return;
    if (format != ErrorFormat::json) std::cerr << side << " 无法按这份数据计算:\n";
    print_data_errors(errors, policy.sources, format, false, data_file);
}

void add_format_choice(CLI::App& command, std::string& format, const std::vector<std::string>& choices) {
    format = choices.front();
    std::string listed = choices.front();
    for (std::size_t i = 1; i < choices.size(); ++i) listed += "、" + choices[i];
    auto known = [choices, listed](const std::string& name) {
        return std::find(choices.begin(), choices.end(), name) != choices.end()
                   ? std::string()
                   : "未知的输出格式 " + name + " (可用 " + listed + ")";
    };
    command.add_option("--format", format, "输出格式: " + listed)->check(CLI::Validator(known, "FORMAT"));
}

void add_format_option(CLI::App& command, std::string& format) {
    format = formats().front().name;
    auto known = [](const std::string& name) {
        return find_format(name) ? std::string()
                                 : "未知的输出格式 " + name + " (可用 " + format_names("、") + ")";
    };
    command.add_option("--format", format, "输出格式, 可用 " + format_names("、"))
        ->check(CLI::Validator(known, "FORMAT"));
}

std::vector<std::pair<std::string, std::string>> format_option_help() {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const Format& format : formats())
        rows.emplace_back("--format " + std::string(format.name),
                          std::string(format.summary) + (&format == &formats().front() ? " (默认)" : ""));
    return rows;
}

std::vector<std::string> files_under(const std::vector<std::string>& paths, std::string_view extension) {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            files.push_back(path);  // reading it says what is wrong, if anything
            continue;
        }
        std::vector<std::string> found;
        for (auto it = fs::recursive_directory_iterator(path, error); !error && it != fs::recursive_directory_iterator();
             it.increment(error))
            if (it->path().extension() == extension && it->is_regular_file(error)) found.push_back(it->path().string());
        std::sort(found.begin(), found.end());
        if (found.empty()) std::cerr << "kaohe: " << path << " 之下没有 " << extension << " 文件\n";
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
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
