// Where a rule names a `param` instead of writing a number: a weight in a weighted sum or a
// grade's threshold. Anywhere else a parameter is an ordinary scheme-level name.
//
// Only a parameter can stand there, not any value: a weight or a threshold is fixed for the
// whole run (so weights can be verified once, not per row), and its default lets `check`
// verify the scheme as written.
#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe::checker {
namespace {

std::vector<std::string> parameter_names(const State& state) {
    std::vector<std::string> names;
    for (SymbolId p : state.program.parameters) names.push_back(state.program.symbols[p].name);
    return names;
}

// What a name that is not a parameter is, for the message.
std::string what_it_is(const State& state, SymbolId symbol) {
    const Symbol& s = state.program.symbols[symbol];
    std::string where = s.entity ? " " + state.entity_name(s.entity) + " 的" : "方案级";
    return where + (s.kind == SymbolKind::input ? "输入项" : "计算值");
}

}  // namespace

SymbolId resolve_parameter(State& state, const std::string& name, Span span, ParameterUse use) {
    bool weight = use == ParameterUse::weight;
    const char* role = weight ? "权重" : "分数线";
    SymbolId symbol = state.find_symbol(EntityId::none(), name);
    if (!symbol) {
        for (const auto& [key, found] : state.symbol_by_name)
            if (key.second == name) symbol = found;  // defined on an entity: say so below
    }
    if (!symbol) {
        std::string suggestion = closest_name(name, parameter_names(state));
        state.diagnostics.report(Code::unknown_name, span, fmt::format("未定义的{}参数 {}", role, name),
                                 suggestion.empty() ? fmt::format("先声明参数, 例如 param {} = {}", name, weight ? "45%" : "90")
                                                    : fmt::format("是否指 {}？", suggestion));
        return SymbolId::none();
    }
    const Symbol& s = state.program.symbols[symbol];
    const InputSpec* spec = s.kind == SymbolKind::input ? &state.program.inputs[s.input] : nullptr;
    if (!spec || !spec->default_value) {
        std::string example = weight ? fmt::format("param {}权重 = 45%", name) : std::string("param 优秀线 = 90");
        state.diagnostics.report(
            weight ? Code::weight_not_parameter : Code::threshold_not_parameter, span,
            fmt::format("{} 是{}, 不能作{}: {}对整个方案只有一个值, 应为数字或 param 参数", name, what_it_is(state, symbol),
                        role, role),
            fmt::format("写数字, 或声明参数 ({}) 后用参数名; 参数可由数据或参数文件给出", example));
        return SymbolId::none();
    }
    if (weight && spec->number_kind != NumberKind::fraction) {
        state.diagnostics.report(Code::parameter_weight_not_percent, span,
                                 fmt::format("权重参数 {} 的默认值 {} 不是百分数", name, spec->default_value->to_string()),
                                 fmt::format("写作 param {} = {}%", name, spec->default_value->to_string()));
        return SymbolId::none();
    }
    if (!weight && spec->number_kind == NumberKind::fraction) {
        state.diagnostics.report(Code::percent_parameter_threshold, span,
                                 fmt::format("分数线参数 {} 的默认值带 %, 分数线写作数值", name),
                                 fmt::format("分数是 0 到 100 时写 param {} = {}", name,
                                             (*spec->default_value * Rational(100)).to_string()));
        return SymbolId::none();
    }
    return symbol;
}

}  // namespace kaohe::checker
