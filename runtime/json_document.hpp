// An exact JSON document: numbers are kept as exact rationals from their source text.
//
// nlohmann/json would turn 89.995 into the nearest double before we could see it, so we
// drive its SAX parser and build this small tree ourselves. The cost is one more tree type;
// the gain is that every input number is exactly what the user wrote.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/rational.hpp"

namespace kaohe {

struct JsonNode {
    enum class Kind : unsigned char { null, boolean, number, string, array, object };
    Kind kind = Kind::null;
    bool boolean = false;
    Rational number;
    std::string text;  // strings; numbers keep their source text for messages
    std::vector<JsonNode> elements;
    std::vector<std::pair<std::string, JsonNode>> members;

    const JsonNode* find(std::string_view key) const;
    std::string describe() const;  // "字符串 \"abc\"", "数组" … for messages
};

// nullopt and a message with line and column when the text is not valid JSON.
std::optional<JsonNode> parse_json(const std::string& text, std::string& error);

}  // namespace kaohe
