#include "runtime/parameter_sources.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "lang/diagnostics.hpp"

namespace kaohe {

std::string parameter_path(const ParameterFile& file, std::string_view name) {
    return fmt::format("{}: $.{}", file.name, name);
}

void check_parameter_files(const Program& program, std::span<const ParameterFile> files, std::vector<DataError>& errors) {
    std::vector<std::string> names;
    for (SymbolId p : program.parameters) names.push_back(program.symbols[p].name);
    std::string known;
    for (const auto& name : names) known += (known.empty() ? "" : "、") + name;
    for (const ParameterFile& file : files) {
        JsonValue root = file.document->root();
        if (root.kind() != JsonValue::Kind::object) {
            errors.push_back({.code = DiagnosticCode::document_not_object,
                              .path = file.name,
                              .message = "参数文件应为一个 JSON 对象 {\"参数名\": 值, …}, 这里是" + root.describe()});
            continue;
        }
        for (JsonValue member = root.first(); member.exists(); member = member.next()) {
            std::string key(member.key());
            if (std::find(names.begin(), names.end(), key) != names.end()) continue;
            std::string suggestion = closest_name(key, names);
            errors.push_back(
                {.code = DiagnosticCode::unknown_parameter,
                 .path = parameter_path(file, key),
                 .message = fmt::format("{} 不是方案的参数{}", key,
                                        suggestion.empty() ? (known.empty() ? " (方案没有声明参数)" : " (参数有: " + known + ")")
                                                           : ", 是否指 " + suggestion + "？")});
        }
    }
}

void check_parameter_objects(const Program& program, JsonValue document, std::vector<DataError>& errors) {
    std::map<std::string, std::vector<std::string>> members;  // object path → names the scheme reads in it
    for (SymbolId p : program.parameters) {
        const std::string& key = program.inputs[program.symbols[p].input].json_key;
        if (auto dot = key.rfind('.'); dot != std::string::npos) members[key.substr(0, dot)];
    }
    for (SymbolId symbol : program.scheme_inputs) {
        const std::string& key = program.inputs[program.symbols[symbol].input].json_key;
        for (auto dot = key.find('.'); dot != std::string::npos; dot = key.find('.', dot + 1))
            if (auto object = members.find(key.substr(0, dot)); object != members.end())
                object->second.push_back(key.substr(dot + 1, key.find('.', dot + 1) - dot - 1));
    }
    for (const auto& [object_path, names] : members) {
        JsonValue object = find_path(document, object_path);
        if (object.kind() != JsonValue::Kind::object) continue;
        for (JsonValue member = object.first(); member.exists(); member = member.next()) {
            std::string key(member.key());
            if (std::find(names.begin(), names.end(), key) != names.end()) continue;
            if (key.starts_with("//")) continue;
            std::string suggestion = closest_name(key, names);
            errors.push_back({.code = DiagnosticCode::unknown_parameter,
                              .path = fmt::format("$.{}.{}", object_path, key),
                              .message = fmt::format("{} 中的 {} 不是方案的参数{}", object_path, key,
                                                     suggestion.empty() ? "" : ", 是否指 " + suggestion + "？")});
        }
    }
}

}  // namespace kaohe
