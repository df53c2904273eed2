#include "lang/loader.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "base/read_file.hpp"
#include "lang/checker.hpp"
#include "lang/parser.hpp"

namespace kaohe {
namespace {

std::vector<std::string> available_modules() {
    std::vector<std::string> names;
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(stdlib_directory(), ignored))
        if (entry.path().extension() == ".kh") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());  // the directory's order differs between file systems
    return names;
}

LoadedProgram load(std::string name, std::string text) {
    LoadedProgram loaded;
    std::vector<ast::Module> modules;
    modules.push_back(parse_module(loaded.sources, loaded.sources.add(std::move(name), std::move(text)),
                                   loaded.diagnostics));
    std::set<std::string> seen;
    // Modules may use other modules; each is read once, in the order first used.
    for (std::size_t m = 0; m < modules.size(); ++m) {
        std::vector<ast::UseDecl> uses = modules[m].uses;
        for (const auto& use : uses) {
            if (!seen.insert(use.module).second) continue;
            std::string path = stdlib_directory() + "/" + use.module + ".kh";
            FileText module_text = read_file(path);
            if (!module_text) {
                std::string names;
                for (const auto& n : available_modules()) names += (names.empty() ? "" : "、") + n;
                loaded.diagnostics.report(DiagnosticCode::unknown_module, use.span,
                                          fmt::format("找不到标准库模块 {} ({})", use.module, path),
                                          names.empty() ? "" : "可用的模块: " + names);
                continue;
            }
            modules.push_back(parse_module(loaded.sources, loaded.sources.add(path, std::move(module_text.text)),
                                           loaded.diagnostics));
        }
    }
    if (loaded.diagnostics.has_errors()) return loaded;  // checking half-parsed code only adds noise
    loaded.program = check_program(modules, loaded.diagnostics);
    return loaded;
}

}  // namespace

std::string stdlib_directory() {
    if (const char* dir = std::getenv("KAOHE_STDLIB"); dir && *dir) return dir;
    return KAOHE_STDLIB_DIR;
}

LoadedProgram load_program_file(const std::string& path) {
    FileText file = read_file(path);
    if (!file) throw std::runtime_error(fmt::format("无法读取方案文件 {}: {}", path, describe(file.error)));
    return load(path, std::move(file.text));
}

LoadedProgram load_program_text(const std::string& name, std::string text) { return load(name, std::move(text)); }

}  // namespace kaohe
