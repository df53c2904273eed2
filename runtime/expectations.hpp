// What a test's expectations (lang/test_file.hpp) say of one run: each passes or fails with the
// value it expected and the one the run gave, as a person would read them.
//
// A run with data errors has no result rows: then only `expect data error` can pass, and the
// errors no expectation named are one more failure, so a test never passes by accident on
// data that did not evaluate.
#pragma once

#include <string>
#include <vector>

#include "lang/test_file.hpp"
#include "runtime/data_error.hpp"
#include "runtime/results.hpp"
#include "runtime/run.hpp"

namespace kaohe {

struct ExpectationOutcome {
    const Expectation* expectation = nullptr;  // null: data errors no expectation named
    bool passed = false;
    std::string expected, actual;
};

// rows are run->results() (empty when errors is not); errors are the run's data errors. run is
// null when there was none: the data was not JSON.
std::vector<ExpectationOutcome> check_expectations(const TestCase& test, const Run* run,
                                                   const std::vector<ResultRow>& rows,
                                                   const std::vector<DataError>& errors);

}  // namespace kaohe
