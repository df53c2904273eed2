#include "base/read_file.hpp"

#include <cerrno>
#include <cstdio>

#include <sys/stat.h>

namespace kaohe {

FileText read_file(const std::string& path) {
    FileText result;
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) {
        result.error = errno == ENOENT ? ReadError::not_found : ReadError::unreadable;
        return result;
    }
    struct stat info {};
    if (fstat(fileno(file), &info) == 0) {
        // A directory opens on Linux and reads as nothing or fails late; say what it is.
        if (S_ISDIR(info.st_mode)) {
            std::fclose(file);
            result.error = ReadError::not_a_file;
            return result;
        }
        if (S_ISREG(info.st_mode) && info.st_size > 0) result.text.reserve(static_cast<std::size_t>(info.st_size));
    }
    char buffer[1 << 16];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) result.text.append(buffer, n);
    if (std::ferror(file)) result.error = ReadError::unreadable;
    std::fclose(file);
    return result;
}

std::string_view describe(ReadError error) {
    switch (error) {
    case ReadError::none: return "";
    case ReadError::not_found: return "文件不存在";
    case ReadError::not_a_file: return "不是文件";
    case ReadError::unreadable: return "无法读取";
    }
    return "";
}

}  // namespace kaohe
