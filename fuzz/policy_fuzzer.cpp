// Any bytes as a policy: load (parse, check), render the diagnostics both ways, plan what
// checks. Whatever the input, nothing may crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "cli/formats/diagnostics_json.hpp"
#include "cli/formats/diagnostics_text.hpp"
#include "lang/loader.hpp"
#include "runtime/run.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // In a folder that does not exist, so a `use "./x.kh"` finds nothing instead of reading files.
    auto loaded = kaohe::load_program_text("/nonexistent/fuzz.kh", std::string(reinterpret_cast<const char*>(data), size));
    std::string text = kaohe::cli::diagnostics_text(loaded.diagnostics, loaded.sources);
    std::string json = kaohe::cli::diagnostics_json(loaded.diagnostics, loaded.sources);
    if (loaded.program) kaohe::compile(std::move(loaded));
    return 0;
}
