// Any bytes as the data for a shipped policy: the first byte picks the policy, the rest is the
// data file. Read, bind, evaluate, collect results and render them in every format (or list
// the data errors), as `kaohe run` does. One target for the four policies, so one corpus
// teaches all of them what JSON looks like.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cli/formats/data_error_list.hpp"
#include "cli/formats/formats.hpp"
#include "lang/loader.hpp"
#include "runtime/run.hpp"

namespace {

std::vector<std::shared_ptr<const kaohe::CompiledPolicy>> policies;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    for (const char* name : {"policies/longnan.kh", "policies/jiangxi.kh", "policies/guangdong.kh", "examples/teams.kh"}) {
        auto compiled = kaohe::compile(kaohe::load_program_file(std::string(KAOHE_SOURCE_DIR) + "/" + name));
        if (!compiled) __builtin_trap();  // a shipped policy that does not check: nothing to fuzz
        policies.push_back(compiled);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto& policy = policies[data[0] % policies.size()];
    std::vector<kaohe::DataError> errors;
    auto document = kaohe::parse_data(std::string(reinterpret_cast<const char*>(data) + 1, size - 1), "fuzz.json", errors);
    if (!document) {
        kaohe::cli::data_errors_text(errors, policy->sources, false);
        return 0;
    }
    kaohe::Run run(policy, document);
    std::vector<kaohe::ResultRow> rows;
    if (run.evaluate()) rows = run.results();
    if (!run.errors().empty()) {
        kaohe::cli::data_errors_text(run.errors(), policy->sources, false);
        return 0;
    }
    for (const auto& format : kaohe::cli::formats()) format.render(rows);
    return 0;
}
