// What the user reads when the grammar fails hard at a rule: one message per rule that
// appears under must/if_must. Kept apart from grammar.hpp so the rules stay one screen.
#pragma once

#include "lang/grammar.hpp"

namespace kaohe::grammar {

// Rules with no entry below can only fail where the user wrote something unexpected
// in an unusual spot; they get this general message.
template <typename Rule>
inline constexpr const char* error_message = "这里的写法无法识别";

#define KAOHE_ERROR(rule, text) \
    template <>                 \
    inline constexpr const char* error_message<rule> = text

KAOHE_ERROR(declaration, "这里应为一个声明: scheme、use、param、record、entity、input、require、fn、value、section、rank、grade、veto、flag、output、variant、assert 或 enum");
KAOHE_ERROR(end_of_declaration, "声明已经结束, 这里多出了无法识别的内容");
KAOHE_ERROR(expr, "这里应为一个表达式, 例如名称、数字、45% 或函数调用");
KAOHE_ERROR(argument, "逗号后应为下一个参数");
KAOHE_ERROR(order_key, "逗号后应为下一个排序依据");
KAOHE_ERROR(argument_list, "冒号后应为要输出的名称");
KAOHE_ERROR(unary_expr, "运算符后应为一个值");
KAOHE_ERROR(multiply_expr, "运算符后应为一个值");
KAOHE_ERROR(add_expr, "比较运算符后应为一个值");
KAOHE_ERROR(not_expr, "这里应为一个条件");
KAOHE_ERROR(and_expr, "or 后应为一个条件");
KAOHE_ERROR(ascii_string_body, "字符串缺少结尾的引号 \"");
KAOHE_ERROR(cjk_string_body, "字符串缺少结尾的引号 ”");
KAOHE_ERROR(close_paren, "缺少右括号 )");
KAOHE_ERROR(open_paren, "这里应为左括号 (, 函数写作 fn 名称(参数: 类型) = 表达式");
KAOHE_ERROR(close_brace, "缺少右花括号 }, 或块中有无法识别的一行");
KAOHE_ERROR(weighted_close, "这里应为权重 (例如 45%, 或 param 声明的权重名) 或结束的 }");
KAOHE_ERROR(open_brace, "这里应为 {");
KAOHE_ERROR(equals, "这里应为 =");
KAOHE_ERROR(colon, "这里应为冒号 :");
KAOHE_ERROR(scheme_name, "scheme 后应为方案名称");
KAOHE_ERROR(module_ref, "use 后应为标准库模块名 (例如 votes) 或带引号的文件路径 (例如 \"./公共指标.kh\")");
KAOHE_ERROR(record_name, "record 后应为记录类型名称");
KAOHE_ERROR(entity_name, "entity 后应为实体名称, 例如 县区");
KAOHE_ERROR(entity_ref, "这里应为实体名称, 例如 成员");
KAOHE_ERROR(input_name, "input 后应为输入项名称");
KAOHE_ERROR(input_type, "这里应为类型: number、percent、count、score、text、bool、list of 类型, 或记录、枚举类型名");
KAOHE_ERROR(type_name, "这里应为类型名: number、percent、count、score、text、bool 或记录、枚举类型名");
KAOHE_ERROR(kw_of, "list 后应为 of, 例如 list of score");
KAOHE_ERROR(range_low, "in 后应为取值范围, 例如 in -100..1000");
KAOHE_ERROR(range_dots, "取值范围写作 下限..上限, 例如 in 0..1");
KAOHE_ERROR(at_clause, "这里应为 at 加 JSON 字段名, 例如 at performance_score");
KAOHE_ERROR(entity_at, "这里应为 at 加数组字段名, 例如 at counties (几个数组: at cities, direct_counties)");
KAOHE_ERROR(entity_array, "逗号后应为下一个数组字段名, 例如 direct_counties");
KAOHE_ERROR(array_flag, "as 后应为这个数组的行的名称, 例如 at direct_counties as 直管县");
KAOHE_ERROR(kw_to, "这里应为 to: belongs to 县区 by county_id");
KAOHE_ERROR(parent_key, "这里应为 by 加存放上级编号的字段, 例如 belongs to 县区 by county_id");
KAOHE_ERROR(json_path, "这里应为 JSON 字段名, 例如 performance_score 或 counties");
KAOHE_ERROR(key_clause, "这里应为 key 加编号字段, 例如 key id");
KAOHE_ERROR(require_message, "else 后应为带引号的错误说明");
KAOHE_ERROR(fn_name, "fn 后应为函数名称");
KAOHE_ERROR(param, "逗号后应为下一个参数: 名称: 类型");
KAOHE_ERROR(value_name, "value 后应为名称");
KAOHE_ERROR(section_name, "section 后应为指标名称, 例如 section 减贫成效 of 县 points 40: A1, A2");
KAOHE_ERROR(section_member, "逗号后应为下一项指标的名称");
KAOHE_ERROR(section_members, "冒号后应为所含指标的名称, 用逗号分开");
KAOHE_ERROR(points_number, "points 后应为分值, 例如 points 15");
KAOHE_ERROR(rank_name, "rank 后应为名次的名称");
KAOHE_ERROR(grade_name, "grade 后应为等次的名称");
KAOHE_ERROR(grade_ref, "cap 后应为等次的名称, 例如 cap 等次 at 称职");
KAOHE_ERROR(of_clause, "这里应为 of 加实体名, 例如 of 成员");
KAOHE_ERROR(kw_by, "这里应为 by 加依据, 例如 by 综合得分");
KAOHE_ERROR(band_condition, "等次名后应为 >= 分数线、> 分数线 或 otherwise");
KAOHE_ERROR(band_threshold, "这里应为分数线数字 (例如 90) 或 param 声明的分数线名");
KAOHE_ERROR(parameter_name, "param 后应为参数名称, 例如 param 实绩权重 = 45%");
KAOHE_ERROR(parameter_default, "参数写作 param 名称 = 默认值, 默认值是数字, 例如 45% 或 90");
KAOHE_ERROR(band_label, "这里应为等次名, 例如 优秀");
KAOHE_ERROR(kw_share, "quota 写作: quota 优秀 share 比例 per 县区 round floor order 得分 desc tie flag \"…\" excess flag \"…\"; 这里应为 share");
KAOHE_ERROR(kw_per, "名额比例后应为 per 加名额池的实体, 例如 per 县区");
KAOHE_ERROR(kw_round, "这里应为 round 加名额取整方式, 例如 round floor (名额池写在它前面: per 县区; 不写 per 就是全部一起)");
KAOHE_ERROR(rounding_mode, "这里应为取整方式: floor、ceil 或 half_up");
KAOHE_ERROR(kw_order, "这里应为 order 加排序依据, 例如 order 综合得分 desc");
KAOHE_ERROR(order_keys, "order 后应为排序依据, 例如 综合得分 desc");
KAOHE_ERROR(kw_tie, "这里应为 tie flag \"…\": 名额线上并列时给出的标记");
KAOHE_ERROR(kw_excess, "这里应为 excess flag \"…\": 超出名额时给出的标记");
KAOHE_ERROR(kw_flag, "这里应为 flag 加带引号的标记名");
KAOHE_ERROR(tie_flag, "这里应为带引号的标记名, 例如 \"并列待定\"");
KAOHE_ERROR(excess_flag, "这里应为带引号的标记名, 例如 \"超出优秀名额\"");
KAOHE_ERROR(flag_text, "flag 后应为带引号的标记名, 例如 \"诫勉谈话\"");
KAOHE_ERROR(loop_var, "for 后应为循环变量名, 例如 for 事项 in 否决事项");
KAOHE_ERROR(kw_in, "这里应为 in 加列表");
KAOHE_ERROR(kw_at, "这里应为 at");
KAOHE_ERROR(when_clause, "这里应为 when 加条件");
KAOHE_ERROR(output_kind, "as 后应为输出的实体类别, 例如 member");
KAOHE_ERROR(kw_as, "这里应为 as 加输出的实体类别, 例如 as member");
KAOHE_ERROR(kw_then, "这里应为 then");
KAOHE_ERROR(kw_else, "这里应为 else");
KAOHE_ERROR(field_name, "点号后应为字段名");
KAOHE_ERROR(kw_where, "这里应为 where");
KAOHE_ERROR(variant_name, "这里应为变体名称, 例如 第三年");
KAOHE_ERROR(assert_message, "else 后应为带引号的说明");
KAOHE_ERROR(enum_name, "enum 后应为枚举类型名称, 例如 enum 满意程度 { 满意, 基本满意, 不满意 }");
KAOHE_ERROR(enum_values, "{ 后应为枚举的值, 例如 满意 或 \"基本满意\"");
KAOHE_ERROR(enum_value, "逗号后应为下一个枚举值");

#undef KAOHE_ERROR

}  // namespace kaohe::grammar
