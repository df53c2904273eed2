// --format json: written directly rather than through a JSON tree, because results can be tens
// of thousands of rows and the contract's shape is fixed.
#include <fmt/format.h>

#include "cli/formats/formats.hpp"
#include "base/json_string.hpp"

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

}  // namespace

std::string render_json(const std::vector<ResultRow>& rows) {
    std::string out = "{\n \"results\": [";
    auto key = [&](std::string_view name, int indent) {
        out += "\n" + std::string(indent, ' ');
        append_json_string(out, name);
        out += ": ";
    };
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const ResultRow& row = rows[r];
        out += r ? ",\n  {" : "\n  {";
        key("id", 3);
        append_json_string(out, row.id);
        out += ",";
        key("entity", 3);
        append_json_string(out, row.kind);
        bool has_grade = false;
        for (const auto& [name, cell] : row.fields) {
            out += ",";
            key(name, 3);
            append_cell(out, cell);
            has_grade = has_grade || name == "grade";
        }
        if (!has_grade) {  // the contract always has a grade, null when the scheme has none
            out += ",";
            key("grade", 3);
            out += "null";
        }
        out += ",";
        key("flags", 3);
        out += "[";
        for (std::size_t f = 0; f < row.flags.size(); ++f) {
            if (f) out += ", ";
            append_json_string(out, row.flags[f]);
        }
        out += "]";
        if (!row.components.empty()) {
            out += ",";
            key("components", 3);
            out += "{";
            // A named group is a nested object; its components are next to each other in the row.
            std::string_view open_group;
            for (std::size_t c = 0; c < row.components.size(); ++c) {
                std::string_view group = row.component_groups.empty() ? std::string_view() : row.component_groups[c];
                if (group != open_group && !open_group.empty()) out += "\n    }";
                if (c) out += ",";
                if (group != open_group && !group.empty()) {
                    key(group, 4);
                    out += "{";
                }
                open_group = group;
                key(row.components[c].first, group.empty() ? 4 : 5);
                append_cell(out, row.components[c].second);
            }
            if (!open_group.empty()) out += "\n    }";
            out += "\n   }";
        }
        out += "\n  }";
    }
    out += rows.empty() ? "]\n}\n" : "\n ]\n}\n";
    return out;
}

std::string render_json(const std::vector<ResultRow>& rows, const Provenance& provenance) {
    std::string out = render_json(rows);
    out.resize(out.size() - 3);  // reopen the object: drop "\n}\n" after the results' "]"
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
    out += "}\n }\n}\n";
    return out;
}

}  // namespace kaohe::cli
