// The listing of many data errors: the data's row order (indices as numbers, a row before the
// rows inside it, the order found within a row) and one line for the same error on many rows.
#include <catch2/catch.hpp>

#include "cli/formats/data_error_list.hpp"

namespace {

using kaohe::DataError;
using kaohe::DataSubject;

DataError row_error(std::string entity, std::string id, std::string row, std::string field, std::string message) {
    return {.code = kaohe::DiagnosticCode::missing_field,
            .subject = DataSubject::row,
            .entity = std::move(entity),
            .id = std::move(id),
            .path = row + field,
            .message = std::move(message),
            .row_length = row.size()};
}

std::string listed(std::vector<DataError> errors, bool every_row = false) {
    return kaohe::cli::data_errors_text(std::move(errors), kaohe::SourceSet(), every_row);
}

}  // namespace

TEST_CASE("data errors come in the data's row order") {
    std::vector<DataError> errors{
        row_error("县", "K10", "$.counties[10]", ".plan", "计划应大于 0"),
        row_error("成员", "K2-M1", "$.counties[2].members[0]", ".votes", "缺少字段"),
        row_error("县", "K2", "$.counties[2]", ".plan", "计划应大于 0"),
        row_error("县", "K2", "$.counties[2]", ".area", "缺少字段"),
        {.code = kaohe::DiagnosticCode::missing_field, .path = "$.year", .message = "缺少字段"},
    };
    CHECK(listed(errors) == "数据错误: $.year: 缺少字段\n"
                            "数据错误: 县 K2: $.counties[2].plan: 计划应大于 0\n"
                            "数据错误: 县 K2: $.counties[2].area: 缺少字段\n"
                            "数据错误: 成员 K2-M1: $.counties[2].members[0].votes: 缺少字段\n"
                            "数据错误: 县 K10: $.counties[10].plan: 计划应大于 0\n");
}

TEST_CASE("the same error on more than three rows is one line unless every row is asked for") {
    std::vector<DataError> errors;
    for (int i = 0; i < 12; ++i)
        errors.push_back(row_error("县", "K" + std::to_string(i), "$.counties[" + std::to_string(i) + "]", ".plan",
                                   "缺少字段"));
    errors.push_back(row_error("县", "K3", "$.counties[3]", ".area", "缺少字段"));
    CHECK(listed(errors) == "数据错误: 12 个县: $.counties[*].plan: 缺少字段, 例如 K0、K1、K2 等; 逐条列出请加 --all-errors\n"
                            "数据错误: 县 K3: $.counties[3].area: 缺少字段\n");
    std::string all = listed(errors, true);
    CHECK(std::count(all.begin(), all.end(), '\n') == 13);
    // Three alike are still listed one by one.
    errors.resize(3);
    CHECK(listed(errors) == "数据错误: 县 K0: $.counties[0].plan: 缺少字段\n"
                            "数据错误: 县 K1: $.counties[1].plan: 缺少字段\n"
                            "数据错误: 县 K2: $.counties[2].plan: 缺少字段\n");
}
