#include "runtime/bind.hpp"

#include <fmt/format.h>

#include "runtime/expression_evaluator.hpp"

namespace kaohe {
namespace {

const JsonNode* find_path(const JsonNode& object, const std::string& dotted) {
    const JsonNode* node = &object;
    std::size_t start = 0;
    while (node) {
        std::size_t dot = dotted.find('.', start);
        if (node->kind != JsonNode::Kind::object) return nullptr;
        node = node->find(std::string_view(dotted).substr(start, dot == std::string::npos ? dot : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return node;
}

const char* kind_name(NumberKind kind) {
    switch (kind) {
    case NumberKind::percent: return "百分比";
    case NumberKind::score: return "分数";
    case NumberKind::count: return "非负整数";
    default: return "数字";
    }
}

class Binder {
public:
    Binder(const Plan& plan, const JsonNode& document, BindResult& result)
        : plan_(plan), program_(*plan.program), document_(document), result_(result), evaluator_(plan, result.tables) {}

    void run() {
        if (document_.kind != JsonNode::Kind::object) {
            result_.errors.push_back({"", "$", "数据文件应为一个 JSON 对象, 这里是" + document_.describe(), std::nullopt});
            return;
        }
        Tables& tables = result_.tables;
        tables.entities.resize(program_.entities.size());
        tables.scheme_slots.resize(plan_.scheme_slot_count);
        objects_.resize(program_.entities.size());
        for (int symbol : program_.scheme_inputs) {
            const InputSpec& spec = program_.inputs[program_.symbols[symbol].input];
            tables.scheme_slots[plan_.column_of_symbol[symbol]] =
                bind_input(spec, find_path(document_, spec.json_key), "$." + spec.json_key);
        }
        for (std::size_t e = 0; e < program_.entities.size(); ++e) bind_entity(static_cast<int>(e));
        for (std::size_t e = 0; e < program_.entities.size(); ++e) build_ranges(static_cast<int>(e));
    }

private:
    const Plan& plan_;
    const Program& program_;
    const JsonNode& document_;
    BindResult& result_;
    ExpressionEvaluator evaluator_;
    std::vector<std::vector<const JsonNode*>> objects_;  // per entity, the JSON object of each row
    std::string current_entity_;

    void error(const std::string& path, std::string message) {
        result_.errors.push_back({current_entity_, path, std::move(message), std::nullopt});
    }

    void bind_entity(int entity) {
        const EntityType& type = program_.entities[entity];
        Table& table = result_.tables.entities[entity];
        table.columns.resize(plan_.column_count[entity]);
        auto bind_array = [&](const JsonNode* parent_object, std::uint32_t parent_row, const std::string& parent_path) {
            if (!parent_object) return;  // the parent row was not an object: already reported
            std::string path = parent_path + "." + type.json_key;
            const JsonNode* array = find_path(*parent_object, type.json_key);
            current_entity_ = parent_row == UINT32_MAX ? ""
                                                       : row_label(program_, result_.tables, type.parent, parent_row);
            if (!array) return error(path, fmt::format("缺少字段 (应为 {} 的数组)", type.name));
            if (array->kind != JsonNode::Kind::array)
                return error(path, fmt::format("应为 {} 的数组, 这里是{}", type.name, array->describe()));
            for (std::size_t i = 0; i < array->elements.size(); ++i)
                bind_row(entity, array->elements[i], parent_row, static_cast<std::uint32_t>(i), path);
        };
        if (type.parent < 0) {
            bind_array(&document_, UINT32_MAX, "$");
        } else {
            const Table& parent = result_.tables.entities[type.parent];
            for (std::uint32_t p = 0; p < parent.size(); ++p)
                bind_array(objects_[type.parent][p], p, row_path(program_, result_.tables, type.parent, p));
        }
    }

    void bind_row(int entity, const JsonNode& object, std::uint32_t parent_row, std::uint32_t index,
                  const std::string& array_path) {
        const EntityType& type = program_.entities[entity];
        Table& table = result_.tables.entities[entity];
        std::string path = fmt::format("{}[{}]", array_path, index);
        std::string id;
        const JsonNode* id_node = object.kind == JsonNode::Kind::object ? find_path(object, type.key_path) : nullptr;
        if (id_node && id_node->kind == JsonNode::Kind::string) id = id_node->text;
        else if (id_node && id_node->kind == JsonNode::Kind::number) id = id_node->text;
        auto row = static_cast<std::uint32_t>(table.size());
        table.parent_row.push_back(parent_row);
        table.array_index.push_back(index);
        table.ids.push_back(id);
        table.flags.emplace_back();
        for (auto& column : table.columns) column.emplace_back();
        objects_[entity].push_back(&object);
        current_entity_ = row_label(program_, result_.tables, entity, row);
        if (object.kind != JsonNode::Kind::object) {
            objects_[entity].back() = nullptr;
            return error(path, fmt::format("应为一个 {} 对象, 这里是{}", type.name, object.describe()));
        }
        if (!id_node) error(path + "." + type.key_path, "缺少编号字段");
        else if (id.empty()) error(path + "." + type.key_path, "编号应为非空字符串或数字, 这里是" + id_node->describe());
        for (int symbol : type.inputs) {
            const InputSpec& spec = program_.inputs[program_.symbols[symbol].input];
            table.columns[plan_.column_of_symbol[symbol]][row] =
                bind_input(spec, find_path(object, spec.json_key), path + "." + spec.json_key);
        }
    }

    Value bind_input(const InputSpec& spec, const JsonNode* node, const std::string& path) {
        if (!node || node->kind == JsonNode::Kind::null) {
            if (spec.optional) return spec.type.list ? Value::of_items(Value::Kind::list, {}) : Value::of_text("");
            error(path, node ? "不能为 null" : "缺少字段");
            return {};
        }
        if (!spec.type.list) return bind_scalar(spec, *node, path);
        if (node->kind != JsonNode::Kind::array) {
            error(path, "应为数组, 这里是" + node->describe());
            return {};
        }
        if (spec.nonempty && node->elements.empty()) error(path, "至少应有一项, 这里是空数组");
        std::vector<Value> items;
        for (std::size_t i = 0; i < node->elements.size(); ++i)
            items.push_back(bind_scalar(spec, node->elements[i], fmt::format("{}[{}]", path, i)));
        return Value::of_items(Value::Kind::list, std::move(items));
    }

    Value bind_scalar(const InputSpec& spec, const JsonNode& node, const std::string& path) {
        switch (spec.type.base) {
        case BaseType::number: return bind_number(spec, node, path);
        case BaseType::text:
            if (node.kind != JsonNode::Kind::string) error(path, "应为字符串, 这里是" + node.describe());
            return Value::of_text(node.text);
        case BaseType::boolean:
            if (node.kind != JsonNode::Kind::boolean) error(path, "应为 true 或 false, 这里是" + node.describe());
            return Value::of_bool(node.boolean);
        case BaseType::record: return bind_record(program_.records[spec.type.record], node, path);
        default: return {};
        }
    }

    Value bind_number(const InputSpec& spec, const JsonNode& node, const std::string& path) {
        std::string wanted = kind_name(spec.number_kind);
        if (spec.low && spec.high) wanted += fmt::format(" ({} 到 {})", spec.low->to_string(), spec.high->to_string());
        else if (spec.low && spec.number_kind == NumberKind::any) wanted += fmt::format(" (不小于 {})", spec.low->to_string());
        if (node.kind != JsonNode::Kind::number) {
            error(path, fmt::format("应为{}, 这里是{}", wanted, node.describe()));
            return {};
        }
        const Rational& n = node.number;
        bool in_range = (!spec.low || n >= *spec.low) && (!spec.high || n <= *spec.high);
        if (spec.number_kind == NumberKind::count) in_range = in_range && n.is_integer();
        if (!in_range) error(path, fmt::format("应为{}, 这里是 {}", wanted, node.text));
        return Value::of_number(n);
    }

    Value bind_record(const RecordType& record, const JsonNode& node, const std::string& path) {
        if (node.kind != JsonNode::Kind::object) {
            error(path, fmt::format("应为 {} 对象, 这里是{}", record.name, node.describe()));
            return {};
        }
        std::size_t errors_before = result_.errors.size();
        std::vector<Value> fields;
        for (const auto& field : record.fields)
            fields.push_back(bind_input(field, find_path(node, field.json_key), path + "." + field.json_key));
        Value value = Value::of_items(Value::Kind::record, fields);
        if (result_.errors.size() != errors_before) return value;  // requirements need sound fields
        for (const auto& requirement : record.requirements) {
            try {
                if (!evaluator_.condition(*requirement.condition, Context{-1, 0, &fields}))
                    error(path, requirement.message);
            } catch (const EvaluationFailure& failure) {
                error(path, requirement.message + " (" + failure.message + ")");
            }
        }
        return value;
    }

    void build_ranges(int entity) {
        Table& table = result_.tables.entities[entity];
        table.ranges.resize(program_.entities.size());
        for (int ancestor : plan_.ancestors[entity]) {
            auto& ranges = table.ranges[ancestor];
            ranges.assign(result_.tables.entities[ancestor].size(), RowRange{0, 0});
            std::vector<bool> seen(ranges.size(), false);
            for (std::uint32_t row = 0; row < table.size(); ++row) {
                // climb from this row to its row of `ancestor`
                std::uint32_t up_row = table.parent_row[row];
                for (int e = program_.entities[entity].parent; e != ancestor; e = program_.entities[e].parent)
                    up_row = result_.tables.entities[e].parent_row[up_row];
                if (!seen[up_row]) ranges[up_row] = {row, row};
                seen[up_row] = true;
                ranges[up_row].second = row + 1;
            }
        }
    }
};

}  // namespace

BindResult bind_data(const Plan& plan, const JsonNode& document) {
    BindResult result;
    Binder(plan, document, result).run();
    return result;
}

}  // namespace kaohe
