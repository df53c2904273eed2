#include "base/utf8.hpp"

#include <algorithm>

#include <utf8proc.h>

namespace kaohe {

char32_t decode_utf8(std::string_view text, std::size_t& i) {
    auto byte = static_cast<unsigned char>(text[i++]);
    if (byte < 0x80) return byte;
    int extra = byte >= 0xF8 ? -1 : byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : -1;
    if (extra < 0) return 0xFFFD;
    char32_t cp = byte & (0x3F >> extra);
    for (int k = 0; k < extra; ++k) {
        if (i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (static_cast<unsigned char>(text[i++]) & 0x3F);
    }
    // Strict, as the standard requires: an overlong form (C0 80 for U+0000) would let two byte
    // strings stand for one text, and surrogates or code points past U+10FFFF are no characters.
    constexpr char32_t shortest[] = {0, 0x80, 0x800, 0x10000};
    if (cp < shortest[extra] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0xFFFD;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = decode_utf8(text, i);
        // Control characters (a tab in a source line) keep one cell, so a caret stays under
        // its column as it always has; utf8proc gives them none.
        if (cp < 0x20 || cp == 0x7F) {
            width += 1;
            continue;
        }
        width += static_cast<std::size_t>(utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp)));
    }
    return width;
}

std::size_t character_count(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        decode_utf8(text, i);
        ++count;
    }
    return count;
}

std::size_t first_invalid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t at = i;
        // decode_utf8 answers U+FFFD for a malformed sequence; a real U+FFFD is the bytes EF BF BD.
        if (decode_utf8(text, i) == 0xFFFD && text.compare(at, 3, "\xEF\xBF\xBD") != 0) return at;
    }
    return std::string_view::npos;
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) append_utf8(out, decode_utf8(text, i));
    return out;
}

void drop_byte_order_mark(std::string& text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
}

std::string_view trim_spaces(std::string_view text) {
    static constexpr std::string_view wide = "\u3000";
    for (bool trimmed = true; trimmed && !text.empty();) {
        trimmed = false;
        if (text.front() == ' ' || text.front() == '\t') text.remove_prefix(1), trimmed = true;
        else if (text.starts_with(wide)) text.remove_prefix(wide.size()), trimmed = true;
        if (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1), trimmed = true;
        else if (text.ends_with(wide)) text.remove_suffix(wide.size()), trimmed = true;
    }
    return text;
}

bool split_assignment(std::string_view text, std::string& name, std::string& value) {
    static constexpr std::string_view wide_equals = "\uFF1D";
    std::size_t ascii = text.find('='), wide = text.find(wide_equals);
    std::size_t at = std::min(ascii, wide);
    if (at == std::string_view::npos) return false;
    name = std::string(trim_spaces(text.substr(0, at)));
    value = std::string(trim_spaces(text.substr(at + (at == ascii ? 1 : wide_equals.size()))));
    return !name.empty();
}

}  // namespace kaohe
