// `--set-data ID.INPUT=VALUE`: a what-if on the data — one input of one entity changed for a run,
// without editing the data file. INPUT is the policy's name for it or its JSON key; a record's
// field follows it (LN01-M03.民主测评票.优秀=35), a list's element is written INPUT[n] (counted
// from 0, as JSON paths are). VALUE is JSON (35, [85, 86], true); anything else is a text (优秀).
//
// Design decision: an edit rewrites the document (JsonDocument::text_with) and the result binds
// like any data file, so a changed value is checked by the same rules — its type and range, its
// record's rules (votes not all zero) — and an error names its JSON path. The cost is a second
// read of the data per run that has edits; a search that tries many values (kaohe reach) sets the
// tables directly (Run::set_input) and uses this only to confirm its answer.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/json_document.hpp"
#include "runtime/plan.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

struct DataEdit {
    std::string target;  // as given: LN01-M03.民主测评票.优秀
    std::string value;   // as given: 35
};

// TARGET=VALUE split at the first '='; false when there is none or the target is empty.
bool parse_data_edit(std::string_view text, DataEdit& out);

// A target resolved against the rows a run read, and where it lives in the document.
struct DataPlace {
    EntityId entity;
    std::uint32_t row = 0;
    SymbolId input;
    FieldIndex field;      // a record's field, or none
    std::int64_t element = -1;  // a list's element, or -1
    JsonEdit edit;         // the change to the document (json empty: the value is filled in later)
    std::string path;      // its JSON path, for messages: $.counties[0].members[2].democratic_votes.excellent
    std::string error;     // why it could not be resolved, for the user
    std::string hint;      // 是否指 …
};

DataPlace resolve_data_place(const Plan& plan, const Tables& tables, const JsonDocument& document, std::string_view target);

// VALUE as JSON text: itself when it is JSON, else a JSON string of it.
std::string value_as_json(std::string_view value);

}  // namespace kaohe
