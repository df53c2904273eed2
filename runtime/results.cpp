#include "runtime/results.hpp"

#include <algorithm>

namespace kaohe {
namespace {

void set_cell(Cell& cell, const Value& value, bool integer) {
    cell.kind = Cell::Kind::null;
    cell.text.clear();
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
}

bool is_rank(const Program& program, const CheckedExpr& expr) {
    return expr.op == ExprOp::symbol && program.symbols[expr.symbol].kind == SymbolKind::rank;
}

}  // namespace

std::string cell_text(const Cell& cell) {
    if (cell.kind == Cell::Kind::boolean) return cell.boolean ? "是" : "否";
    return cell.text;
}

ResultReader::ResultReader(const Plan& plan, const RunState& state, const Tables& tables)
    : plan_(plan), state_(state), tables_(tables) {
    const Program& program = *plan.program;
    starts_.push_back(0);
    for (const Output& output : program.outputs) {
        OutputPlan& out = outputs_.emplace_back();
        for (const OutputField& field : output.fields) {
            out.grouped = out.grouped || !field.group.empty();
            out.components.push_back(field.key == "components");
            out.integer.push_back(is_rank(program, *field.values.front()));
        }
        const Table& table = tables.entities[output.entity];
        // Flags are few: gather (row, text) from each source in order, then sort by row, stably.
        std::vector<std::pair<std::uint32_t, std::string_view>> hits;
        for (const auto& [grade, grade_hits] : table.quota_flags)
            for (const auto& [row, text] : grade_hits) hits.emplace_back(row, text);
        for (std::size_t i = 0; i < program.flags.size() && i < tables.rule_flags.size(); ++i)
            if (program.flags[i].entity == output.entity)
                for (const auto& [row, text] : tables.rule_flags[i]) hits.emplace_back(row, text);
        std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        out.flag_starts.assign(table.size() + 1, 0);
        for (const auto& hit : hits) ++out.flag_starts[hit.first + 1];
        for (std::size_t row = 0; row < table.size(); ++row) out.flag_starts[row + 1] += out.flag_starts[row];
        for (const auto& hit : hits) out.flags.push_back(hit.second);
        starts_.push_back(starts_.back() + table.size());
    }
}

ResultReader::Cursor ResultReader::cursor() const {
    return Cursor{ExpressionEvaluator(plan_, state_, tables_), RowFailures(*plan_.program, tables_), ResultRow{}};
}

bool ResultReader::read(std::size_t position, Cursor& cursor) const {
    auto o = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), position) - starts_.begin()) - 1;
    const Output& output = plan_.program->outputs[o];
    const OutputPlan& out = outputs_[o];
    const Table& table = tables_.entities[output.entity];
    auto position_in_table = static_cast<std::uint32_t>(position - starts_[o]);
    // in the document's order, also where binding regrouped the rows by parent
    std::uint32_t row = table.document_order.empty() ? position_in_table : table.document_order[position_in_table];
    ResultRow& result = cursor.row;
    result.id = table.ids[row];
    result.kind = output.kind;
    result.entity = output.entity;
    result.row = row;
    result.flags.assign(out.flags.begin() + out.flag_starts[row], out.flags.begin() + out.flag_starts[row + 1]);
    result.fields.clear();
    result.components.clear();
    result.component_groups.clear();
    Context context{output.entity, row};
    return cursor.failures.guard(output.entity, row, [&] {
        for (std::size_t f = 0; f < output.fields.size(); ++f) {
            const OutputField& field = output.fields[f];
            if (!out.components[f]) {
                result.fields.emplace_back(field.key, Cell{});
                set_cell(result.fields.back().second, cursor.evaluator.evaluate(*field.values.front(), context),
                         out.integer[f]);
                continue;
            }
            for (std::size_t i = 0; i < field.values.size(); ++i) {
                Value value = cursor.evaluator.evaluate(*field.values[i], context);
                if (value.kind() == Value::Kind::number) value = Value::of_number(value.number().round_half_up(2));
                result.components.emplace_back(field.names[i], Cell{});
                set_cell(result.components.back().second, value, false);
                if (out.grouped) result.component_groups.push_back(field.group);
            }
        }
    });
}

std::vector<ResultRow> collect_results(const Plan& plan, const RunState& state, const Tables& tables,
                                       std::vector<DataError>& errors) {
    ResultReader reader(plan, state, tables);
    ResultReader::Cursor cursor = reader.cursor();
    std::vector<ResultRow> rows;
    rows.reserve(reader.size());
    for (std::size_t position = 0; position < reader.size(); ++position) {
        reader.read(position, cursor);  // a failed row is kept too: the errors say none may be shown
        rows.push_back(cursor.row);
    }
    errors.insert(errors.end(), cursor.failures.errors.begin(), cursor.failures.errors.end());
    return rows;
}

}  // namespace kaohe
