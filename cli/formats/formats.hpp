// The output formats for results, one file each (json.cpp, table.cpp, csv.cpp), and the
// table of them: --format's choices, its validation and its help lines all come from
// formats(), so a new format is one file and one row.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/results.hpp"

namespace kaohe::cli {

struct Format {
    std::string_view name;     // what --format takes
    std::string_view summary;  // its line in `kaohe run --help`
    std::string (*render)(const std::vector<ResultRow>& rows);
};

// In help order; the first is the default.
std::span<const Format> formats();
const Format* find_format(std::string_view name);  // nullptr when there is none by that name
// The names joined, "table|json|csv" for a synopsis or "table、json、csv" for a message.
std::string format_names(std::string_view separator);

// What a run with no rows to output says: the table prints it, the machine formats stay valid
// (an empty list, a header) and `run` says it on standard error.
inline constexpr std::string_view no_rows = "没有考核对象 (数据中没有任何要输出的行)";

// Where a run's results come from: `run --format json` records it beside the results, so a
// result can be traced to the exact scheme, files, parameters and kaohe that made it.
struct Provenance {
    std::string scheme;                                          // the scheme's name
    std::string version;                                         // its year, as the policy writes it
    std::vector<std::pair<std::string, std::string>> policy_files;  // each file read (modules too), SHA-256
    std::string data_file, data_sha256;
    std::vector<std::pair<std::string, std::string>> parameters;    // each parameter's value in force
    std::vector<std::string> data_edits = {};                       // --set-data, as given: the data file's changed values
};

// The SCHEMES.md contract: {"results": [...]}, scores as decimal strings; with a provenance,
// also {"provenance": {"scheme", "version", "kaohe", "policy": [{"file", "sha256"}…], "data": {"file",
// "sha256"[, "edits": ["ID.INPUT=VALUE"…]]}, "parameters": {name: value}}}.
std::string render_json(const std::vector<ResultRow>& rows);
std::string render_json(const std::vector<ResultRow>& rows, const Provenance& provenance);
// The same bytes, streamed from an evaluated run on every core (base/parallel.hpp), in pieces to
// be written one after another; none, with `errors`, when an output field failed on a row.
std::vector<std::string> render_json(const ResultReader& reader, const Provenance& provenance,
                                     std::vector<DataError>& errors);
// Aligned columns for people; a Chinese character takes two cells.
std::string render_table(const std::vector<ResultRow>& rows);
// UTF-8 with a byte order mark and CRLF line ends, as spreadsheets expect.
std::string render_csv(const std::vector<ResultRow>& rows);

}  // namespace kaohe::cli
