#include "runtime/overrides.hpp"

#include "base/utf8.hpp"
#include "lang/diagnostics.hpp"
#include "runtime/what_if.hpp"

namespace kaohe {
namespace {

std::vector<std::string> parameter_names(const Program& program) {
    std::vector<std::string> names;
    for (SymbolId p : program.parameters) names.push_back(program.symbols[p].name);
    return names;
}

ResolvedOverride unknown(const std::string& what, const std::string& name, const std::vector<std::string>& candidates) {
    std::string closest = closest_name(name, candidates);
    return {"", what + " " + name, closest.empty() ? "" : "是否指 " + closest + "？"};
}

const std::string& name_of(const Program& program, SymbolId symbol) { return program.symbols[symbol].name; }

// VALUE.COMPONENT: the weight of COMPONENT in VALUE's weighted sum (runtime/what_if finds it);
// the candidates for 是否指 are gathered only when it is not there.
ResolvedOverride weight(const Program& program, const std::string& value, const std::string& component) {
    if (std::optional<WeightRef> found = find_weight(program, value, component)) {
        SymbolId parameter = program.weightings[found->weighting].parameters[found->item];
        if (!parameter)
            return {"", value + " 中 " + component + " 的权重写作数字, 还不能用 --set 修改",
                    "在方案中把它写成参数 (param), 例如 param " + component + "权重 = …"};
        return {name_of(program, parameter), "", ""};
    }
    std::vector<std::string> weighted_values;
    for (const auto& definition : program.values) {
        const CheckedExpr* weighted = definition.expr ? find_weighted(*definition.expr) : nullptr;
        if (!weighted) continue;
        weighted_values.push_back(name_of(program, definition.symbol));
        if (weighted_values.back() != value) continue;
        std::vector<std::string> components;
        for (const auto& term : weighted->args)
            if (term->op == ExprOp::symbol) components.push_back(name_of(program, term->symbol));
        return unknown(value + " 的加权和中没有", component, components);
    }
    return unknown("没有名为这个的参数或加权和:", value, weighted_values);
}

// GRADE.BAND and GRADE.BAND.share.
ResolvedOverride grade_place(const Program& program, const std::string& grade_name, const std::string& band_label,
                             bool share) {
    std::vector<std::string> grades;
    for (const Grade& grade : program.grades) {
        grades.push_back(name_of(program, grade.symbol));
        if (grades.back() != grade_name) continue;
        std::vector<std::string> labels;
        for (BandIndex b : grade.bands.ids()) {
            const Band& band = grade.bands[b];
            labels.push_back(band.label);
            if (band.label != band_label) continue;
            if (!share) {
                if (band.edge == BandEdge::otherwise) return {"", grade_name + " 的 " + band_label + " 没有分数线 (otherwise)", ""};
                if (!band.parameter)
                    return {"", grade_name + " 的 " + band_label + " 分数线写作数字, 还不能用 --set 修改",
                            "在方案中把它写成参数 (param), 例如 param " + band_label + "线 = …"};
                return {name_of(program, band.parameter), "", ""};
            }
            for (const Quota& quota : grade.quotas) {
                if (quota.band != b) continue;
                if (quota.share->op == ExprOp::symbol && program.symbols[quota.share->symbol].kind == SymbolKind::input &&
                    program.inputs[program.symbols[quota.share->symbol].input].default_value)
                    return {name_of(program, quota.share->symbol), "", ""};
                return {"", grade_name + " 的 " + band_label + " 名额比例由公式算出, 不能直接用 --set 修改",
                        "请用 --set 修改这个公式用到的参数"};
            }
            return {"", grade_name + " 的 " + band_label + " 没有名额 (quota)", ""};
        }
        return unknown(grade_name + " 中没有等次", band_label, labels);
    }
    return unknown("没有名为这个的参数或等次:", grade_name, grades);
}

}  // namespace

bool parse_override(std::string_view text, Override& out) {
    return split_assignment(text, out.name, out.value) && !out.value.empty();
}

ResolvedOverride resolve_override(const Program& program, const Override& override) {
    for (SymbolId p : program.parameters)
        if (name_of(program, p) == override.name) return {override.name, "", ""};
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        std::size_t dot = override.name.find('.', start);
        parts.push_back(override.name.substr(start, dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    if (parts.size() == 3 && parts[2] == "share") return grade_place(program, parts[0], parts[1], true);
    if (parts.size() == 2) {
        for (const Grade& grade : program.grades)
            if (name_of(program, grade.symbol) == parts[0]) return grade_place(program, parts[0], parts[1], false);
        return weight(program, parts[0], parts[1]);
    }
    return unknown("没有名为这个的参数:", override.name, parameter_names(program));
}

}  // namespace kaohe
