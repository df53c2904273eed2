// The one way to run a scheme: load → plan → bind → evaluate → results. The CLI's `run` uses
// it, and so will every later command (what-if, explain, diff) and the server.
//
// Design decision: a CompiledPolicy (sources, checked program, plan) is immutable once made and
// shared by pointer, so any number of Runs may evaluate it at once, on any threads; everything
// one run varies (the data, its tables, what-if weights) lives in that Run.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "lang/loader.hpp"
#include "runtime/bind.hpp"
#include "runtime/data_error.hpp"
#include "runtime/json_document.hpp"
#include "runtime/listener.hpp"
#include "runtime/plan.hpp"
#include "runtime/results.hpp"
#include "runtime/run_state.hpp"
#include "runtime/tables.hpp"
#include "runtime/what_if.hpp"

namespace kaohe {

struct CompiledPolicy {
    SourceSet sources;  // for rendering diagnostics and data errors
    Program program;
    Plan plan;          // refers into program: a CompiledPolicy never moves once made
};

// Plans a checked program; null when `loaded` has none (it had errors: see its diagnostics).
std::shared_ptr<const CompiledPolicy> compile(LoadedProgram loaded);

// A data file's text as a document. Not JSON: null, and one D100 error naming the file (its
// path stands in the error's path: there is no JSON path yet) and where the JSON broke.
std::shared_ptr<const JsonDocument> parse_data(std::string text, const std::string& file, std::vector<DataError>& errors);

class Run {
public:
    // Binds the document (and any parameters files, whose values win over the document's, a
    // later file over an earlier);
    // errors() then holds any data errors found while binding or verifying the parameters.
    Run(std::shared_ptr<const CompiledPolicy> policy, std::shared_ptr<const JsonDocument> document,
        std::vector<ParameterFile> parameters = {});

    // Evaluates every step; false when there were data errors (see errors()), and then no
    // result may be shown. A listener hears what the evaluator does.
    bool evaluate(EvaluationListener* listener = nullptr);
    // The output rows of the last evaluation; their names view into the policy. An output field
    // can fail on a row (a division by zero): then errors() has it, and no row may be shown.
    std::vector<ResultRow> results();
    // The same rows to read one at a time, on any number of threads (a national run's JSON is
    // streamed so); valid until the run changes. Failures are the reader's, not errors()'.
    ResultReader result_reader();

    // What-if on the same data: change a weight, a parameter or one row's input for this run
    // only, then reevaluate() recomputes just what depends on the changes made since the last
    // evaluation. A re-evaluation that fails (a trial value divides by zero) leaves its errors in
    // errors(); the next one, after changing the value back, clears them.
    void set_weight(const WeightRef& weight, Rational value);
    void set_parameter(SymbolId parameter, Rational value);
    void set_input(SymbolId input, std::uint32_t row, Value value);
    bool reevaluate(EvaluationListener* listener = nullptr);
    // Other parameters files in place of this run's (a --set what-if on an evaluated run): the
    // parameters are bound and verified as the constructor would, and those whose value changed
    // are set; false, with errors(), when they do not bind or verify. reevaluate() then applies them.
    bool set_parameters(std::vector<ParameterFile> parameters);
    // As reevaluate(), for a caller that will read only the `wanted` symbols' columns (a
    // sensitivity sample reads grades and ranks): the other steps and the flag rules that depend on
    // the changes are left stale, and the next reevaluate() finishes them before anything is shown.
    bool reevaluate_for(const std::vector<SymbolId>& wanted);

    const std::vector<DataError>& errors() const { return errors_; }
    const CompiledPolicy& policy() const { return *policy_; }
    const RunState& state() const { return state_; }
    const Tables& tables() const { return tables_; }
    const JsonDocument& document() const { return *document_; }

private:
    std::shared_ptr<const CompiledPolicy> policy_;
    std::shared_ptr<const JsonDocument> document_;  // text values in the tables view into it
    std::vector<ParameterFile> parameters_;
    RunState state_;
    Tables tables_;
    std::vector<DataError> errors_;
    std::vector<SymbolId> changed_;  // changed since the last evaluation
    Rerun stale_;                    // what reevaluate_for left undone (empty vectors: nothing)
    bool bound_ = false;             // the data bound without errors: it may be evaluated
    bool evaluated_ = false;         // the tables hold a complete evaluation to build on
};

}  // namespace kaohe
