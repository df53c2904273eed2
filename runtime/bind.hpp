// JSON → tables, once per run: every entity row and every declared input, checked against
// its type and range. All data errors are collected; the caller prints them and stops.
#pragma once

#include <vector>

#include "runtime/data_error.hpp"
#include "runtime/json_document.hpp"
#include "runtime/plan.hpp"
#include "runtime/run_state.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

struct BindResult {
    Tables tables;
    std::vector<DataError> errors;
};

// Text values in the tables are views into the document: it must outlive them.
BindResult bind_data(const Plan& plan, const RunState& state, const JsonDocument& document);

}  // namespace kaohe
