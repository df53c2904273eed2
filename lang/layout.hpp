// What the grammar skips over but people read: comments, and brackets left open. A small
// lexical scan of the text that knows only what can hide a `#` or a bracket — a string literal
// ("…" or “…”, never across a line) and a comment (# to the end of the line) — so it agrees with
// grammar.hpp without a second parse.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "lang/ast.hpp"

namespace kaohe {

// Every comment in text, in order.
std::vector<ast::Comment> scan_comments(std::string_view text, std::uint32_t file);

// Gives each declaration and item of the module (their Layout spans already set) the comments
// that belong to it: a block of own-line comments directly above its first line, or a comment
// at the end of one of its lines that no item inside it holds.
void attach_comments(ast::Module& module, const SourceFile& source);

// The innermost `open` in text[begin, end) that no `close` matches, skipping strings and
// comments: where a missing `)` or `}` should have been paired.
std::optional<std::uint32_t> unclosed_bracket(std::string_view text, std::uint32_t begin, std::uint32_t end, char open,
                                              char close);

// Just past the last character of text[begin, end) that is neither blank nor in a comment: where
// a declaration that runs off its end should be pointed at.
std::uint32_t end_of_code(std::string_view text, std::uint32_t begin, std::uint32_t end);

}  // namespace kaohe
