// Test files (NAME.khtest) that staff write next to a scheme: which policy, sample data, and
// expectations on some rows only. One statement a line, so every failure can name its line:
//
//   policy "longnan.kh"                      the scheme under test, relative to this file
//   test "并列跨过名额线"                    a test; what follows until the next `test` is its
//   data "../examples/longnan-2017.json"     data: a file, or JSON written here, `data {` … `}`
//   params { "优秀线": 92 }                  parameters for this test, as `run --params` takes
//   expect LN01-M07 grade 优秀               a field of a result row (score, grade, rank, a
//   expect LN01-M07 score 91.25              component …): numbers compare exactly (91.25 = 91.250)
//   expect LN01-M07 flag 诫勉谈话            flags: one it has, one it lacks, none at all
//   expect LN01-M07 no flag 诫勉谈话
//   expect LN01-M07 flags none
//   expect none in LN01 grade 优秀           how many rows (under a county, of a kind) match
//   expect 2 rows member in LN01 flag 并列待定
//   expect rows 12
//   expect data error D105 at counties[0].members[1].democratic_votes
//
// `policy`, `data` and `params` before the first `test` are every test's defaults. This is
// only the syntax: what the statements mean against a run is runtime/expectations.hpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "lang/diagnostics.hpp"
#include "lang/source.hpp"

namespace kaohe {

// JSON for a test: a file's path as written (relative to the test file), or the text itself.
struct TestInput {
    std::string file;
    std::string json;  // when written in the test file
    Span span;
};

struct Expectation {
    enum class Kind {
        field,       // [KIND] ID FIELD VALUE
        has_flag,    // [KIND] ID flag TEXT
        lacks_flag,  // [KIND] ID no flag TEXT
        no_flags,    // [KIND] ID flags none
        count,       // N|none [KIND] [in ANCESTOR] (FIELD VALUE | flag TEXT)
        rows,        // rows N [KIND]
        data_error,  // data error [CODE] [at PATH]
    };
    Kind kind = Kind::field;
    Span span;                // the whole statement
    std::string output_kind;  // member, county …; empty: any
    std::string id;
    std::string within;       // count: the ancestor's id; empty: every row
    bool by_flag = false;     // count: rows with flag `value`, rather than field = value
    std::string field;
    std::string value;        // expected field text, or the flag
    std::size_t count = 0;    // count, rows
    std::string code;         // data error: D105; empty: any
    std::string path;         // data error: $.counties[0]…; empty: anywhere
};

struct TestCase {
    std::string name;
    Span span;
    std::optional<TestInput> policy, data, params;  // unset: the file's defaults
    std::vector<Expectation> expectations;
};

struct TestFile {
    std::optional<TestInput> policy, data, params;  // defaults for every test
    std::vector<TestCase> tests;
};

// Reads the test file sources.file(file); mistakes go to diagnostics as T101, and the statements
// around them are still read.
TestFile parse_test_file(const SourceSet& sources, std::uint32_t file, Diagnostics& diagnostics);

}  // namespace kaohe
