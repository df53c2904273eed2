// Turns an evaluation failure inside one row (a division by zero, the mean of an empty list)
// into a data error naming that row: its entity, id and JSON path, and the policy position.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "runtime/data_error.hpp"
#include "runtime/expression_evaluator.hpp"

namespace kaohe {

class RowFailures {
public:
    RowFailures(const Program& program, const Tables& tables) : program_(program), tables_(tables) {}

    // Runs work for one row; a failure is recorded against that row (entity none: the scheme) and
    // answers false, so the caller can leave the row's result unset and go on with the next.
    template <typename Work>
    bool guard(EntityId entity, std::uint32_t row, Work&& work) {
        try {
            work();
            return true;
        } catch (const EvaluationFailure& failure) {
            report(DiagnosticCode::evaluation_failed, entity, row, {}, failure.message, failure.span);
            return false;
        }
    }

    // An error about a row (or the scheme), at the row's JSON path or at `key` below it.
    void report(DiagnosticCode code, EntityId entity, std::uint32_t row, std::string_view key, std::string message,
                std::optional<Span> rule = std::nullopt) {
        std::string path = row_path(program_, tables_, entity, row);
        if (!key.empty()) path += "." + std::string(key);
        errors.push_back(row_error(code, program_, tables_, entity, row, std::move(path), std::move(message), rule));
    }

    std::vector<DataError> errors;

private:
    const Program& program_;
    const Tables& tables_;
};

}  // namespace kaohe
