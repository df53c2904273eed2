// A mistake in the input data: its code, which entity row, where in the JSON, what is wrong.
//
// Like a policy diagnostic it is data; cli/formats/ turns it into text or JSON. The row is
// named by entity type and id as two fields, built only when an error is found.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "lang/diagnostic_codes.hpp"
#include "lang/program.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

// What an error is about: the document (a scheme-level input, or its shape), the scheme's own
// computed values, or one entity row.
enum class DataSubject { document, scheme, row };

// Built with designated initializers; every member has a default so that the fields a
// subject does not use can be left out (GCC warns about members without one).
struct DataError {
    DiagnosticCode code = DiagnosticCode::evaluation_failed;  // a D… code
    DataSubject subject = DataSubject::document;
    std::string entity = {};  // for a row: its entity type, 成员
    std::string id = {};      // for a row: its id as written in the data; empty when it has none
    std::string path = {};    // $.counties[0].members[1].democratic_votes
    std::string input = {};   // the policy's name for what is read there (民主测评票), when an input
    std::string message = {};
    std::optional<Span> rule = {};  // the policy expression that failed, for errors found while evaluating
    std::size_t row_length = 1;     // path's first characters that name the row: $.counties[0].members[1]
};

// $.counties[3].members[0] for a row ("$" for the scheme itself), rebuilt from the tables only
// when an error is reported.
std::string row_path(const Program& program, const Tables& tables, EntityId entity, std::uint32_t row);
// An error about one row, naming its entity type and id; with no entity, about the scheme.
DataError row_error(DiagnosticCode code, const Program& program, const Tables& tables, EntityId entity,
                    std::uint32_t row, std::string path, std::string message, std::optional<Span> rule = std::nullopt);

}  // namespace kaohe
