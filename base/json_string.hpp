// A JSON string literal, escaped: the one writer results, diagnostics and rewritten data use.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

namespace kaohe {

inline void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<int>(c));
            else out += c;
        }
    }
    out += '"';
}

}  // namespace kaohe
