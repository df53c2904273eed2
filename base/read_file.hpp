// The one way kaohe reads a whole file (a policy, a stdlib module, a data file): in one
// allocation when the size is known, and telling "missing" from "a directory" from "unreadable"
// so each command can say which.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kaohe {

enum class ReadError { none, not_found, not_a_file, unreadable, too_large, out_of_memory };

// A policy's source spans hold 32-bit offsets: a larger source is refused before it is read.
// Data files are limited only by memory (the JSON tape's offsets have 48 bits).
inline constexpr std::size_t largest_source_file = 0xFFFFFFFF;
inline constexpr std::size_t largest_data_file = (std::size_t{1} << 48) - 1;

struct FileText {
    std::string text;
    ReadError error = ReadError::none;
    explicit operator bool() const { return error == ReadError::none; }
};

// "-" reads standard input.
FileText read_file(const std::string& path, std::size_t largest = largest_source_file);

// "不存在", "不是文件" …, for a message that names the file.
std::string_view describe(ReadError error);

}  // namespace kaohe
