// The checker's entry point and the lookups its passes share.
#include "lang/checker.hpp"

#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe {
namespace checker {

SymbolId State::add_symbol(Symbol symbol) {
    SymbolId id = program.symbols.next_id();
    symbol_by_name[{symbol.entity, symbol.name}] = id;
    program.symbols.push_back(std::move(symbol));
    dependencies.emplace_back();
    return id;
}

SymbolId State::find_symbol(EntityId entity, const std::string& name) const {
    auto found = symbol_by_name.find({entity, name});
    return found == symbol_by_name.end() ? SymbolId::none() : found->second;
}

SymbolId State::declared_symbol(const void* declaration) const {
    auto found = declared_symbols.find(declaration);
    return found == declared_symbols.end() ? SymbolId::none() : found->second;
}

BandIndex State::band_of_label(SymbolId grade, const std::string& label) const {
    auto found = grade_declarations.find(grade);
    if (found == grade_declarations.end()) return BandIndex::none();
    const auto& bands = found->second->bands;
    for (std::size_t i = 0; i < bands.size(); ++i)
        if (bands[i].label == label) return BandIndex(i);
    return BandIndex::none();
}

bool State::is_descendant(EntityId entity, EntityId ancestor) const {
    if (!entity) return false;
    for (EntityId e = program.entities[entity].parent;; e = program.entities[e].parent) {
        if (e == ancestor) return true;
        if (!e) return false;
    }
}

std::string State::entity_name(EntityId entity) const { return !entity ? "方案" : program.entities[entity].name; }

std::vector<std::string> State::visible_names(const Scope& scope) const {
    std::vector<std::string> names;
    for (const auto& local : scope.locals) names.push_back(local.name);
    if (!scope.allow_symbols) return names;
    for (const auto& [key, id] : symbol_by_name) {
        SymbolKind kind = program.symbols[id].kind;
        if (kind == SymbolKind::veto_condition || kind == SymbolKind::requirement) continue;  // no name to write
        bool visible = !key.first || key.first == scope.entity || is_descendant(scope.entity, key.first);
        if (visible) names.push_back(key.second);
    }
    for (const auto& [name, id] : entity_by_name) names.push_back(name);
    return names;
}

std::optional<Type> State::resolve_type(const ast::TypeRef& ref, NumberKind* kind) {
    static const std::pair<const char*, NumberKind> number_kinds[] = {
        {"number", NumberKind::any}, {"percent", NumberKind::percent},
        {"score", NumberKind::score}, {"count", NumberKind::count}};
    Type type;
    type.list = ref.list;
    *kind = NumberKind::any;
    for (const auto& [name, number_kind] : number_kinds)
        if (ref.name == name) {
            type.base = BaseType::number;
            *kind = number_kind;
            return type;
        }
    if (ref.name == "text") type.base = BaseType::text;
    else if (ref.name == "bool") type.base = BaseType::boolean;
    else if (auto record = record_by_name.find(ref.name); record != record_by_name.end()) {
        type.base = BaseType::record;
        type.record = record->second;
    } else if (auto enumeration = enum_by_name.find(ref.name); enumeration != enum_by_name.end()) {
        type.base = BaseType::text;
        type.enumeration = enumeration->second;
    } else {
        std::vector<std::string> names{"number", "percent", "score", "count", "text", "bool"};
        for (const auto& [name, id] : record_by_name) names.push_back(name);
        for (const auto& [name, id] : enum_by_name) names.push_back(name);
        std::string suggestion = closest_name(ref.name, names);
        diagnostics.report(Code::unknown_type, ref.span, fmt::format("未知的类型 {}", ref.name),
                           suggestion.empty() ? "可用 number、percent、score、count、text、bool, record 或 enum 定义的类型"
                                              : fmt::format("是否指 {}？", suggestion));
        return std::nullopt;
    }
    return type;
}

std::optional<EntityId> State::resolve_entity(const ast::EntityRef& ref) {
    auto found = entity_by_name.find(ref.name);
    if (found != entity_by_name.end()) return found->second;
    if (!unknown_names.insert(ref.name).second) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& [name, id] : entity_by_name) names.push_back(name);
    std::string suggestion = closest_name(ref.name, names);
    diagnostics.report(Code::unknown_entity, ref.span, fmt::format("未定义的实体 {}", ref.name),
                       suggestion.empty() ? "" : fmt::format("是否指 {}？", suggestion));
    return std::nullopt;
}

}  // namespace checker

std::optional<Program> check_program(const std::vector<ast::Module>& modules, Diagnostics& diagnostics) {
    checker::State state(diagnostics);
    for (const auto& module : modules)  // the policy's own name before any a module declares
        if (state.program.scheme_name.empty()) {
            state.program.scheme_name = module.scheme_name;
            state.program.scheme_version = module.scheme_version;
        }
    checker::declare_enums(state, modules);  // record fields and inputs may have an enum type
    checker::declare_records_and_entities(state, modules);
    checker::declare_functions(state, modules);
    checker::declare_definitions(state, modules);
    checker::declare_indicators(state, modules);
    checker::check_definitions(state, modules);
    checker::check_outputs(state, modules);
    checker::order_definitions(state);
    checker::check_sections(state, modules);
    if (state.program.outputs.empty() && !modules.empty())
        diagnostics.report(checker::Code::missing_output, modules.front().scheme_span,
                           "方案没有 output 声明, 运行时没有任何结果可输出",
                           "例如 output 成员 as member { score: 综合得分 }");
    if (!diagnostics.has_errors()) {  // no knock-on warnings
        checker::check_band_reach(state);
        checker::check_unused(state, modules);
    }
    if (diagnostics.has_errors()) return std::nullopt;
    state.program.dependencies = std::move(state.dependencies);
    return std::move(state.program);
}

}  // namespace kaohe
