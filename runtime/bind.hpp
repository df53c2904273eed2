// JSON → tables, once per run: every entity row and every declared input, checked against
// its type and range. All data errors are collected; the caller prints them and stops.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
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
    std::map<SymbolId, std::string> parameter_paths;  // where each parameter not at its default came from
    std::set<SymbolId> held;  // parameters a file that renormalizes gave: the other weights make room
};

// A parameters file (`--params`, or the `--set` overrides): a JSON object from `param` names to
// values, which win over the data file's and the defaults. Of several, a later one wins.
struct ParameterFile {
    std::shared_ptr<const JsonDocument> document;
    std::string name;  // as given, for messages
    // --set with --renormalize: the weights it gives are held, and the other weights of their
    // weighted sum are scaled to make the total 100% again.
    bool renormalize = false;
};

// Text values in the tables are views into the document: it must outlive them.
BindResult bind_data(const Plan& plan, const RunState& state, const JsonDocument& document,
                     std::span<const ParameterFile> parameters = {});

// The scheme-level inputs alone (parameters among them) into tables.scheme_slots, checked the
// same way; the entities' tables are left empty.
BindResult bind_scheme_inputs(const Plan& plan, const RunState& state, const JsonDocument& document,
                              std::span<const ParameterFile> parameters);

}  // namespace kaohe
