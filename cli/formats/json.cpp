// --format json: written directly rather than through a JSON tree, because results can be tens
// of thousands of rows and the contract's shape is fixed.
#include <fmt/format.h>

#include "cli/formats/formats.hpp"
#include "base/json_string.hpp"
#include "base/parallel.hpp"

namespace kaohe::cli {

namespace {

// Decimals are strings so that no reader turns 86.015 into a double.
void append_cell(std::string& out, const Cell& cell) {
    switch (cell.kind) {
    case Cell::Kind::integer: out += cell.text; break;
    case Cell::Kind::decimal:
    case Cell::Kind::text: append_json_string(out, cell.text); break;
    case Cell::Kind::boolean: out += cell.boolean ? "true" : "false"; break;
    case Cell::Kind::null: out += "null"; break;
    }
}


void append_key(std::string& out, std::string_view name, int indent) {
    out += '\n';
    out.append(static_cast<std::size_t>(indent), ' ');
    append_json_string(out, name);
    out += ": ";
}

// One element of "results", after a comma unless it is the first.
void append_result(std::string& out, const ResultRow& row, bool first) {
    out += first ? "\n  {" : ",\n  {";
    append_key(out, "id", 3);
    append_json_string(out, row.id);
    out += ",";
    append_key(out, "entity", 3);
    append_json_string(out, row.kind);
    bool has_grade = false;
    for (const auto& [name, cell] : row.fields) {
        out += ",";
        append_key(out, name, 3);
        append_cell(out, cell);
        has_grade = has_grade || name == "grade";
    }
    if (!has_grade) {  // the contract always has a grade, null when the scheme has none
        out += ",";
        append_key(out, "grade", 3);
        out += "null";
    }
    out += ",";
    append_key(out, "flags", 3);
    out += "[";
    for (std::size_t f = 0; f < row.flags.size(); ++f) {
        if (f) out += ", ";
        append_json_string(out, row.flags[f]);
    }
    out += "]";
    if (!row.components.empty()) {
        out += ",";
        append_key(out, "components", 3);
        out += "{";
        // A named group is a nested object; its components are next to each other in the row.
        std::string_view open_group;
        for (std::size_t c = 0; c < row.components.size(); ++c) {
            std::string_view group = row.component_groups.empty() ? std::string_view() : row.component_groups[c];
            if (group != open_group && !open_group.empty()) out += "\n    }";
            if (c) out += ",";
            if (group != open_group && !group.empty()) {
                append_key(out, group, 4);
                out += "{";
            }
            open_group = group;
            append_key(out, row.components[c].first, group.empty() ? 4 : 5);
            append_cell(out, row.components[c].second);
        }
        if (!open_group.empty()) out += "\n    }";
        out += "\n   }";
    }
    out += "\n  }";
}

constexpr std::string_view results_open = "{\n \"results\": [";

std::string_view results_close(bool empty) { return empty ? "]" : "\n ]"; }

void append_provenance(std::string& out, const Provenance& provenance) {
    auto string = [&](std::string_view text) { append_json_string(out, text); };
    out += ",\n \"provenance\": {\n  \"scheme\": ";
    string(provenance.scheme);
    out += ",\n  \"version\": ";
    string(provenance.version);
    out += ",\n  \"kaohe\": ";
    string(KAOHE_VERSION);
    out += ",\n  \"policy\": [";
    for (std::size_t i = 0; i < provenance.policy_files.size(); ++i) {
        out += i ? ", {\"file\": " : "{\"file\": ";
        string(provenance.policy_files[i].first);
        out += ", \"sha256\": ";
        string(provenance.policy_files[i].second);
        out += "}";
    }
    out += "],\n  \"data\": {\"file\": ";
    string(provenance.data_file);
    out += ", \"sha256\": ";
    string(provenance.data_sha256);
    if (!provenance.data_edits.empty()) {
        out += ", \"edits\": [";
        for (std::size_t i = 0; i < provenance.data_edits.size(); ++i) {
            if (i) out += ", ";
            string(provenance.data_edits[i]);
        }
        out += "]";
    }
    out += "},\n  \"parameters\": {";
    for (std::size_t i = 0; i < provenance.parameters.size(); ++i) {
        if (i) out += ", ";
        string(provenance.parameters[i].first);
        out += ": ";
        string(provenance.parameters[i].second);
    }
    out += "}\n }";
}

}  // namespace

std::string render_json(const std::vector<ResultRow>& rows) {
    std::string out(results_open);
    for (std::size_t r = 0; r < rows.size(); ++r) append_result(out, rows[r], r == 0);
    out += results_close(rows.empty());
    out += "\n}\n";
    return out;
}

std::string render_json(const std::vector<ResultRow>& rows, const Provenance& provenance) {
    std::string out(results_open);
    for (std::size_t r = 0; r < rows.size(); ++r) append_result(out, rows[r], r == 0);
    out += results_close(rows.empty());
    append_provenance(out, provenance);
    out += "\n}\n";
    return out;
}

std::vector<std::string> render_json(const ResultReader& reader, const Provenance& provenance,
                                     std::vector<DataError>& errors) {
    std::size_t chunks = chunk_count(reader.size());
    std::vector<std::string> pieces(chunks + 2);  // the opening, a piece per chunk, the rest
    std::vector<std::vector<DataError>> failures(chunks);
    for_chunks(reader.size(), [&](std::size_t chunk, std::size_t begin, std::size_t end) {
        ResultReader::Cursor cursor = reader.cursor();
        std::string& out = pieces[chunk + 1];
        constexpr std::size_t sample = 32;  // rows read before the piece's size is guessed from them
        for (std::size_t position = begin; position < end; ++position) {
            if (position == begin + sample) out.reserve(out.size() / sample * (end - begin) * 9 / 8);
            if (reader.read(position, cursor) && cursor.failures.errors.empty())
                append_result(out, cursor.row, position == 0);
        }
        failures[chunk] = std::move(cursor.failures.errors);
    });
    for (auto& chunk_errors : failures) errors.insert(errors.end(), chunk_errors.begin(), chunk_errors.end());
    if (!errors.empty()) return {};
    pieces.front() = results_open;
    pieces.back() = results_close(reader.size() == 0);
    append_provenance(pieces.back(), provenance);
    pieces.back() += "\n}\n";
    return pieces;
}

}  // namespace kaohe::cli
