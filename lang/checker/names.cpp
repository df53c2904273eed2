// Declaration pass: record types, entity types and their inputs, function signatures and
// the names of every definition, so later passes can refer to anything in any order.
#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe::checker {
namespace {

// `first` is the earlier definition, when it has a place in a file (a built-in has none).
void report_duplicate(State& state, const std::string& what, const std::string& name, Span span,
                      std::optional<Span> first) {
    Diagnostic& d = state.diagnostics.report(Code::duplicate_definition, span, what + " " + name + " 重复定义");
    if (first) d.related.push_back({*first, "首次定义在这里"});
}

InputSpec input_spec(State& state, const ast::InputDecl& decl) {
    InputSpec spec;
    spec.name = decl.name;
    spec.span = decl.name_span;
    spec.json_key = decl.path;
    spec.optional = decl.type.optional;
    spec.nonempty = decl.type.nonempty;
    if (auto type = state.resolve_type(decl.type, &spec.number_kind)) spec.type = *type;
    if (spec.optional && !spec.type.list && spec.type.base != BaseType::text)
        state.diagnostics.report(Code::optional_not_allowed, decl.type.span, "optional 只能用于 text 或 list 类型的输入",
                                 "缺少的 list 按空列表, 缺少的 text 按空文本处理; 数值输入必须提供");
    if (spec.nonempty && !spec.type.list)
        state.diagnostics.report(Code::nonempty_not_allowed, decl.type.span, "nonempty 只能用于 list 类型");
    if (spec.number_kind == NumberKind::percent || spec.number_kind == NumberKind::score) {
        spec.low = Rational(0);
        spec.high = Rational(100);
    } else if (spec.number_kind == NumberKind::count) {
        spec.low = Rational(0);
    }
    if (decl.type.low) {
        if (spec.type.base != BaseType::number)
            state.diagnostics.report(Code::range_not_numeric, decl.type.range_span, "取值范围只能用于数值类型");
        else if (decl.type.high && *decl.type.low > *decl.type.high)
            state.diagnostics.report(Code::range_inverted, decl.type.range_span, "取值范围的下限大于上限");
        else if ((spec.low && *decl.type.low < *spec.low) ||
                 (spec.high && (!decl.type.high || *decl.type.high > *spec.high)))
            state.diagnostics.report(Code::range_outside_type, decl.type.range_span,
                                     fmt::format("取值范围超出了 {} 本身的范围", decl.type.name));
        spec.low = decl.type.low;
        spec.high = decl.type.high;
    }
    return spec;
}

// The texts of the comments attached to a declaration.
std::vector<std::string> comments_of(const ast::Module& module, const ast::Layout& layout) {
    std::vector<std::string> texts;
    for (std::size_t k : layout.comments) texts.push_back(module.comments[k].text);
    return texts;
}

// The arrays an entity is read from, and the condition each `as` names: an input of the entity
// that binding sets for the rows read from that array.
void declare_entity_arrays(State& state, const ast::EntityDecl& decl, EntityId id) {
    for (std::size_t i = 0; i < decl.arrays.size(); ++i) {
        const ast::EntityArray& array = decl.arrays[i];
        for (std::size_t j = 0; j < i; ++j)
            if (decl.arrays[j].path == array.path)  // the first is on the same line: no note for it
                state.diagnostics.report(Code::duplicate_entity_array, array.path_span,
                                         fmt::format("数组 {} 在 {} 的 at 中列出了两次", array.path, decl.name),
                                         "每个数组只列一次; 同一行读两次会让它在排名和名额中算两次");
        EntityType& entity = state.program.entities[id];
        entity.json_keys.push_back(array.path);
        entity.array_flags.push_back(SymbolId::none());
        if (array.flag.empty()) continue;
        if (SymbolId first = state.find_symbol(id, array.flag)) {
            report_duplicate(state, "名称", array.flag, array.flag_span, state.program.symbols[first].span);
            continue;
        }
        InputSpec spec;
        spec.name = array.flag;
        spec.span = array.flag_span;
        spec.type = Type{BaseType::boolean};
        InputId input = state.program.inputs.push_back(std::move(spec));
        entity.array_flags.back() = state.add_symbol(
            {array.flag, array.flag_span, SymbolKind::input, id, Type{BaseType::boolean}, input, {}});
    }
}

void declare_entity(State& state, const EntityInModule& declared, EntityId parent) {
    const ast::Module& module = *declared.module;
    const ast::EntityDecl& decl = *declared.entity;
    if (state.entity_by_name.count(decl.name) || state.record_by_name.count(decl.name)) {
        auto entity = state.entity_by_name.find(decl.name);
        report_duplicate(state, "实体", decl.name, decl.name_span,
                         entity != state.entity_by_name.end()
                             ? state.program.entities[entity->second].span
                             : state.program.records[state.record_by_name[decl.name]].span);
        return;
    }
    parent = resolve_belongs_to(state, declared, parent);
    EntityId id = state.program.entities.next_id();
    EntityType entity;
    entity.name = decl.name;
    entity.span = decl.name_span;
    entity.parent = parent;
    entity.depth = !parent ? 0 : state.program.entities[parent].depth + 1;
    entity.key_path = decl.key_path;
    if (parent && !decl.parent.empty() && !declared.cyclic) entity.parent_key = decl.parent_key;
    state.program.entities.push_back(entity);
    state.entity_by_name[decl.name] = id;
    declare_entity_arrays(state, decl, id);
    for (const auto& input : decl.inputs) {
        if (SymbolId first = state.find_symbol(id, input.name)) {
            report_duplicate(state, "输入项", input.name, input.name_span, state.program.symbols[first].span);
            continue;
        }
        InputId input_index = state.program.inputs.push_back(input_spec(state, input));
        Symbol symbol{input.name, input.name_span, SymbolKind::input, id, state.program.inputs.back().type,
                      input_index, comments_of(module, input.layout)};
        symbol.scale = scale_of(state.program.inputs.back());
        state.program.entities[id].inputs.push_back(state.add_symbol(symbol));
    }
    for (const auto& requirement : decl.requirements) state.entity_requirements.emplace_back(id, &requirement);
    for (const auto& child : decl.children) declare_entity(state, {&module, &child}, id);
}

void declare_scheme_input(State& state, const ast::Module& module, const ast::InputDecl& input) {
    if (SymbolId first = state.find_symbol(EntityId::none(), input.name)) {
        report_duplicate(state, "输入项", input.name, input.name_span, state.program.symbols[first].span);
        return;
    }
    InputId input_index = state.program.inputs.push_back(input_spec(state, input));
    Symbol symbol{input.name, input.name_span, SymbolKind::input, EntityId::none(), state.program.inputs.back().type,
                  input_index, comments_of(module, input.layout)};
    symbol.scale = scale_of(state.program.inputs.back());
    state.program.scheme_inputs.push_back(state.add_symbol(symbol));
}

// A parameter is a scheme-level input with a default: rules read it like any input, and a run
// binds it from the data, a parameters file, or the default.
void declare_parameter(State& state, const ast::Module& module, const ast::ParameterDecl& decl) {
    if (SymbolId first = state.find_symbol(EntityId::none(), decl.name)) {
        report_duplicate(state, "参数", decl.name, decl.name_span, state.program.symbols[first].span);
        return;
    }
    InputSpec spec;
    spec.name = decl.name;
    spec.span = decl.name_span;
    spec.type.base = BaseType::number;
    spec.number_kind = decl.percent ? NumberKind::fraction : NumberKind::any;
    spec.json_key = decl.path;
    spec.default_value = decl.default_value;
    InputId input = state.program.inputs.push_back(std::move(spec));
    Symbol symbol{decl.name, decl.name_span, SymbolKind::input, EntityId::none(), state.program.inputs.back().type,
                  input, comments_of(module, decl.layout)};
    symbol.scale = scale_of(state.program.inputs.back());
    SymbolId id = state.add_symbol(symbol);
    state.program.scheme_inputs.push_back(id);
    state.program.parameters.push_back(id);
}

}  // namespace

void declare_records_and_entities(State& state, const std::vector<ast::Module>& modules) {
    // Records first: entity inputs may use them.
    for (const auto& module : modules)
        for (const auto& record : module.records) {
            if (auto first = state.record_by_name.find(record.name); first != state.record_by_name.end()) {
                report_duplicate(state, "记录类型", record.name, record.name_span,
                                 state.program.records[first->second].span);
                continue;
            }
            if (auto first = state.enum_by_name.find(record.name); first != state.enum_by_name.end()) {
                report_duplicate(state, "类型", record.name, record.name_span, state.program.enums[first->second].span);
                continue;
            }
            RecordId id = state.program.records.push_back({record.name, record.name_span, {}, {}});
            state.record_by_name[record.name] = id;
            state.declared_records[&record] = id;
        }
    for (const auto& module : modules)
        for (const auto& record : module.records) {
            auto declared = state.declared_records.find(&record);
            if (declared == state.declared_records.end()) continue;  // the duplicate, already reported
            RecordId id = declared->second;
            IdVector<FieldIndex, InputSpec> fields;
            for (const auto& field : record.fields) {
                InputSpec spec = input_spec(state, field);
                if (spec.type.base == BaseType::record)
                    state.diagnostics.report(Code::nested_record, field.type.span, "记录的字段不能再是记录");
                fields.push_back(std::move(spec));
            }
            state.program.records[id].fields = std::move(fields);
        }
    for (const EntityInModule& entity : entities_in_relation_order(state, modules))
        declare_entity(state, entity, EntityId::none());
    for (const auto& module : modules) {
        for (const auto& parameter : module.parameters) declare_parameter(state, module, parameter);
        for (const auto& input : module.inputs) declare_scheme_input(state, module, input);
        for (const auto& requirement : module.requirements)
            state.entity_requirements.emplace_back(EntityId::none(), &requirement);
    }
}

void declare_functions(State& state, const std::vector<ast::Module>& modules) {
    for (const auto& module : modules)
        for (const auto& fn : module.functions) {
            if (find_builtin(fn.name)) {
                state.diagnostics.report(Code::duplicate_definition, fn.name_span,
                                         fmt::format("函数名 {} 与内置函数同名", fn.name), "请换一个名字, 内置函数见 docs/language.md");
                continue;
            }
            if (state.function_by_name.count(fn.name)) {
                auto first = state.function_by_name.find(fn.name);
                report_duplicate(state, "函数", fn.name, fn.name_span,
                                 first != state.function_by_name.end()
                                     ? std::optional(state.program.functions[first->second].span)
                                     : std::nullopt);
                continue;
            }
            Function function;
            function.name = fn.name;
            function.span = fn.name_span;
            for (const auto& param : fn.params) {
                NumberKind kind = NumberKind::any;
                function.params.push_back(state.resolve_type(param.type, &kind).value_or(Type{}));
                function.param_scales.push_back(kind == NumberKind::percent ? Scale::points : Scale::plain);
            }
            function.local_count = static_cast<int>(fn.params.size());
            state.function_by_name[fn.name] = state.program.functions.push_back(std::move(function));
            state.function_declarations.push_back(&fn);
            state.function_progress.push_back(0);
        }
}

namespace {

// A variant's values must each replace a base value of the same name and entity.
void declare_variant(State& state, const ast::VariantDecl& variant) {
    VariantId index = state.variant_declarations.next_id();
    for (const auto* other : state.variant_declarations)
        if (other->name == variant.name)
            report_duplicate(state, "变体", variant.name, variant.name_span, other->name_span);
    state.variant_declarations.push_back(&variant);
    state.program.variants.push_back({variant.name, variant.name_span});
    for (const auto& value : variant.values) {
        EntityId entity;
        if (!value.of.name.empty()) {
            auto resolved = state.resolve_entity(value.of);
            if (!resolved) continue;
            entity = *resolved;
        }
        SymbolId symbol = state.find_symbol(entity, value.name);
        if (!symbol || !state.value_declarations.count(symbol)) {
            state.diagnostics.report(Code::variant_without_base, value.name_span,
                                     fmt::format("变体 {} 中的 {} 没有可替换的基础定义", variant.name, value.name),
                                     "变体只能替换方案中已有的 value");
            continue;
        }
        auto& list = state.overrides[symbol];
        for (const auto& [other, expr] : list)
            if (other == index) report_duplicate(state, "变体中的名称", value.name, value.name_span, std::nullopt);
        list.emplace_back(index, value.expr.get());
    }
}


}  // namespace

void declare_definitions(State& state, const std::vector<ast::Module>& modules) {
    auto declare = [&](const void* declaration, const std::string& name, Span span, const ast::EntityRef& of,
                       SymbolKind kind, std::vector<std::string> comments) -> SymbolId {
        EntityId entity;
        if (!of.name.empty()) {
            auto resolved = state.resolve_entity(of);
            if (!resolved) return SymbolId::none();
            entity = *resolved;
        }
        if (SymbolId first = state.find_symbol(entity, name)) {
            report_duplicate(state, "名称", name, span, state.program.symbols[first].span);
            return SymbolId::none();
        }
        Type type;
        if (kind == SymbolKind::rank) type.base = BaseType::number;
        SymbolId symbol = state.add_symbol({name, span, kind, entity, type, InputId::none(), std::move(comments)});
        state.declared_symbols[declaration] = symbol;
        return symbol;
    };
    for (const auto& module : modules) {
        for (std::size_t i = 0; i < module.values.size(); ++i) {
            SymbolId symbol = declare(&module.values[i], module.values[i].name, module.values[i].name_span,
                                      module.values[i].of, SymbolKind::value, comments_of(module, module.values[i].layout));
            if (symbol) state.value_declarations[symbol] = module.values[i].expr.get();
        }
        for (std::size_t i = 0; i < module.flags.size(); ++i) {
            const ast::FlagDecl& flag = module.flags[i];
            if (!flag.flag.named) continue;
            SymbolId symbol = declare(&flag, flag.flag.text, flag.flag.span, flag.of, SymbolKind::value,
                                      comments_of(module, flag.layout));
            if (symbol) state.value_declarations[symbol] = flag.when.get();
        }
        for (std::size_t i = 0; i < module.ranks.size(); ++i)
            declare(&module.ranks[i], module.ranks[i].name, module.ranks[i].name_span, module.ranks[i].of,
                    SymbolKind::rank, comments_of(module, module.ranks[i].layout));
        for (const auto& variant : module.variants) declare_variant(state, variant);
        for (std::size_t i = 0; i < module.grades.size(); ++i) {
            SymbolId symbol = declare(&module.grades[i], module.grades[i].name, module.grades[i].name_span,
                                      module.grades[i].of, SymbolKind::grade, comments_of(module, module.grades[i].layout));
            if (symbol) {
                auto& type = state.program.symbols[symbol].type;
                type.base = BaseType::text;
                type.grade = symbol;
                state.grade_declarations[symbol] = &module.grades[i];
            }
        }
    }
}

}  // namespace kaohe::checker
