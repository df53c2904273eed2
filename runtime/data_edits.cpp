#include "runtime/data_edits.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/json_string.hpp"
#include "base/utf8.hpp"
#include "lang/diagnostics.hpp"
#include "runtime/data_error.hpp"
#include "runtime/row_lookup.hpp"

namespace kaohe {
namespace {

// The JSON object a row was read from: its array below the parent's object (or the document
// root, for a top-level entity or one joined to its parent by key), at the row's index.
JsonValue row_object(const Program& program, const Tables& tables, const JsonDocument& document, EntityId entity,
                     std::uint32_t row) {
    const EntityType& type = program.entities[entity];
    const Table& table = tables.entities[entity];
    JsonValue container = !type.parent || !type.parent_key.empty()
                              ? document.root()
                              : row_object(program, tables, document, type.parent, table.parent_row[row]);
    JsonValue element = find_path(container, type.json_keys[table.array_of_row.empty() ? 0 : table.array_of_row[row]]).first();
    for (std::uint32_t i = 0; i < table.array_index[row] && element.exists(); ++i) element = element.next();
    return element;
}

// `name` or `name.…` or `name[…`: the part of `rest` after it, or nullopt.
std::optional<std::string_view> after_name(std::string_view rest, std::string_view name) {
    if (name.empty() || !rest.starts_with(name)) return std::nullopt;
    rest.remove_prefix(name.size());
    if (!rest.empty() && rest.front() != '.' && rest.front() != '[') return std::nullopt;
    return rest;
}

const InputSpec* match_input(const std::vector<const InputSpec*>& specs, std::string_view& rest, std::size_t& which) {
    const InputSpec* best = nullptr;
    std::string_view best_rest;
    for (std::size_t i = 0; i < specs.size(); ++i)
        for (std::string_view name : {std::string_view(specs[i]->name), std::string_view(specs[i]->json_key)})
            if (auto left = after_name(rest, name); left && (!best || left->size() < best_rest.size())) {
                best = specs[i];
                best_rest = *left;
                which = i;
            }
    if (best) rest = best_rest;
    return best;
}

std::string_view table_id(const Tables& tables, EntityId entity, std::uint32_t row) { return tables.entities[entity].ids[row]; }

std::vector<std::string> names_of(const std::vector<const InputSpec*>& specs) {
    std::vector<std::string> names;
    for (const InputSpec* spec : specs) names.push_back(spec->name);
    return names;
}

}  // namespace

bool parse_data_edit(std::string_view text, DataEdit& out) {
    return split_assignment(text, out.target, out.value);
}

std::string value_as_json(std::string_view value) {
    std::string error;
    if (!value.empty() && JsonDocument::parse(std::string(value), error)) return std::string(value);
    std::string quoted;
    append_json_string(quoted, value);
    return quoted;
}

namespace {

// Where an input of a row (or of the document, `container` its root) is in the document: below
// the object, through the dotted key's objects; then `rest`: a record's field or a list's element.
void locate(const Program& program, DataPlace& place, JsonValue container, const InputSpec& spec, std::string_view rest) {
    std::string_view key = spec.json_key;
    for (auto dot = key.find('.'); dot != std::string_view::npos; dot = key.find('.')) {
        container = container.find(key.substr(0, dot));
        place.path += "." + std::string(key.substr(0, dot));
        key.remove_prefix(dot + 1);
        if (!container.is(JsonValue::Kind::object)) {
            place.error = fmt::format("数据中 {} 不是对象, 无法设置 {}", place.path, spec.name);
            return;
        }
    }
    place.path += "." + std::string(key);
    place.edit = {container, std::string(key), 0, {}};
    if (rest.empty()) return;

    JsonValue value = container.find(key);
    if (spec.type.base == BaseType::record && !spec.type.list && rest.front() == '.') {
        const RecordType& record = program.records[spec.type.record];
        std::vector<const InputSpec*> fields;
        for (const InputSpec& field : record.fields) fields.push_back(&field);
        rest.remove_prefix(1);
        std::size_t field = 0;
        const InputSpec* field_spec = match_input(fields, rest, field);
        if (!field_spec || !rest.empty()) {
            place.error = fmt::format("{} ({}) 没有字段 {}; 它的字段有 {}", spec.name, record.name, rest,
                                      fmt::join(names_of(fields), "、"));
            return;
        }
        if (!value.is(JsonValue::Kind::object)) {
            place.error = fmt::format("数据中 {} 不是 {} 对象, 无法只设置其中一项", place.path, record.name);
            return;
        }
        place.field = FieldIndex(static_cast<std::uint32_t>(field));
        place.path += "." + field_spec->json_key;
        place.edit = {value, field_spec->json_key, 0, {}};
        return;
    }
    unsigned index = 0;
    char close = 0;
    if (spec.type.list && !rest.starts_with("[-") &&
        std::sscanf(std::string(rest).c_str(), "[%u%c", &index, &close) == 2 && close == ']' &&
        rest.find(']') == rest.size() - 1 && rest.size() <= 12) {
        if (!value.is(JsonValue::Kind::array) || index >= value.size()) {
            place.error = fmt::format("数据中 {} 没有第 {} 项 (从 0 数起; 共 {} 项)", place.path, index,
                                      value.is(JsonValue::Kind::array) ? value.size() : 0);
            return;
        }
        place.element = index;
        place.path += fmt::format("[{}]", index);
        place.edit = {value, {}, index, {}};
        return;
    }
    place.error = fmt::format("{} 之后的 {} 无法理解: 记录的字段写作 .字段, 列表的一项写作 [序号], 从 0 数起", spec.name, rest);
}

// `rest` is INPUT… of the row, or CHILD_ID.INPUT… of a row below it (households' ids repeat
// from village to village: GD-00001.H0001.纸电一致 names one).
void place_in_row(const Plan& plan, const Tables& tables, const JsonDocument& document, DataPlace& place,
                  EntityId entity, std::uint32_t row, std::string_view rest) {
    const Program& program = *plan.program;
    const EntityType& type = program.entities[entity];
    place.entity = entity;
    place.row = row;
    place.path = row_path(program, tables, entity, row);
    std::vector<const InputSpec*> specs;
    for (SymbolId s : type.inputs) specs.push_back(&program.inputs[program.symbols[s].input]);
    std::size_t which = 0;
    std::string_view left = rest;
    if (const InputSpec* spec = match_input(specs, left, which)) {
        place.input = type.inputs[which];
        return locate(program, place, row_object(program, tables, document, entity, row), *spec, left);
    }
    for (EntityId child : program.entities.ids()) {
        const auto& up = plan.ancestors[child];
        if (std::find(up.begin(), up.end(), entity) == up.end()) continue;
        const Table& table = tables.entities[child];
        auto [begin, end] = table.ranges[entity][row];
        for (std::uint32_t r = begin; r < end; ++r)
            if (const std::string& id = table.ids[r]; !id.empty() && rest.starts_with(id) && rest.size() > id.size() && rest[id.size()] == '.')
                return place_in_row(plan, tables, document, place, child, r, rest.substr(id.size() + 1));
    }
    place.error = fmt::format("{} {} 没有输入 {}; 它的输入有 {}", type.name, table_id(tables, entity, row), rest,
                              fmt::join(names_of(specs), "、"));
    if (rest.empty()) place.error = fmt::format("缺少输入的名称: 写作 {}.输入=值; {} 的输入有 {}", table_id(tables, entity, row),
                                                type.name, fmt::join(names_of(specs), "、"));
    if (std::string closest = closest_name(std::string(rest.substr(0, rest.find_first_of(".["))), names_of(specs));
        !closest.empty())
        place.hint = "是否指 " + closest + "？";
}

}  // namespace

DataPlace resolve_data_place(const Plan& plan, const Tables& tables, const JsonDocument& document, std::string_view target) {
    const Program& program = *plan.program;
    DataPlace place;
    // A scheme-level input (not a parameter: --set sets those) has no id: 奖励资金=5000.
    for (SymbolId s : program.scheme_inputs) {
        const InputSpec& spec = program.inputs[program.symbols[s].input];
        std::string_view rest = target;
        std::size_t which = 0;
        if (spec.default_value || !match_input({&spec}, rest, which)) continue;
        place.input = s;
        place.path = "$";
        locate(program, place, document.root(), spec, rest);
        return place;
    }
    // The row: the longest id the target starts with, followed by a dot (ids may hold dots).
    std::vector<std::pair<EntityId, std::uint32_t>> rows;
    std::size_t id_length = 0;
    for (EntityId e : program.entities.ids()) {
        const Table& table = tables.entities[e];
        for (std::uint32_t row = 0; row < table.size(); ++row) {
            const std::string& id = table.ids[row];
            if (id.empty() || id.size() < id_length || !target.starts_with(id) || target.size() <= id.size() ||
                target[id.size()] != '.')
                continue;
            if (id.size() > id_length) rows.clear();
            id_length = id.size();
            rows.emplace_back(e, row);
        }
    }
    if (rows.empty()) {
        std::string_view id = target.substr(0, target.find('.'));
        if (!find_rows(program, tables, target).empty()) place.error = fmt::format("缺少输入的名称: 写作 {}.输入=值", target);
        else {
            place.error = fmt::format("数据中没有编号为 {} 的对象 (写作 编号.输入=值)", id);
            if (std::string closest = closest_name(std::string(id), all_ids(tables, most_ids_for_a_hint)); !closest.empty())
                place.hint = "是否指 " + closest + "？";
        }
        return place;
    }
    if (rows.size() > 1) {
        std::vector<std::string> paths;
        for (std::size_t i = 0; i < rows.size() && i < 3; ++i) paths.push_back(row_path(program, tables, rows[i].first, rows[i].second));
        const EntityType& type = program.entities[rows.front().first];
        place.error = fmt::format("编号 {} 有 {} 个对象 ({}{}), 无法确定是哪一个{}", target.substr(0, id_length), rows.size(),
                                  fmt::join(paths, "、"), rows.size() > 3 ? " …" : "",
                                  type.parent ? fmt::format("; 请在前面加上所属 {} 的编号: {}.{}", program.entities[type.parent].name,
                                                            tables.entities[type.parent].ids[tables.entities[rows.front().first].parent_row[rows.front().second]],
                                                            target)
                                              : std::string());
        return place;
    }
    place_in_row(plan, tables, document, place, rows.front().first, rows.front().second, target.substr(id_length + 1));
    return place;
}

}  // namespace kaohe
