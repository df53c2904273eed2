// A JSON string literal, escaped: the one writer results, diagnostics and rewritten data use.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

namespace kaohe {

inline void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    // Runs that need no escape (nearly all text) are appended whole.
    auto plain = [](char c) { return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20; };
    while (!text.empty()) {
        std::size_t run = 0;
        while (run < text.size() && plain(text[run])) ++run;
        out.append(text.data(), run);
        if (run == text.size()) break;
        char c = text[run];
        text.remove_prefix(run + 1);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default: out += fmt::format("\\u{:04x}", static_cast<int>(c));  // the other controls
        }
    }
    out += '"';
}

}  // namespace kaohe
