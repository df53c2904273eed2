#include "cli/formats/data_error_list.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "cli/formats/diagnostics_text.hpp"

namespace kaohe::cli {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// $.counties[2] before $.counties[10]: runs of digits compare as numbers, the rest as bytes;
// a row before the rows inside it.
bool path_before(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            std::size_t end_a = i, end_b = j;
            while (end_a < a.size() && is_digit(a[end_a])) ++end_a;
            while (end_b < b.size() && is_digit(b[end_b])) ++end_b;
            std::string_view x = a.substr(i, end_a - i), y = b.substr(j, end_b - j);
            while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
            while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
            if (x.size() != y.size()) return x.size() < y.size();
            if (x != y) return x < y;
            i = end_a;
            j = end_b;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

// The path with every array index as *: the same place in each row.
std::string path_shape(const std::string& path) {
    std::string shape;
    for (std::size_t i = 0; i < path.size(); ++i) {
        shape += path[i];
        if (path[i] == '[' && i + 1 < path.size() && is_digit(path[i + 1])) {
            shape += '*';
            while (i + 1 < path.size() && is_digit(path[i + 1])) ++i;
        }
    }
    return shape;
}

using GroupKey = std::tuple<DiagnosticCode, DataSubject, std::string, std::string, std::string, std::uint32_t, std::uint32_t>;

GroupKey group_key(const DataError& e) {
    return {e.code, e.subject, e.entity, e.message, path_shape(e.path), e.rule ? e.rule->begin : 0,
            e.rule ? e.rule->file : 0};
}

std::string group_text(const std::vector<const DataError*>& members, const SourceSet& sources) {
    DataError shown = *members.front();
    shown.path = path_shape(shown.path);
    std::string line = data_error_text(shown, sources);
    // data_error_text names one row; name the count instead, then the first rows.
    std::string row_name = fmt::format("数据错误: {} {}: ", shown.entity, shown.id.empty() ? "(无编号)" : shown.id);
    if (line.rfind(row_name, 0) == 0)
        line = fmt::format("数据错误: {} 个{}: {}", members.size(), shown.entity, line.substr(row_name.size()));
    std::string examples;
    for (std::size_t i = 0; i < most_errors_listed_one_by_one; ++i)
        examples += fmt::format("{}{}", i ? "、" : "", members[i]->id.empty() ? members[i]->path : members[i]->id);
    return fmt::format("{}, 例如 {} 等; 逐条列出请加 --all-errors", line, examples);
}

}  // namespace

std::vector<DataError> in_row_order(std::vector<DataError> errors) {
    std::stable_sort(errors.begin(), errors.end(), [](const DataError& a, const DataError& b) {
        return path_before(std::string_view(a.path).substr(0, a.row_length),
                           std::string_view(b.path).substr(0, b.row_length));
    });
    return errors;
}

std::string data_errors_text(std::vector<DataError> errors, const SourceSet& sources, bool every_row) {
    errors = in_row_order(std::move(errors));
    std::map<GroupKey, std::vector<const DataError*>> groups;
    if (!every_row)
        for (const DataError& e : errors) groups[group_key(e)].push_back(&e);
    std::string out;
    for (const DataError& e : errors) {
        if (every_row) {
            out += data_error_text(e, sources) + "\n";
            continue;
        }
        const auto& members = groups[group_key(e)];
        if (members.size() <= most_errors_listed_one_by_one) out += data_error_text(e, sources) + "\n";
        else if (members.front() == &e) out += group_text(members, sources) + "\n";
    }
    return out;
}

}  // namespace kaohe::cli
