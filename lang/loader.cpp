#include "lang/loader.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "base/read_file.hpp"
#include "lang/checker.hpp"
#include "lang/unparsed.hpp"
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

// The same file however a `use` spells its path ("./a.kh", "../x/a.kh"), so it is read once.
std::string file_key(const std::string& path) {
    std::error_code ignored;
    auto canonical = std::filesystem::weakly_canonical(path, ignored);
    return ignored ? path : canonical.string();
}

// Where a `use` points: a stdlib module by name, or a path relative to the using file's folder.
std::string module_file(const ast::UseDecl& use, const std::string& using_file) {
    if (!use.local) return stdlib_directory() + "/" + use.module + ".kh";
    return (std::filesystem::path(using_file).parent_path() / use.module).lexically_normal().string();
}

struct Edge {
    std::size_t to;
    Span span;  // the `use` that draws it
};

// One error for the first cycle of `use`s found from the policy (a module that uses itself is
// the shortest); modules are merged into one program, so a cycle would only hide a mistake.
void report_cycle(const std::vector<std::vector<Edge>>& edges, const std::vector<std::string>& files,
                  Diagnostics& diagnostics) {
    std::vector<int> state(edges.size(), 0);  // 0 not seen, 1 on the current path, 2 done
    std::vector<std::size_t> path;
    auto visit = [&](auto& self, std::size_t m) -> bool {
        state[m] = 1;
        path.push_back(m);
        for (const Edge& edge : edges[m]) {
            if (state[edge.to] == 1) {
                std::string chain;
                auto first = std::find(path.begin(), path.end(), edge.to);
                for (auto it = first; it != path.end(); ++it) chain += files[*it] + " → ";
                chain += files[edge.to];
                diagnostics.report(DiagnosticCode::module_cycle, edge.span,
                                   edge.to == m ? fmt::format("模块 {} use 了它自己", files[m])
                                                : fmt::format("模块循环 use: {}", chain),
                                   "删去这个 use; 几个文件都要用的定义, 请放到另一个文件中, 由它们分别 use");
                return true;
            }
            if (state[edge.to] == 0 && self(self, edge.to)) return true;
        }
        path.pop_back();
        state[m] = 2;
        return false;
    };
    visit(visit, 0);
}

// Errors the parser reports, after which the declarations that did parse can still be checked.
// A missing or cyclic module or a file in the wrong encoding leaves too much unknown.
bool only_syntax_errors(const Diagnostics& diagnostics) {
    return std::none_of(diagnostics.all().begin(), diagnostics.all().end(), [](const Diagnostic& d) {
        return d.code == DiagnosticCode::module_not_found || d.code == DiagnosticCode::unknown_module ||
               d.code == DiagnosticCode::module_cycle || d.code == DiagnosticCode::not_utf8;
    });
}

LoadedProgram load(std::string name, std::string text) {
    LoadedProgram loaded;
    std::vector<ast::Module> modules;
    std::vector<std::string> files{name};                  // each module's file, as shown in messages
    std::map<std::string, std::size_t> module_by_file{{file_key(name), 0}};
    std::set<std::string> missing;                         // reported once each
    modules.push_back(parse_module(loaded.sources, loaded.sources.add(std::move(name), std::move(text)),
                                   loaded.diagnostics));
    std::vector<std::vector<Edge>> edges(1);
    // Modules may use other modules; each file is read once, in the order first used.
    for (std::size_t m = 0; m < modules.size(); ++m) {
        std::vector<ast::UseDecl> uses = modules[m].uses;
        for (const auto& use : uses) {
            std::string path = module_file(use, files[m]);
            std::string key = file_key(path);
            if (auto found = module_by_file.find(key); found != module_by_file.end()) {
                edges[m].push_back({found->second, use.span});
                continue;
            }
            if (missing.count(key)) continue;
            FileText module_text = read_file(path);
            if (!module_text) {
                missing.insert(key);
                if (use.local) {
                    loaded.diagnostics.report(DiagnosticCode::module_not_found, use.span,
                                              fmt::format("找不到模块文件 {} ({})", path, describe(module_text.error)),
                                              "路径相对于写这个 use 的文件所在的文件夹, 例如 \"./公共指标.kh\"");
                    continue;
                }
                std::string names;
                for (const auto& n : available_modules()) names += (names.empty() ? "" : "、") + n;
                loaded.diagnostics.report(DiagnosticCode::unknown_module, use.span,
                                          fmt::format("找不到标准库模块 {} ({})", use.module, path),
                                          names.empty() ? "" : "可用的模块: " + names);
                continue;
            }
            module_by_file[key] = modules.size();
            edges[m].push_back({modules.size(), use.span});
            edges.emplace_back();
            files.push_back(path);
            bool stdlib = !use.local || modules[m].stdlib;
            modules.push_back(parse_module(loaded.sources, loaded.sources.add(path, std::move(module_text.text)),
                                           loaded.diagnostics));
            modules.back().stdlib = stdlib;
        }
    }
    report_cycle(edges, files, loaded.diagnostics);
    if (!loaded.diagnostics.has_errors()) {
        loaded.program = check_program(modules, loaded.diagnostics);
    } else if (only_syntax_errors(loaded.diagnostics)) {
        // Check the declarations that parsed, so one syntax error does not hide the rest; the
        // program itself is not kept, and what the dropped ones explain is left out.
        std::set<std::string> unparsed_names;
        for (const ast::Module& module : modules)
            for (Span span : module.unparsed)
                unparsed_names.merge(names_declared_in(loaded.sources.file(span.file).text().substr(
                    span.begin, span.end - span.begin)));
        Diagnostics checked;
        check_program(modules, checked);
        loaded.diagnostics.append_if(checked, [&](const Diagnostic& d) { return !follows_from_unparsed(d, unparsed_names); });
    }
    loaded.diagnostics.sort_by_position();
    return loaded;
}

}  // namespace

// KAOHE_STDLIB if set; else the copy installed beside the executable (PREFIX/bin/kaohe finds
// PREFIX/share/kaohe/stdlib), so an installed kaohe needs neither the source tree nor a variable;
// else, for a build that was never installed, the source tree's stdlib/.
std::string stdlib_directory() {
    if (const char* dir = std::getenv("KAOHE_STDLIB"); dir && *dir) return dir;
    std::error_code ignored;
    auto executable = std::filesystem::read_symlink("/proc/self/exe", ignored);
    if (!ignored) {
        auto installed = executable.parent_path().parent_path() / "share" / "kaohe" / "stdlib";
        if (std::filesystem::is_directory(installed, ignored)) return installed.string();
    }
    return KAOHE_STDLIB_DIR;
}

LoadedProgram load_program_file(const std::string& path) {
    FileText file = read_file(path);
    if (!file) throw std::runtime_error(fmt::format("无法读取方案文件 {}: {}", path, describe(file.error)));
    return load(path, std::move(file.text));
}

LoadedProgram load_program_text(const std::string& name, std::string text) { return load(name, std::move(text)); }

}  // namespace kaohe
