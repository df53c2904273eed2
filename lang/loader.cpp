#include "lang/loader.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "lang/checker.hpp"
#include "lang/parser.hpp"

namespace kaohe {
namespace {

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> available_modules() {
    std::vector<std::string> names;
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(stdlib_directory(), ignored))
        if (entry.path().extension() == ".kh") names.push_back(entry.path().stem().string());
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
            auto module_text = read_file(path);
            if (!module_text) {
                std::string names;
                for (const auto& n : available_modules()) names += (names.empty() ? "" : "、") + n;
                loaded.diagnostics.error(use.span, fmt::format("找不到标准库模块 {} ({})", use.module, path),
                                         names.empty() ? "" : "可用的模块: " + names);
                continue;
            }
            modules.push_back(parse_module(loaded.sources, loaded.sources.add(path, std::move(*module_text)),
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
    auto text = read_file(path);
    if (!text) throw std::runtime_error(fmt::format("无法读取方案文件 {}", path));
    return load(path, std::move(*text));
}

LoadedProgram load_program_text(const std::string& name, std::string text) { return load(name, std::move(text)); }

}  // namespace kaohe
