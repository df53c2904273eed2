#include "runtime/results.hpp"

#include "runtime/expression_evaluator.hpp"
#include "runtime/row_failures.hpp"

namespace kaohe {
namespace {

Cell to_cell(const Value& value, bool integer) {
    Cell cell;
    switch (value.kind()) {
    case Value::Kind::number:
        cell.kind = integer ? Cell::Kind::integer : Cell::Kind::decimal;
        cell.text = value.number().to_decimal(integer ? 0 : 2);
        break;
    case Value::Kind::text:
        cell.kind = Cell::Kind::text;
        cell.text = value.text();
        break;
    case Value::Kind::boolean:
        cell.kind = Cell::Kind::boolean;
        cell.boolean = value.boolean();
        break;
    default: break;
    }
    return cell;
}

bool is_rank(const Program& program, const CheckedExpr& expr) {
    return expr.op == ExprOp::symbol && program.symbols[expr.symbol].kind == SymbolKind::rank;
}

// Each row's flags: its quota flags (grade by grade), then the flag rules in policy order.
std::vector<std::vector<std::string>> row_flags(const Program& program, const Tables& tables, EntityId entity) {
    const Table& table = tables.entities[entity];
    std::vector<std::vector<std::string>> flags(table.size());
    for (const auto& [grade, hits] : table.quota_flags)
        for (const auto& [row, text] : hits) flags[row].push_back(text);
    for (std::size_t i = 0; i < program.flags.size() && i < tables.rule_flags.size(); ++i)
        if (program.flags[i].entity == entity)
            for (const auto& [row, text] : tables.rule_flags[i]) flags[row].push_back(text);
    return flags;
}

// Decided once per output, not per row: which field is the components object, which ranks.
struct FieldKinds {
    std::vector<bool> components, integer;
    bool grouped = false;
};

FieldKinds field_kinds(const Program& program, const Output& output) {
    FieldKinds kinds;
    for (const OutputField& field : output.fields) {
        kinds.grouped = kinds.grouped || !field.group.empty();
        kinds.components.push_back(field.key == "components");
        kinds.integer.push_back(is_rank(program, *field.values.front()));
    }
    return kinds;
}

void fill_fields(const Output& output, const FieldKinds& kinds, const ExpressionEvaluator& evaluator,
                 const Context& context, ResultRow& result) {
    for (std::size_t f = 0; f < output.fields.size(); ++f) {
        const OutputField& field = output.fields[f];
        if (kinds.components[f]) {
            for (std::size_t i = 0; i < field.values.size(); ++i) {
                Value value = evaluator.evaluate(*field.values[i], context);
                if (value.kind() == Value::Kind::number) value = Value::of_number(value.number().round_half_up(2));
                result.components.emplace_back(field.names[i], to_cell(value, false));
                if (kinds.grouped) result.component_groups.push_back(field.group);
            }
            continue;
        }
        result.fields.emplace_back(field.key, to_cell(evaluator.evaluate(*field.values.front(), context),
                                                      kinds.integer[f]));
    }
}

}  // namespace

std::string cell_text(const Cell& cell) {
    if (cell.kind == Cell::Kind::boolean) return cell.boolean ? "是" : "否";
    return cell.text;
}

std::vector<ResultRow> collect_results(const Plan& plan, const RunState& state, const Tables& tables,
                                       std::vector<DataError>& errors) {
    const Program& program = *plan.program;
    ExpressionEvaluator evaluator(plan, state, tables);
    RowFailures failures(program, tables);
    std::vector<ResultRow> rows;
    for (const Output& output : program.outputs) {
        const Table& table = tables.entities[output.entity];
        std::vector<std::vector<std::string>> flags = row_flags(program, tables, output.entity);
        FieldKinds kinds = field_kinds(program, output);
        for (std::uint32_t position = 0; position < table.size(); ++position) {
            // in the document's order, also where binding regrouped the rows by parent
            std::uint32_t row = table.document_order.empty() ? position : table.document_order[position];
            ResultRow result{table.ids[row], output.kind, {}, {}, std::move(flags[row]), {}, output.entity, row};
            Context context{output.entity, row};
            failures.guard(output.entity, row, [&] { fill_fields(output, kinds, evaluator, context, result); });
            rows.push_back(std::move(result));
        }
    }
    errors.insert(errors.end(), failures.errors.begin(), failures.errors.end());
    return rows;
}

}  // namespace kaohe
