// The diagnostic codes: one table of every kind of mistake kaohe reports, in a policy or in
// its data. The table generates the enum, each code's stable id, its severity and its one-line
// description; docs/diagnostics.md lists the same rows, and a test keeps the two equal.
//
// Ids are what tools and people outside kaohe see (JSON output, an editor, a search in the
// docs), so they are stable: an id is never renumbered or given to another meaning, and a
// retired code keeps its row. P = a mistake in the policy, D = a mistake in the data, T = in a test file (NAME.khtest); the digit
// after the letter is the group (P1 syntax, P2 names, P3 types, P4 inputs, P5 weights and
// grades, P6 flags, outputs and variants, P7 order and assertions; D1 shape and values of the
// data, D2 rules that failed on it). Severity is a column of its own, not part of the id.
#pragma once

#include <cstddef>
#include <string_view>

namespace kaohe {

enum class Severity { error, warning };

// X(enum name, id, severity, description)
#define KAOHE_DIAGNOSTIC_CODES(X)                                                              \
    /* syntax, reported by the parser */                                                       \
    X(syntax_error, "P101", error, "语法错误: 这里的写法无法识别或缺少应有的部分")             \
    X(unclosed_block, "P102", error, "块没有正确结束: 缺少 }, 或块中有无法识别的一行")         \
    X(nesting_too_deep, "P103", error, "表达式嵌套过深")                                       \
    X(band_comparison, "P104", error, "等次分数线只能用 >= 或 >")                              \
    X(unknown_rounding_mode, "P105", error, "未知的名额取整方式")                              \
    X(percent_in_bound, "P106", error, "分数线和取值范围写作数值, 不带 %")                     \
    X(not_utf8, "P107", error, "方案文件不是 UTF-8 编码")                                       \
    X(declaration_too_long, "P108", error, "一条声明过长 (表达式的项数超过上限)")                  \
    /* names */                                                                                \
    X(unknown_name, "P201", error, "未定义的名称")                                             \
    X(unknown_function, "P202", error, "未定义的函数")                                         \
    X(unknown_entity, "P203", error, "未定义的实体")                                           \
    X(unknown_type, "P204", error, "未知的类型")                                               \
    X(unknown_field, "P205", error, "记录没有这个字段")                                        \
    X(unknown_module, "P206", error, "找不到标准库模块")                                       \
    X(unknown_variant, "P207", error, "未定义的变体")                                          \
    X(unknown_grade, "P208", error, "不是这个实体的等次")                                      \
    X(unknown_band, "P209", error, "不是这个等次中列出的等次名")                               \
    X(duplicate_definition, "P210", error, "名称重复定义")                                     \
    X(ambiguous_name, "P211", error, "名称在多个实体中都有定义, 无法确定指哪一个")             \
    X(not_a_descendant, "P212", error, "不是下属实体, 这里不能汇总它")                         \
    X(not_an_ancestor, "P213", error, "不是上级实体 (排名范围或名额池)")                       \
    X(module_not_found, "P230", error, "找不到 use 的模块文件")                                \
    X(module_cycle, "P231", error, "模块直接或间接地 use 了自己")                              \
    X(belongs_to_nested, "P220", error, "belongs to 只能用于顶层实体")                          \
    X(cyclic_relation, "P221", error, "实体之间的 belongs to 构成了循环")                       \
    /* types */                                                                                \
    X(expected_number, "P301", error, "这里应为数值")                                          \
    X(expected_condition, "P302", error, "这里应为条件")                                       \
    X(expected_text_list, "P303", error, "这里应为文本列表")                                   \
    X(incomparable_types, "P304", error, "两边的类型无法比较")                                 \
    X(branch_types_differ, "P305", error, "then 和 else 的类型不同")                           \
    X(argument_type, "P306", error, "函数参数的类型不符")                                      \
    X(argument_count, "P307", error, "函数参数的个数不符")                                     \
    X(no_fields, "P308", error, "这个值没有字段可取")                                          \
    X(where_without_entity, "P309", error, "where 只能用于下属实体")                           \
    X(value_is_collection, "P310", error, "定义的值不能是实体集合")                            \
    X(division_by_zero, "P311", error, "除数为 0")                                             \
    X(bound_outside_assert, "P312", error, "maximum、minimum 只能用在 assert 中")              \
    X(recursive_function, "P313", error, "函数直接或间接调用了自己")                           \
    X(percent_scale_mixed, "P314", error, "0 到 100 的百分数与写了 % 的比例混用")              \
    X(unknown_enum_value, "P320", error, "文本不是这个枚举类型的值")                           \
    X(duplicate_enum_value, "P321", error, "枚举类型中同一个值出现了两次")                     \
    X(enums_disjoint, "P322", error, "两个枚举类型 (或等次) 没有共同的值, 比较或选择没有意义") \
    X(text_as_enum, "P323", error, "不受检查的文本不能当作枚举类型的值传入")                   \
    /* declared inputs and records */                                                          \
    X(optional_not_allowed, "P401", error, "optional 只能用于 text 或 list 类型")              \
    X(nonempty_not_allowed, "P402", error, "nonempty 只能用于 list 类型")                      \
    X(range_not_numeric, "P403", error, "取值范围只能用于数值类型")                            \
    X(range_inverted, "P404", error, "取值范围的下限大于上限")                                 \
    X(range_outside_type, "P405", error, "取值范围超出了类型本身的范围")                       \
    X(nested_record, "P406", error, "记录的字段不能再是记录")                                  \
    X(duplicate_entity_array, "P410", error, "实体的 at 中同一个数组列出了两次")                \
    /* weights, grades and quotas */                                                           \
    X(weights_not_100, "P501", error, "权重合计不是 100%")                                     \
    X(zero_weight, "P502", warning, "权重为 0 的项不影响结果")                                 \
    X(grade_without_bands, "P503", error, "等次没有列出任何等次")                              \
    X(duplicate_band, "P504", error, "同一个等次名出现了两次")                                 \
    X(band_after_otherwise, "P505", error, "等次在 otherwise 之后, 永远不会得到")              \
    X(unreachable_band, "P506", error, "分数线不低于上一个等次, 这个等次永远不会得到")         \
    X(grade_without_floor, "P507", error, "最后一个等次不是 otherwise, 低分没有等次")          \
    X(quota_without_lower_band, "P508", error, "名额限制的等次之下没有等次可降")               \
    X(threshold_not_parameter, "P510", error, "分数线应为数字或 param 参数")                   \
    X(percent_parameter_threshold, "P511", error, "分数线参数的默认值不带 %")                 \
    X(weight_not_parameter, "P512", error, "权重应为百分数或 param 参数")                      \
    X(parameter_weight_not_percent, "P513", error, "权重参数的默认值应写作百分数")            \
    X(weight_without_percent, "P514", error, "权重应写作百分数, 例如 45%")                     \
    X(section_points_mismatch, "P520", error, "指标各项的分值合计与声明的分值不符")            \
    X(points_exceeded, "P521", warning, "按声明的输入范围, 指标最高得分超过它的分值")          \
    X(duplicate_section_member, "P522", error, "同一项在指标中列了两次")                      \
    X(member_points_unknown, "P523", error, "无法确定分项的分值, 无法核对指标的合计")          \
    /* flags, outputs and variants */                                                          \
    X(flag_placeholder_missing, "P601", error, "for 的标记文本中没有 {变量}")                  \
    X(flag_placeholder_without_loop, "P602", error, "标记文本中的 {…} 只能与 for 一起使用")    \
    X(missing_output, "P603", error, "方案没有 output 声明")                                   \
    X(duplicate_output, "P604", error, "实体已有 output 声明")                                 \
    X(reserved_output_key, "P605", error, "这个字段由 kaohe 自动输出, 不必声明")               \
    X(output_several_values, "P606", error, "一个输出字段只能输出一个值")                      \
    X(components_not_names, "P607", error, "components 中应列出已定义的名称")                  \
    X(output_value_type, "P608", error, "输出的值应为数值、文本或条件")                        \
    X(variant_without_base, "P609", error, "变体中的定义没有可替换的基础定义")                 \
    X(variant_condition, "P610", error, "变体的条件应为只用方案级输入的条件")                  \
    X(variant_type_mismatch, "P611", error, "变体中的定义与基础定义类型不同")                  \
    X(duplicate_output_key, "P612", error, "同一 output 中的字段名重复")                       \
    X(unknown_metadata_key, "P620", error, "未知的指标信息项")                                 \
    X(metadata_not_text, "P621", error, "指标信息应为带引号的文字")                            \
    X(duplicate_metadata_key, "P622", error, "同一指标信息项写了两次")                         \
    X(group_not_components, "P623", error, "只有 components 可以分组")                          \
    X(variant_indicator_clause, "P624", error, "变体中的定义沿用基础定义的分值和指标信息")    \
    /* order of evaluation and assertions */                                                   \
    X(cyclic_definition, "P701", error, "循环定义")                                            \
    X(unsupported_in_assert, "P702", error, "assert 中只能使用数字、maximum、minimum 和运算") \
    X(unbounded_value, "P703", error, "无法确定值的上限或下限")                                \
    X(assertion_failed, "P704", error, "断言不成立")                                           \
    X(quota_share_range, "P705", error, "名额比例应在 0 到 100% 之间")                         \
    /* what passes silently otherwise: warnings */                                             \
    X(threshold_out_of_reach, "P801", warning, "按声明的输入范围, 没有分数能达到这个分数线")         \
    X(unused_input, "P810", warning, "声明的输入没有被任何规则使用")                          \
    X(unused_value, "P811", warning, "计算的值既没有输出, 也没有被使用")                      \
    X(component_missing, "P812", warning, "计入得分的指标没有列在 output 的 components 中")   \
    /* the data: its shape and its values, found while reading it */                           \
    X(invalid_json, "D100", error, "数据文件不是有效的 JSON")                                  \
    X(document_not_object, "D101", error, "数据文件应为一个 JSON 对象")                        \
    X(missing_field, "D102", error, "缺少字段")                                                \
    X(null_value, "D103", error, "字段不能为 null")                                            \
    X(wrong_json_type, "D104", error, "字段的 JSON 类型不对")                                  \
    X(out_of_range, "D105", error, "数值超出声明的范围")                                       \
    X(invalid_id, "D106", error, "编号应为非空字符串或整数")                                   \
    X(empty_list, "D107", error, "nonempty 列表至少应有一项")                                  \
    X(unknown_parameter, "D108", error, "参数文件中的名称不是方案的参数")                      \
    X(bad_parameter_value, "D109", error, "参数的值写法不对")                                  \
    X(enum_value_outside, "D110", error, "文本不在枚举类型允许的值之中")                       \
    X(unreadable_number, "D111", error, "数值的指数过大或过小, 无法精确读取")                  \
    X(duplicate_id, "D112", error, "同一实体中编号重复")                                       \
    X(unknown_parent_key, "D120", error, "belongs to 的编号不是任何上级实体行的编号")          \
    X(missing_parent_key, "D121", error, "缺少 belongs to 所需的上级编号, 或编号不是字符串或数字") \
    X(duplicate_parent_id, "D122", error, "被 belongs to 引用的实体中编号重复, 归属无法确定")   \
    /* the data: rules of the policy that failed on it */                                      \
    X(requirement_failed, "D201", error, "数据不满足方案的 require 要求")                      \
    X(evaluation_failed, "D202", error, "按这些数据无法计算 (例如除数为 0、列表为空)") \
    X(parameter_weights_not_100, "D203", error, "参数给出的权重合计不是 100%")                  \
    X(parameter_thresholds_out_of_order, "D204", error, "参数给出的分数线没有从高到低排列")   \
    /* test files (kaohe test) */                                                              \
    X(test_syntax, "T101", error, "测试文件的写法无法识别")

enum class DiagnosticCode {
#define KAOHE_DIAGNOSTIC_ENUM(name, id, severity, description) name,
    KAOHE_DIAGNOSTIC_CODES(KAOHE_DIAGNOSTIC_ENUM)
#undef KAOHE_DIAGNOSTIC_ENUM
};

struct DiagnosticCodeInfo {
    DiagnosticCode code;
    std::string_view name;         // the enum name, for the docs
    std::string_view id;           // "P201": stable, what JSON output and the docs show
    Severity severity;             // the default; a data code is always an error
    std::string_view description;  // one line, Chinese; the message says the specifics
};

inline constexpr DiagnosticCodeInfo diagnostic_code_table[] = {
#define KAOHE_DIAGNOSTIC_INFO(name, id, severity, description) \
    {DiagnosticCode::name, #name, id, Severity::severity, description},
    KAOHE_DIAGNOSTIC_CODES(KAOHE_DIAGNOSTIC_INFO)
#undef KAOHE_DIAGNOSTIC_INFO
};

inline const DiagnosticCodeInfo& code_info(DiagnosticCode code) {
    return diagnostic_code_table[static_cast<std::size_t>(code)];
}

// A code about the data (D…) rather than the policy (P…).
inline bool is_data_code(DiagnosticCode code) { return code_info(code).id.front() == 'D'; }

}  // namespace kaohe
