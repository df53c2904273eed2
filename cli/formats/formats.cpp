#include "cli/formats/formats.hpp"

namespace kaohe::cli {

namespace {

const Format format_table[] = {
    {"table", "对齐的表格, 供人阅读", render_table},
    {"json", "机器可读的 JSON: {\"results\": [...], \"provenance\": {...}} (方案、文件哈希、所用参数)", render_json},
    {"csv", "可用电子表格打开的 CSV (UTF-8)", render_csv},
};

}  // namespace

std::span<const Format> formats() { return format_table; }

const Format* find_format(std::string_view name) {
    for (const Format& format : format_table)
        if (format.name == name) return &format;
    return nullptr;
}

std::string format_names(std::string_view separator) {
    std::string names;
    for (const Format& format : format_table) {
        if (!names.empty()) names += separator;
        names += format.name;
    }
    return names;
}

}  // namespace kaohe::cli
