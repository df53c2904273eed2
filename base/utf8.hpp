// UTF-8 text as kaohe needs it: decoding one code point at a time, counting characters for
// line:column positions, and the terminal cells a string takes for carets and tables.
//
// Design decision: decoding is a small hand-written function because the JSON reader calls it
// per character and needs its exact malformed-input rule (U+FFFD, advancing one byte); display
// width comes from utf8proc, which follows the Unicode East Asian Width tables, so 民主测评
// takes eight cells and a combining accent none.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kaohe {

// Decodes one UTF-8 code point at text[i], advancing i; malformed bytes decode as U+FFFD.
char32_t decode_utf8(std::string_view text, std::size_t& i);
void append_utf8(std::string& out, char32_t code_point);
// Terminal cells a string occupies: East Asian wide characters count two.
std::size_t display_width(std::string_view text);
std::size_t character_count(std::string_view text);
// Where text stops being valid UTF-8 (a GBK file, a truncated character), or npos.
std::size_t first_invalid_utf8(std::string_view text);
// text with every malformed sequence replaced by U+FFFD, so printing it keeps the output UTF-8.
std::string valid_utf8(std::string_view text);
// Removes a UTF-8 byte order mark at the start, which Windows editors (and spreadsheets saving
// as "UTF-8") put there: it is not part of a policy or of JSON.
void drop_byte_order_mark(std::string& text);

// Without the spaces around it (ASCII, and the full-width 　 a Chinese input method types).
std::string_view trim_spaces(std::string_view text);

// NAME=VALUE (or NAME＝VALUE, the full-width sign) split at the first sign, each side without the
// spaces around it; false when there is no sign or the name is empty.
bool split_assignment(std::string_view text, std::string& name, std::string& value);

}  // namespace kaohe
