#include <catch2/catch.hpp>

#include "base/json_string.hpp"

namespace {

std::string quoted(std::string_view text) {
    std::string out = "x";  // appends after what is there
    kaohe::append_json_string(out, text);
    return out;
}

}  // namespace

TEST_CASE("JSON strings escape quotes, backslashes and controls, and keep the rest as written") {
    CHECK(quoted("") == "x\"\"");
    CHECK(quoted("综合得分 86.37") == "x\"综合得分 86.37\"");
    CHECK(quoted("a\"b\\c") == "x\"a\\\"b\\\\c\"");
    CHECK(quoted("一\n二\t三\r") == "x\"一\\n二\\t三\\r\"");
    CHECK(quoted(std::string_view("\x01z\x1f", 3)) == "x\"\\u0001z\\u001f\"");
    CHECK(quoted(std::string_view("\0", 1)) == "x\"\\u0000\"");
    CHECK(quoted("\"") == "x\"\\\"\"");
}
