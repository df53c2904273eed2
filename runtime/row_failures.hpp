// Turns an evaluation failure inside one row (a division by zero, the mean of an empty list)
// into a data error naming that row: its entity, id and JSON path, and the policy position.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "base/parallel.hpp"
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

    // Runs work(chunk, evaluator, failures, begin, end) for chunks of rows [0, rows) on the cores
    // (base/parallel.hpp), each chunk with an evaluator and failures of its own; the failures are
    // then added here in row order, as one thread would have reported them.
    template <typename Work>
    void split_rows(std::size_t rows, const ExpressionEvaluator& evaluator, Work&& work) {
        std::vector<std::vector<DataError>> failed(chunk_count(rows));
        for_chunks(rows, [&](std::size_t chunk, std::size_t begin, std::size_t end) {
            ExpressionEvaluator own = evaluator.another();
            RowFailures failures(program_, tables_);
            work(chunk, own, failures, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end));
            failed[chunk] = std::move(failures.errors);
        });
        for (auto& chunk : failed) errors.insert(errors.end(), chunk.begin(), chunk.end());
    }

    // As split_rows, for work that finds flags: work(evaluator, failures, begin, end, hits) appends
    // to its chunk's own list, and the lists are joined onto `hits` in row order.
    template <typename Work>
    void split_rows_flagging(std::size_t rows, const ExpressionEvaluator& evaluator, std::vector<FlagHit>& hits,
                             Work&& work) {
        std::vector<std::vector<FlagHit>> parts(chunk_count(rows));
        split_rows(rows, evaluator, [&](std::size_t chunk, const ExpressionEvaluator& own, RowFailures& failures,
                                        std::uint32_t begin, std::uint32_t end) {
            work(own, failures, begin, end, parts[chunk]);
        });
        for (auto& part : parts) hits.insert(hits.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }

private:
    const Program& program_;
    const Tables& tables_;
};

}  // namespace kaohe
