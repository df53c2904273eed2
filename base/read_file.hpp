// The one way kaohe reads a whole file (a policy, a stdlib module, a data file): in one
// allocation when the size is known, and telling "missing" from "a directory" from "unreadable"
// so each command can say which.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kaohe {

enum class ReadError { none, not_found, not_a_file, unreadable, too_large };

// The JSON tape and source spans hold 32-bit offsets: a larger file is refused before it is read.
inline constexpr std::size_t largest_file = 0xFFFFFFFF;

struct FileText {
    std::string text;
    ReadError error = ReadError::none;
    explicit operator bool() const { return error == ReadError::none; }
};

// "-" reads standard input.
FileText read_file(const std::string& path);

// "不存在", "不是文件" …, for a message that names the file.
std::string_view describe(ReadError error);

}  // namespace kaohe
