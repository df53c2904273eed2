// Where a run's parameters may come from besides the defaults — parameters files (--params,
// --set) and objects of the data such as 实施方案 — and the check that every name there is one
// the scheme reads: a misspelt name would otherwise be ignored, and the run would silently use
// the default. Binding (runtime/bind.cpp) reads the values; this only vets the names.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lang/program.hpp"
#include "runtime/bind.hpp"
#include "runtime/data_error.hpp"

namespace kaohe {

// "p.json: $.优秀线": where a parameters file gives a value, for messages.
std::string parameter_path(const ParameterFile& file, std::string_view name);

// Each file must be an object whose every member is a parameter (D101, D108 with 是否指 …).
void check_parameter_files(const Program& program, std::span<const ParameterFile> files, std::vector<DataError>& errors);

// In an object of the data that holds parameters (`param 优秀比例 … at 实施方案.优秀比例`), every
// member must be a parameter or another declared input; `//` keys are notes (kaohe template).
void check_parameter_objects(const Program& program, JsonValue document, std::vector<DataError>& errors);

}  // namespace kaohe
