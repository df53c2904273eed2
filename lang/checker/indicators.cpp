// Indicators as a policy document lists them: each value's points and metadata (条款, 考核部门,
// 数据来源), and sections (一级/二级指标) whose members' points must add up to the section's.
//
// A section is an ordinary value to the rest of the checker (the parser wrote it as the sum of
// its members); this file only keeps its structure and checks the arithmetic of the points. A
// member's points are the ones it declares, else (a section) its own members' total, else the
// most it can score by the declared input ranges. The cost of that last rule: a member that
// cannot be bounded must say its points before the section can be checked.
#include <set>

#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe::checker {
namespace {

struct MetadataKey {
    const char* key;
    std::string IndicatorInfo::*field;
};
constexpr MetadataKey metadata_keys[] = {
    {"article", &IndicatorInfo::article}, {"dept", &IndicatorInfo::department}, {"source", &IndicatorInfo::source}};

IndicatorInfo read_metadata(State& state, const ast::ValueDecl& decl) {
    IndicatorInfo info;
    for (const ast::MetaItem& item : decl.metadata) {
        const MetadataKey* known = nullptr;
        for (const auto& key : metadata_keys)
            if (item.key == key.key) known = &key;
        if (!known) {
            std::vector<std::string> names;
            for (const auto& key : metadata_keys) names.push_back(key.key);
            std::string suggestion = closest_name(item.key, names);
            state.diagnostics.report(Code::unknown_metadata_key, item.key_span, "未知的指标信息项 " + item.key,
                                     (suggestion.empty() ? std::string() : fmt::format("是否指 {}？", suggestion)) +
                                         "可写 article \"条款\"、dept \"考核部门\"、source \"数据来源\"");
            continue;
        }
        if (!item.is_text) {
            state.diagnostics.report(Code::metadata_not_text, item.value_span,
                                     fmt::format("{} 的内容应为带引号的文字", item.key),
                                     fmt::format("例如 {} \"{}\"", item.key, item.text));
            continue;
        }
        std::string& field = info.*(known->field);
        if (!field.empty()) {
            state.diagnostics.report(Code::duplicate_metadata_key, item.key_span,
                                     fmt::format("{} 的 {} 写了两次", decl.name, item.key), "只保留一个");
            continue;
        }
        field = item.text;
    }
    return info;
}

// A member's name as the section's sum resolves it: the section's entity, then its ancestors.
SymbolId find_member(const State& state, EntityId entity, const std::string& name) {
    for (EntityId e = entity;; e = state.program.entities[e].parent) {
        if (SymbolId found = state.find_symbol(e, name)) return found;
        if (!e) return SymbolId::none();
    }
}

class PointsCheck {
public:
    PointsCheck(State& state, std::map<SymbolId, const ast::ValueDecl*> values) : state_(state), values_(std::move(values)) {
        for (const auto& [symbol, decl] : values_)
            if (decl->section) sections_[symbol] = decl;
        // Bounds only where a number of points is compared: values with points, and members.
        std::vector<SymbolId> compared;
        for (const auto& [symbol, decl] : values_)
            if (decl->points) compared.push_back(symbol);
        for (const Section& section : state.program.sections)
            compared.insert(compared.end(), section.members.begin(), section.members.end());
        highest_ = highest_values(state, compared);
    }

    void run() {
        for (const auto& [symbol, decl] : sections_)
            if (decl->points) section_total(symbol, true);
        for (const auto& [symbol, decl] : values_) exceeded(symbol);
        exceeded_in_variants();
    }

private:
    State& state_;
    std::map<SymbolId, const ast::ValueDecl*> values_;    // every value and section, by its symbol
    std::map<SymbolId, const ast::ValueDecl*> sections_;
    std::map<SymbolId, std::optional<Rational>> highest_;
    std::map<SymbolId, std::optional<Rational>> totals_;  // sections whose members were added up

    // A value's declared points, the most it can score above them: a formula that gives more
    // than the document allows (15 × 完成率 where 完成率 is not capped at 1).
    void exceeded(SymbolId symbol) {
        const Symbol& s = state_.program.symbols[symbol];
        auto decl = values_.find(symbol);
        if (!s.points || decl == values_.end() || decl->second->section) return;
        const auto& high = highest_[symbol];
        if (high && *high <= *s.points) return;
        state_.diagnostics.report(
            Code::points_exceeded, decl->second->points_span,
            high ? fmt::format("{} 的分值是 {} 分, 但按声明的输入范围最高可得 {} 分", s.name, s.points->to_string(),
                               high->to_string())
                 : fmt::format("{} 的分值是 {} 分, 但按声明的输入范围得分没有上限", s.name, s.points->to_string()),
            fmt::format("检查计分公式, 或用 min({}, …) 封顶", s.points->to_string()));
    }

    // What a member counts for in its section's total; reports a member that cannot be counted.
    std::optional<Rational> member_points(SymbolId member, const ast::SectionMember& written, const std::string& section) {
        const Symbol& s = state_.program.symbols[member];
        if (s.points) return s.points;
        if (sections_.count(member)) {
            if (auto total = section_total(member, false)) return total;
            return std::nullopt;  // its own members were reported
        }
        if (highest_[member]) return highest_[member];
        state_.diagnostics.report(
            Code::member_points_unknown, written.span,
            fmt::format("无法确定 {} 的分值, 因此无法核对 {} 的合计", s.name, section),
            fmt::format("为它写上分值, 例如 value {} points 10 = …, 或为它用到的输入声明取值范围", s.name));
        return std::nullopt;
    }

    // A variant's formula keeps the base definition's points (P624), so it must keep within them
    // too: 第三年's `A2 = 满意率 / 5` on a 10-point item.
    void exceeded_in_variants() {
        for (VariantId variant : state_.program.variants.ids()) {
            std::vector<SymbolId> replaced;
            std::map<SymbolId, const ast::Expr*> written;
            for (const auto& [symbol, overrides] : state_.overrides)
                for (const auto& [v, expr] : overrides)
                    if (v == variant && state_.program.symbols[symbol].points) {
                        replaced.push_back(symbol);
                        written[symbol] = expr;
                    }
            if (replaced.empty()) continue;
            auto highest = highest_values(state_, replaced, variant);
            for (SymbolId symbol : replaced) {
                const Symbol& s = state_.program.symbols[symbol];
                const auto& high = highest[symbol];
                if (high && *high <= *s.points) continue;
                state_.diagnostics.report(
                    Code::points_exceeded, written[symbol]->span,
                    high ? fmt::format("变体 {} 中 {} 的分值是 {} 分, 但按声明的输入范围最高可得 {} 分",
                                       state_.program.variants[variant].name, s.name, s.points->to_string(),
                                       high->to_string())
                         : fmt::format("变体 {} 中 {} 的分值是 {} 分, 但按声明的输入范围得分没有上限",
                                       state_.program.variants[variant].name, s.name, s.points->to_string()),
                    fmt::format("检查计分公式, 或用 min({}, …) 封顶", s.points->to_string()));
            }
        }
    }

    // The sum of a section's members' points; with `compare`, checked against its declared points.
    std::optional<Rational> section_total(SymbolId symbol, bool compare) {
        if (auto done = totals_.find(symbol); done != totals_.end() && !compare) return done->second;
        const ast::ValueDecl& decl = *sections_.at(symbol);
        const Symbol& s = state_.program.symbols[symbol];
        Rational total(0);
        std::string parts;
        bool known = true;
        for (const ast::SectionMember& written : decl.members) {
            SymbolId member = find_member(state_, s.entity, written.name);
            if (!member) return totals_[symbol] = std::nullopt;
            auto points = member_points(member, written, s.name);
            if (!points) {
                known = false;
                continue;
            }
            total = total + *points;
            const char* how = state_.program.symbols[member].points ? ""
                              : sections_.count(member)                ? " (各项合计)"
                                                                       : " (最高可得)";
            parts += fmt::format("{}{} {}{}", parts.empty() ? "" : "、", written.name, points->to_string(), how);
        }
        totals_[symbol] = known ? std::optional(total) : std::nullopt;
        if (compare && known && total != *s.points)
            state_.diagnostics.report(
                Code::section_points_mismatch, decl.points_span,
                fmt::format("{} 声明 {} 分, 各项分值合计 {} 分: {}", s.name, s.points->to_string(), total.to_string(), parts),
                fmt::format("调整 points 或各项的分值, 使合计为 {} 分", s.points->to_string()));
        return totals_[symbol];
    }
};

}  // namespace

void declare_indicators(State& state, const std::vector<ast::Module>& modules) {
    for (const auto& module : modules)
        for (const auto& variant : module.variants)
            for (const auto& value : variant.values)
                if (value.points || !value.metadata.empty())
                    state.diagnostics.report(
                        Code::variant_indicator_clause, value.points ? value.points_span : value.metadata.front().key_span,
                        fmt::format("变体 {} 中的 {} 沿用基础定义的分值和指标信息, 这里不能再写", variant.name, value.name),
                        "把 points 和 article、dept、source 写在基础定义上");
    for (const auto& module : modules)
        for (const auto& value : module.values) {
            IndicatorInfo info = read_metadata(state, value);
            SymbolId symbol = state.declared_symbol(&value);
            if (!symbol) continue;
            state.program.symbols[symbol].info = std::move(info);
            state.program.symbols[symbol].points = value.points;
        }
}

namespace {

// What a section member stands for: itself and, for a section, everything inside it.
void collect_parts(const std::map<SymbolId, const Section*>& sections, SymbolId member, std::set<SymbolId>& parts) {
    if (!parts.insert(member).second) return;
    if (auto section = sections.find(member); section != sections.end())
        for (SymbolId inner : section->second->members) collect_parts(sections, inner, parts);
}

// `section 小计: A2, A4` inside `section 总: A1, 小计, A4` counts A4 twice, though every list is
// free of repeats: two members of one section must not share a part.
void check_counted_twice(State& state, const std::map<SymbolId, const ast::ValueDecl*>& values) {
    std::map<SymbolId, const Section*> sections;
    for (const Section& section : state.program.sections) sections[section.symbol] = &section;
    for (const Section& section : state.program.sections) {
        const ast::ValueDecl& decl = *values.at(section.symbol);
        std::vector<std::set<SymbolId>> parts(section.members.size());
        for (std::size_t i = 0; i < section.members.size(); ++i) collect_parts(sections, section.members[i], parts[i]);
        for (std::size_t j = 1; j < section.members.size(); ++j)
            for (std::size_t i = 0; i < j; ++i) {
                if (section.members[i] == section.members[j]) continue;  // listed twice: reported already
                for (SymbolId shared : parts[j]) {
                    if (!parts[i].count(shared)) continue;
                    auto name = [&](SymbolId s) -> const std::string& { return state.program.symbols[s].name; };
                    auto where = [&](SymbolId member, SymbolId part) {
                        return member == part ? std::string("直接列出") : "在 " + name(member) + " 中";
                    };
                    const ast::SectionMember* written = nullptr;
                    for (const auto& m : decl.members)
                        if (m.name == name(section.members[j])) written = &m;
                    state.diagnostics.report(
                        Code::duplicate_section_member, written ? written->span : decl.name_span,
                        fmt::format("{} 在 {} 里会被计入两次: {}, 又{}", name(shared), name(section.symbol),
                                    where(section.members[i], shared), where(section.members[j], shared)),
                        "每一项只列在一个地方");
                    break;
                }
            }
    }
}

}  // namespace

void check_sections(State& state, const std::vector<ast::Module>& modules) {
    std::map<SymbolId, const ast::ValueDecl*> values;
    for (const auto& module : modules)
        for (const auto& value : module.values) {
            SymbolId symbol = state.declared_symbol(&value);
            if (symbol) values[symbol] = &value;
            if (!value.section || !symbol) continue;
            Section section{symbol, {}};
            for (std::size_t i = 0; i < value.members.size(); ++i) {
                const auto& member = value.members[i];
                bool repeated = false;
                for (std::size_t j = 0; j < i; ++j) repeated = repeated || value.members[j].name == member.name;
                if (repeated)
                    state.diagnostics.report(Code::duplicate_section_member, member.span,
                                             fmt::format("{} 在 {} 中列了两次, 会被计入两次", member.name, value.name),
                                             "删去重复的一项");
                if (SymbolId found = find_member(state, state.program.symbols[symbol].entity, member.name))
                    section.members.push_back(found);
            }
            state.program.sections.push_back(std::move(section));
        }
    check_counted_twice(state, values);
    // Adding up points needs every definition typed; after an error the bounds would mislead.
    bool any_points = false;
    for (const auto& [symbol, decl] : values) any_points = any_points || decl->points;
    if (any_points && !state.diagnostics.has_errors()) PointsCheck(state, std::move(values)).run();
}

}  // namespace kaohe::checker
