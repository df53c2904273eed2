#include "runtime/expectations.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

namespace kaohe {
namespace {

using Kind = Expectation::Kind;

// The same value written two ways: 91.25 and 91.250, 是 and true. Texts compare as written.
bool same_value(const Cell& cell, const std::string& expected) {
    switch (cell.kind) {
    case Cell::Kind::integer:
    case Cell::Kind::decimal: {
        std::optional<Rational> want = Rational::parse(expected), have = Rational::parse(cell.text);
        return want && have ? *want == *have : expected == cell.text;
    }
    case Cell::Kind::boolean:
        return cell.boolean ? (expected == "是" || expected == "true") : (expected == "否" || expected == "false");
    case Cell::Kind::null: return expected == "null" || expected == "空";
    default: return expected == cell.text;
    }
}

std::string shown(const Cell& cell) { return cell.kind == Cell::Kind::null ? "空" : cell_text(cell); }

// A row's field by its output key, or a component by its name (also 组.名 for a grouped one).
const Cell* find_cell(const ResultRow& row, const std::string& name) {
    for (const auto& [key, cell] : row.fields)
        if (key == name) return &cell;
    std::string_view wanted = name;
    if (wanted.starts_with("components.")) wanted.remove_prefix(std::string_view("components.").size());
    for (std::size_t c = 0; c < row.components.size(); ++c) {
        std::string_view group = row.component_groups.empty() ? std::string_view() : row.component_groups[c];
        std::string full = group.empty() ? std::string(row.components[c].first)
                                         : std::string(group) + "." + std::string(row.components[c].first);
        if (row.components[c].first == wanted || full == wanted) return &row.components[c].second;
    }
    return nullptr;
}

std::string field_names(const ResultRow& row) {
    std::string names;
    for (const auto& [key, cell] : row.fields) names += (names.empty() ? "" : ", ") + std::string(key);
    for (const auto& [name, cell] : row.components) names += (names.empty() ? "" : ", ") + std::string(name);
    return names;
}

bool has_flag(const ResultRow& row, const std::string& flag) {
    return std::find(row.flags.begin(), row.flags.end(), flag) != row.flags.end();
}

std::string flags_text(const ResultRow& row) {
    std::string text;
    for (const std::string& flag : row.flags) text += (text.empty() ? "" : "、") + flag;
    return text.empty() ? "没有标记" : text;
}

// An error's path is the expected one, or inside it: `at counties[0]` holds every error of that row.
bool error_matches(const Expectation& e, const DataError& error) {
    if (!e.code.empty() && std::string(code_info(error.code).id) != e.code) return false;
    if (e.path.empty() || error.path == e.path) return true;
    return error.path.starts_with(e.path) && (error.path[e.path.size()] == '.' || error.path[e.path.size()] == '[');
}

class Checker {
public:
    Checker(const Run* run, const std::vector<ResultRow>& rows) : run_(run), rows_(rows) {}

    ExpectationOutcome check(const Expectation& e) const {
        ExpectationOutcome outcome = e.kind == Kind::rows ? rows(e) : e.kind == Kind::count ? count(e) : row_expectation(e);
        // A kind no row has is a misspelling more often than a claim: say which kinds there are.
        if (!e.output_kind.empty() && std::none_of(rows_.begin(), rows_.end(), [&](const ResultRow& r) { return r.kind == e.output_kind; })) {
            std::vector<std::string> kinds;
            for (const ResultRow& r : rows_)
                if (std::find(kinds.begin(), kinds.end(), r.kind) == kinds.end()) kinds.push_back(r.kind);
            std::string known;
            for (const std::string& k : kinds) known += (known.empty() ? "" : ", ") + k;
            outcome.passed = false;
            outcome.actual = "没有种类为 " + e.output_kind + " 的结果行 (结果行的种类: " + (known.empty() ? "无" : known) + ")";
        }
        return outcome;
    }

private:
    static bool of_kind(const Expectation& e, const ResultRow& row) {
        return e.output_kind.empty() || row.kind == e.output_kind;
    }

    // The row itself or one of its ancestors has this id.
    bool under(const ResultRow& row, const std::string& id) const {
        if (!run_) return false;
        const Program& program = run_->policy().program;
        EntityId entity = row.entity;
        std::uint32_t r = row.row;
        while (entity) {
            const Table& table = run_->tables().entities[entity];
            if (table.ids[r] == id) return true;
            r = table.parent_row[r];
            entity = program.entities[entity].parent;
        }
        return false;
    }

    bool holds(const Expectation& e, const ResultRow& row) const {
        if (e.by_flag) return has_flag(row, e.value);
        const Cell* cell = find_cell(row, e.field);
        return cell && same_value(*cell, e.value);
    }

    ExpectationOutcome rows(const Expectation& e) const {
        std::size_t n = std::count_if(rows_.begin(), rows_.end(), [&](const ResultRow& r) { return of_kind(e, r); });
        std::string kind = e.output_kind.empty() ? "" : " " + e.output_kind;
        return {&e, n == e.count, fmt::format("{} 行{}", e.count, kind), fmt::format("{} 行{}", n, kind)};
    }

    ExpectationOutcome count(const Expectation& e) const {
        std::vector<std::string> matching;
        bool within_found = e.within.empty();
        bool field_found = e.by_flag;
        for (const ResultRow& row : rows_) {
            if (!of_kind(e, row) || (!e.within.empty() && !under(row, e.within))) continue;
            within_found = true;
            field_found = field_found || find_cell(row, e.field);
            if (holds(e, row)) matching.push_back(row.id);
        }
        std::string what = e.by_flag ? "有标记 " + e.value : "的 " + e.field + " 为 " + e.value;
        std::string expected = fmt::format("{} 行{}", e.count, what);
        if (!within_found) return {&e, false, expected, "没有编号为 " + e.within + " 的行, 也没有在它之下的结果行"};
        if (!field_found) return {&e, false, expected, "结果行没有字段 " + e.field};
        std::string actual = fmt::format("{} 行{}", matching.size(), what);
        if (!matching.empty()) {
            actual += ": ";
            for (std::size_t i = 0; i < matching.size() && i < 10; ++i) actual += (i ? ", " : "") + matching[i];
            if (matching.size() > 10) actual += fmt::format(" 等 {} 行", matching.size());
        }
        return {&e, matching.size() == e.count, expected, actual};
    }

    ExpectationOutcome row_expectation(const Expectation& e) const {
        std::vector<const ResultRow*> found;
        for (const ResultRow& row : rows_)
            if (row.id == e.id && of_kind(e, row)) found.push_back(&row);
        std::string expected = e.kind == Kind::field        ? e.value
                               : e.kind == Kind::has_flag   ? "有标记 " + e.value
                               : e.kind == Kind::lacks_flag ? "没有标记 " + e.value
                                                            : "没有标记";
        if (found.empty()) return {&e, false, expected, "没有编号为 " + e.id + " 的结果行"};
        if (found.size() > 1)
            return {&e, false, expected,
                    fmt::format("编号 {} 有 {} 行 ({} 与 {}), 请在编号前写种类", e.id, found.size(), found[0]->kind,
                                found[1]->kind)};
        const ResultRow& row = *found.front();
        switch (e.kind) {
        case Kind::has_flag: return {&e, has_flag(row, e.value), expected, flags_text(row)};
        case Kind::lacks_flag: return {&e, !has_flag(row, e.value), expected, flags_text(row)};
        case Kind::no_flags: return {&e, row.flags.empty(), expected, flags_text(row)};
        default: break;
        }
        const Cell* cell = find_cell(row, e.field);
        if (!cell) return {&e, false, expected, "结果行没有字段 " + e.field + " (有 " + field_names(row) + ")"};
        return {&e, same_value(*cell, e.value), expected, shown(*cell)};
    }

    const Run* run_;
    const std::vector<ResultRow>& rows_;
};

std::string error_summary(const DataError& error) {
    std::string where = error.id.empty() ? error.path : error.entity + " " + error.id + " " + error.path;
    return std::string(code_info(error.code).id) + " " + where + ": " + error.message;
}

}  // namespace

std::vector<ExpectationOutcome> check_expectations(const TestCase& test, const Run* run,
                                                   const std::vector<ResultRow>& rows,
                                                   const std::vector<DataError>& errors) {
    std::vector<ExpectationOutcome> outcomes;
    std::vector<bool> named(errors.size(), false);
    Checker checker(run, rows);
    for (const Expectation& e : test.expectations) {
        std::string expected_error = "数据错误" + (e.code.empty() ? "" : " " + e.code) + (e.path.empty() ? "" : " 于 " + e.path);
        if (e.kind == Kind::data_error) {
            bool found = false;
            for (std::size_t i = 0; i < errors.size(); ++i)
                if (error_matches(e, errors[i])) found = named[i] = true;
            std::string actual = errors.empty() ? "没有数据错误" : found ? expected_error : error_summary(errors.front());
            outcomes.push_back({&e, found, expected_error, actual});
        }
        else if (!errors.empty()) {
            outcomes.push_back({&e, false, checker.check(e).expected, "数据有错, 没有结果: " + error_summary(errors.front())});
        }
        else outcomes.push_back(checker.check(e));
    }
    std::vector<std::string> unnamed;
    for (std::size_t i = 0; i < errors.size(); ++i)
        if (!named[i]) unnamed.push_back(error_summary(errors[i]));
    if (!unnamed.empty()) {
        std::string actual = fmt::format("{} 处未预期的数据错误: {}", unnamed.size(), unnamed.front());
        if (unnamed.size() > 1) actual += " …";
        outcomes.push_back({nullptr, false, "没有其他数据错误", actual});
    }
    return outcomes;
}

}  // namespace kaohe
