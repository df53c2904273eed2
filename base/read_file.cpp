#include "base/read_file.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <new>

#include <sys/stat.h>

namespace kaohe {

FileText read_file(const std::string& path, std::size_t largest) {
    FileText result;
    bool standard_input = path == "-";
    std::FILE* file = standard_input ? stdin : std::fopen(path.c_str(), "rb");
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
        if (S_ISREG(info.st_mode) && static_cast<std::uintmax_t>(info.st_size) > largest) {
            if (!standard_input) std::fclose(file);
            result.error = ReadError::too_large;
            return result;
        }
    }
    try {
        if (S_ISREG(info.st_mode) && info.st_size > 0) result.text.reserve(static_cast<std::size_t>(info.st_size));
        char buffer[1 << 16];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) {
            if (result.text.size() + n > largest) {  // a pipe has no size to check first
                result.error = ReadError::too_large;
                break;
            }
            result.text.append(buffer, n);
        }
    } catch (const std::bad_alloc&) {
        result.error = ReadError::out_of_memory;
    }
    if (std::ferror(file)) result.error = ReadError::unreadable;
    if (!standard_input) std::fclose(file);
    if (result.error != ReadError::none) result.text.clear();
    return result;
}

std::string_view describe(ReadError error) {
    switch (error) {
    case ReadError::none: return "";
    case ReadError::not_found: return "文件不存在";
    case ReadError::not_a_file: return "不是文件";
    case ReadError::unreadable: return "无法读取";
    case ReadError::too_large: return "文件超过 4 GiB, 方案文件不能这么大";
    case ReadError::out_of_memory: return "文件太大, 内存放不下";
    }
    return "";
}

}  // namespace kaohe
