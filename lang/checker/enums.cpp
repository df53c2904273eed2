// Enumerations: their declarations, and the texts a policy writes beside an enum-typed value.
//
// An enumeration's value is a text at run time, so nothing after the checker knows about it
// except bind, which checks the data against the set. Everything a policy writes is checked
// here: a literal compared with, chosen beside or passed as an enum-typed value must be one of
// its values (`满意度 = "满易"` would otherwise be false for everyone and silently change a score).
#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe::checker {
namespace {

std::string joined_values(const std::vector<std::string>& values) {
    std::string all;
    for (const auto& v : values) all += (all.empty() ? "" : "、") + v;
    return all;
}

// The fixed set of texts a type's values come from: an enumeration's values or a grade's band
// labels; null for any other type.
const std::vector<std::string>* value_set(const State& state, const Type& type, std::vector<std::string>& labels) {
    if (type.enumeration) return &state.program.enums[type.enumeration].values;
    if (!type.grade) return nullptr;
    auto found = state.grade_declarations.find(type.grade);
    if (found == state.grade_declarations.end()) return nullptr;
    for (const auto& band : found->second->bands) labels.push_back(band.label);
    return &labels;
}

std::string set_name(const State& state, const Type& type) {
    return type.enumeration ? state.program.enums[type.enumeration].name : state.program.symbols[type.grade].name;
}

}  // namespace

void declare_enums(State& state, const std::vector<ast::Module>& modules) {
    for (const auto& module : modules)
        for (const auto& decl : module.enums) {
            static const char* const built_in[] = {"number", "percent", "score", "count", "text", "bool"};
            bool is_built_in = false;
            for (const char* name : built_in) is_built_in = is_built_in || decl.name == name;
            if (is_built_in) {
                state.diagnostics.report(Code::duplicate_definition, decl.name_span,
                                         fmt::format("枚举类型名 {} 与内置类型同名", decl.name), "请换一个名字, 例如 满意程度");
                continue;
            }
            if (auto first = state.enum_by_name.find(decl.name); first != state.enum_by_name.end()) {
                Diagnostic& d = state.diagnostics.report(Code::duplicate_definition, decl.name_span,
                                                         "枚举类型 " + decl.name + " 重复定义");
                d.related.push_back({state.program.enums[first->second].span, "首次定义在这里"});
                continue;
            }
            EnumType type{decl.name, decl.name_span, {}};
            for (std::size_t i = 0; i < decl.values.size(); ++i) {
                bool repeated = false;
                for (const auto& earlier : type.values) repeated = repeated || earlier == decl.values[i];
                if (repeated) {
                    state.diagnostics.report(Code::duplicate_enum_value, decl.value_spans[i],
                                             fmt::format("{} 在枚举类型 {} 中出现了两次", decl.values[i], decl.name),
                                             "删去重复的一个");
                    continue;
                }
                type.values.push_back(decl.values[i]);
            }
            state.enum_by_name[decl.name] = state.program.enums.push_back(std::move(type));
        }
}

void check_enum_literal(State& state, const Type& typed, CheckedExpr& literal) {
    if (!typed.enumeration || typed.list || literal.op != ExprOp::constant || literal.constant.base != BaseType::text)
        return;
    const EnumType& type = state.program.enums[typed.enumeration];
    const std::string& text = literal.constant.text;
    bool known = text.empty();  // "": an optional value that is missing
    for (const auto& value : type.values) known = known || value == text;
    if (known) {
        literal.type.enumeration = typed.enumeration;
        return;
    }
    std::string suggestion = closest_name(text, type.values);
    state.diagnostics.report(Code::unknown_enum_value, literal.span,
                             fmt::format("“{}” 不是枚举类型 {} 的值 ({})", text, type.name, joined_values(type.values)),
                             suggestion.empty() ? fmt::format("应为 {} 之一", joined_values(type.values))
                                                : fmt::format("是否指 “{}”？", suggestion));
}

bool check_enum_pair(State& state, const Type& a, const Type& b, Span span, const char* doing) {
    if (a.enumeration == b.enumeration && a.grade == b.grade) return true;
    std::vector<std::string> labels_a, labels_b;
    const auto* values_a = value_set(state, a, labels_a);
    const auto* values_b = value_set(state, b, labels_b);
    if (!values_a || !values_b) return true;
    for (const auto& x : *values_a)
        for (const auto& y : *values_b)
            if (x == y) return true;  // overlapping sets can be compared meaningfully
    state.diagnostics.report(
        Code::enums_disjoint, span,
        fmt::format("{} ({}) 和 {} ({}) 没有共同的值, {}", set_name(state, a), joined_values(*values_a),
                    set_name(state, b), joined_values(*values_b), doing),
        a.grade || b.grade ? "等次只能与它自己的等次名比较: 检查是否写错了名称"
                           : "两边应是同一个枚举类型: 检查是否写错了名称, 或把输入项声明为同一个 enum");
    return false;
}

bool check_enum_argument(State& state, const Type& param, CheckedExpr& arg, const std::string& what) {
    if (!param.enumeration) return true;
    if (arg.op == ExprOp::constant && arg.constant.base == BaseType::text) {
        check_enum_literal(state, param, arg);
        return true;
    }
    if (arg.type.enumeration || arg.type.grade)
        return check_enum_pair(state, param, arg.type, arg.span, "传入的值永远不在参数允许的值之中");
    state.diagnostics.report(
        Code::text_as_enum, arg.span,
        fmt::format("{}应为枚举类型 {} 的值, 这里是不受检查的文本", what, state.program.enums[param.enumeration].name),
        fmt::format("把这个输入项声明为 {} (数据读入时检查取值), 或直接写出其中一个值", state.program.enums[param.enumeration].name));
    return false;
}

}  // namespace kaohe::checker
