// Diagnostics and data errors as JSON, for tools (an editor, a CI annotation) rather than
// people. Same data as the text renderer; only the shape differs. Behind `check --format json`
// and `run --errors json`.
//
// A policy diagnostic:
//   {"code": "P201", "severity": "error", "file": "t.kh", "line": 10, "column": 17,
//    "end_line": 10, "end_column": 21, "message": "…", "hint": "…" or null,
//    "related": [{"file", "line", "column", "end_line", "end_column", "message"}…]}
// A data error:
//   {"code": "D105", "severity": "error", "entity": "成员" or null, "id": "A-M02" or null,
//    "path": "$.…", "input": "民主测评票" or null, "message": "…", "rule": {"file", "line", "column"} or null}
// Lines and columns count from 1, columns in characters; end_line/end_column are the
// position just after the span. Each renderer prints one array, an element a line.
#pragma once

#include <string>
#include <vector>

#include "lang/diagnostics.hpp"
#include "runtime/data_error.hpp"

namespace kaohe::cli {

std::string diagnostics_json(const Diagnostics& diagnostics, const SourceSet& sources);
std::string data_errors_json(const std::vector<DataError>& errors, const SourceSet& sources);

}  // namespace kaohe::cli
