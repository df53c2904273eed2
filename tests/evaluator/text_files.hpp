// What evaluator tests do with the shipped policies and examples: read one, edit it by text.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "base/read_file.hpp"

namespace kaohe::test {

inline std::string read(const std::string& path) {
    kaohe::FileText file = kaohe::read_file(path);
    REQUIRE(file);
    return std::move(file.text);
}

// `text` with its first `from` replaced by `to`; the test fails when there is none.
inline std::string replace(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace kaohe::test
