// kaohe template POLICY: the JSON skeleton of the data a policy reads — every array, row and
// field where the policy looks for it, with a placeholder value and, before each field, a
// "//field" note naming the policy's input, its type and its range — so staff know what to fill.
// Binding ignores the notes, so a filled-in skeleton is a data file as it stands.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"

namespace kaohe::cli {

namespace {

using Json = nlohmann::ordered_json;

struct TemplateOptions {
    std::string policy;
};

std::string kind_words(const InputSpec& spec, const Program& program) {
    if (spec.type.record) return "对象 " + program.records[spec.type.record].name;
    if (spec.type.enumeration) {
        std::string values;
        for (const auto& v : program.enums[spec.type.enumeration].values) values += (values.empty() ? "" : "、") + v;
        return "文本, 取 " + values + " 之一";
    }
    switch (spec.type.base) {
    case BaseType::boolean: return "true 或 false";
    case BaseType::text: return "文本";
    case BaseType::number: break;
    default: return "值";
    }
    std::string kind = spec.number_kind == NumberKind::percent ? "百分比"
                       : spec.number_kind == NumberKind::score ? "分数"
                       : spec.number_kind == NumberKind::count ? "非负整数"
                       : spec.number_kind == NumberKind::fraction ? "百分数 (写作 45 或 \"45%\")"
                                                                  : "数字";
    if (spec.low && spec.high) kind += fmt::format(", {} 到 {}", spec.low->to_string(), spec.high->to_string());
    else if (spec.low && !(spec.number_kind == NumberKind::count && spec.low->is_zero()))
        kind += fmt::format(", 不小于 {}", spec.low->to_string());
    return kind;
}

std::string note(const InputSpec& spec, const Program& program) {
    std::string text = spec.name + ": " + (spec.type.list ? "列表, 每项为 " : "") + kind_words(spec, program);
    if (spec.type.list && spec.nonempty) text += "; 至少一项";
    if (spec.optional) text += "; 可省略";
    if (spec.default_value) text += "; 参数, 省略时用方案中的默认值";
    return text;
}

Json placeholder(const InputSpec& spec, const Program& program);

Json record_object(const RecordType& record, const Program& program) {
    Json object = Json::object();
    for (const InputSpec& field : record.fields) {
        object["//" + field.json_key] = note(field, program);
        object[field.json_key] = placeholder(field, program);
    }
    return object;
}

Json scalar(const InputSpec& spec, const Program& program) {
    if (spec.type.record) return record_object(program.records[spec.type.record], program);
    if (spec.type.enumeration) return program.enums[spec.type.enumeration].values.front();
    if (spec.type.base == BaseType::boolean) return false;
    if (spec.type.base == BaseType::text) return "";
    Rational value = spec.default_value ? *spec.default_value : spec.low ? *spec.low : Rational(0);
    if (spec.number_kind == NumberKind::fraction) return (value * Rational(100)).to_string() + "%";
    return Json::parse(value.to_string());  // the exact digits, as a JSON number
}

Json placeholder(const InputSpec& spec, const Program& program) {
    if (!spec.type.list) return scalar(spec, program);
    return Json::array({scalar(spec, program)});
}

// Puts value (and its note) at a dotted path below object: 实施方案.实绩权重 is two levels.
void put(Json& object, const std::string& path, Json value, const std::string& text) {
    Json* at = &object;
    std::size_t start = 0;
    for (std::size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1) {
        Json& next = (*at)[path.substr(start, dot - start)];
        if (!next.is_object()) next = Json::object();
        at = &next;
    }
    std::string key = path.substr(start);
    (*at)["//" + key] = text;
    (*at)[key] = std::move(value);
}

// One sample row of an entity, with its inputs and one sample row of each entity inside it.
Json sample_row(EntityId entity, const Program& program, std::size_t array) {
    const EntityType& type = program.entities[entity];
    Json row = Json::object();
    row["//" + type.key_path] = type.name + " 的编号: 文本或整数, 不得重复";
    row[type.key_path] = fmt::format("{}-{}", type.name, array + 1);
    if (!type.parent_key.empty()) {
        const EntityType& parent = program.entities[type.parent];
        put(row, type.parent_key, fmt::format("{}-1", parent.name), "所属" + parent.name + "的编号");
    }
    for (SymbolId symbol : type.inputs) {
        const InputSpec& spec = program.inputs[program.symbols[symbol].input];
        if (spec.json_key.empty()) continue;  // an `as` flag: which array the row is in
        put(row, spec.json_key, placeholder(spec, program), note(spec, program));
    }
    for (EntityId child : program.entities.ids())
        if (program.entities[child].parent == entity && program.entities[child].parent_key.empty())
            for (std::size_t k = 0; k < program.entities[child].json_keys.size(); ++k)
                put(row, program.entities[child].json_keys[k], Json::array({sample_row(child, program, k)}),
                    program.entities[child].name + " 的数组");
    return row;
}

Json skeleton(const Program& program) {
    Json document = Json::object();
    for (SymbolId symbol : program.scheme_inputs) {
        const InputSpec& spec = program.inputs[program.symbols[symbol].input];
        if (!spec.json_key.empty()) put(document, spec.json_key, placeholder(spec, program), note(spec, program));
    }
    for (EntityId entity : program.entities.ids()) {
        const EntityType& type = program.entities[entity];
        if (type.parent && type.parent_key.empty()) continue;  // nested: written inside its parent's row
        for (std::size_t k = 0; k < type.json_keys.size(); ++k)
            put(document, type.json_keys[k], Json::array({sample_row(entity, program, k)}), type.name + " 的数组");
    }
    return document;
}

Exit write_template(const TemplateOptions& options) {
    LoadedProgram loaded;
    if (Exit exit = load_policy(options.policy, loaded, false); exit != success) return exit;
    std::cout << skeleton(*loaded.program).dump(1, ' ', false) << "\n";
    return success;
}

Action define(CLI::App& command) {
    auto options = std::make_shared<TemplateOptions>();
    command.add_option("POLICY", options->policy, "方案文件")->required();
    return [options] { return write_template(*options); };
}

}  // namespace

Command template_command() {
    return {
        .name = "template",
        .synopsis = "POLICY",
        .summary = "写出方案所需数据的 JSON 骨架, 供填写",
        .example = "template policies/longnan.kh > 数据.json",
        .details = "按方案 POLICY 读取数据的位置写出一个 JSON 骨架: 每个数组一行示例, 每个字段一个占位值,\n"
                   "字段前的 \"//字段名\" 说明它是方案中的哪个输入、类型和取值范围。kaohe 读数据时忽略这些说明,\n"
                   "填好后即可直接用 kaohe run 计算。\n",
        .define = define,
    };
}

}  // namespace kaohe::cli
