// Any bytes as the data for a shipped policy, read, bound, evaluated and rendered in every
// format (or their data errors listed), as `kaohe run` does. The first byte picks the policy
// (its low two bits) and how the rest is used (bit 2):
// - as the data file itself, which teaches the reader every way JSON can be broken;
// - as edits to that policy's example data (fuzz/examples/, trimmed): each edit replaces one scalar of
//   the example with a hostile one (0, -1, 1e5000, "", null, [], 100.005 …): three bytes an
//   edit, two for which scalar and one for what replaces it. Random bytes seldom
//   make a document that binds, so this is what reaches grading, quotas, vetoes and flags.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/formats/data_error_list.hpp"
#include "cli/formats/formats.hpp"
#include "lang/loader.hpp"
#include "runtime/run.hpp"

namespace {

struct Target {
    std::shared_ptr<const kaohe::CompiledPolicy> policy;
    std::string example;                                   // a small valid data file for it
    std::vector<std::pair<std::size_t, std::size_t>> scalars;  // where its numbers, strings, literals are
};

std::vector<Target> targets;

// Offsets and lengths of the scalar values (and keys) of a JSON text: strings, numbers, literals.
std::vector<std::pair<std::size_t, std::size_t>> scalars_of(const std::string& text) {
    std::vector<std::pair<std::size_t, std::size_t>> found;
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        std::size_t start = i;
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\') ++i;
            found.emplace_back(start, ++i - start);
        } else if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
            while (i < text.size() && std::string_view(",]} \n\r\t").find(text[i]) == std::string_view::npos) ++i;
            found.emplace_back(start, i - start);
        } else {
            ++i;
        }
    }
    return found;
}

constexpr std::string_view hostile[] = {
    "0", "-1", "1e5000", "-0.0", "100.005", "99999999999999999999", "0.1", "100", "101", "1e-7", "7",
    "\"\"", "\"优秀\"", "\"合格\"", "\"LN01\"", "\"安全生产\"", "null", "true", "false", "[]", "{}", "[0]",
    "[\"a\",\"a\"]", "[100, 0]", "{\"excellent\": 0, \"competent\": 0, \"basic\": 0, \"incompetent\": 0}",
};

std::string edited(const Target& target, const std::uint8_t* edits, std::size_t size) {
    std::string text = target.example;
    // Replace from the last scalar back, so earlier offsets stay valid: collect, sort, apply.
    std::vector<std::pair<std::size_t, std::string_view>> replacements;
    for (std::size_t k = 0; k + 2 < size; k += 3)
        replacements.emplace_back((edits[k] << 8 | edits[k + 1]) % target.scalars.size(),
                                  hostile[edits[k + 2] % std::size(hostile)]);
    std::sort(replacements.begin(), replacements.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    std::size_t last = SIZE_MAX;
    for (const auto& [index, value] : replacements) {
        if (index == last) continue;  // one edit per scalar
        last = index;
        auto [offset, length] = target.scalars[index];
        text.replace(offset, length, value);
    }
    return text;
}

void run(const Target& target, std::string data) {
    std::vector<kaohe::DataError> errors;
    auto document = kaohe::parse_data(std::move(data), "fuzz.json", errors);
    if (!document) {
        kaohe::cli::data_errors_text(errors, target.policy->sources, false);
        return;
    }
    kaohe::Run run(target.policy, document);
    std::vector<kaohe::ResultRow> rows;
    if (run.evaluate()) rows = run.results();
    if (!run.errors().empty()) {
        kaohe::cli::data_errors_text(run.errors(), target.policy->sources, false);
        return;
    }
    for (const auto& format : kaohe::cli::formats()) format.render(rows);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const std::string root = KAOHE_SOURCE_DIR;
    for (const char* name : {"longnan", "jiangxi", "guangdong", "teams"}) {
        std::string policy = name == std::string("teams") ? "/examples/teams.kh" : "/policies/" + std::string(name) + ".kh";
        Target target;
        target.policy = kaohe::compile(kaohe::load_program_file(root + policy));
        std::ifstream example(root + "/fuzz/examples/" + name + ".json", std::ios::binary);
        target.example.assign(std::istreambuf_iterator<char>(example), {});
        target.scalars = scalars_of(target.example);
        // A shipped policy that does not check, or a missing example: nothing to fuzz.
        if (!target.policy || target.scalars.empty()) __builtin_trap();
        targets.push_back(std::move(target));
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const Target& target = targets[data[0] % targets.size()];
    bool edit_the_example = data[0] & 4;
    if (edit_the_example) run(target, edited(target, data + 1, size - 1));
    else run(target, std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
    return 0;
}
