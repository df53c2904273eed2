// The one way kaohe reads a whole file (a policy, a stdlib module, a data file): in one
// allocation when the size is known, and telling "missing" from "a directory" from "unreadable"
// so each command can say which.
#pragma once

#include <string>
#include <string_view>

namespace kaohe {

enum class ReadError { none, not_found, not_a_file, unreadable };

struct FileText {
    std::string text;
    ReadError error = ReadError::none;
    explicit operator bool() const { return error == ReadError::none; }
};

FileText read_file(const std::string& path);

// "不存在", "不是文件" …, for a message that names the file.
std::string_view describe(ReadError error);

}  // namespace kaohe
