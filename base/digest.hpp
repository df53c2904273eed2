// SHA-256 of a text, as 64 hex digits: what `run --format json` records of the policy and data
// files it read, so a result can be traced to the exact files (nettle, Debian nettle-dev).
#pragma once

#include <string>
#include <string_view>

namespace kaohe {

std::string sha256_hex(std::string_view text);

}  // namespace kaohe
