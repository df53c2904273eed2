#include "cli/formats/impact.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cli/formats/rows.hpp"

namespace kaohe::cli {
namespace {

using Json = nlohmann::ordered_json;

const char* cause_word(const std::string& cause) {
    if (cause == "score") return "得分";
    if (cause == "weight") return "权重";
    if (cause == "threshold") return "分数线";
    if (cause == "veto") return "一票否决";
    if (cause == "quota") return "名额";
    if (cause == "others") return "他人得分";
    if (cause == "added") return "新方案才有";
    return "旧方案才有";
}

std::string standing_text(const std::optional<RowStanding>& s, std::string RowStanding::*field) {
    if (!s) return "无";
    const std::string& text = (*s).*field;
    return text.empty() ? "—" : text;
}

std::string flags_text(const std::vector<std::string>& flags) { return flags.empty() ? "无" : join(flags, "、"); }

Json standing_json(const std::optional<RowStanding>& s) {
    if (!s) return nullptr;
    auto text = [](const std::string& t) { return t.empty() ? Json(nullptr) : Json(t); };
    Json rank = nullptr;
    if (!s->rank.empty()) rank = std::stoll(s->rank);
    return {{"score", text(s->score)}, {"grade", text(s->grade)}, {"rank", rank}, {"flags", s->flags}};
}

Json row_json(const RowImpact& r) {
    return {{"id", r.id}, {"entity", r.kind}, {"before", standing_json(r.before)}, {"after", standing_json(r.after)},
            {"causes", r.causes}};
}

}  // namespace

std::string impact_text(const Impact& impact, const std::string& heading) {
    std::string out = fmt::format("{} ({} 行 → {} 行)\n\n", heading, impact.rows_before, impact.rows_after);
    std::vector<std::vector<std::string>> grades{{"  等次", "之前", "之后", "变化"}};
    auto count_in = [](const auto& counts, const std::string& label) {
        for (const auto& [l, n] : counts)
            if (l == label) return n;
        return std::size_t(0);
    };
    std::vector<std::string> labels;
    for (const auto* counts : {&impact.grades_after, &impact.grades_before})
        for (const auto& [label, n] : *counts)
            if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
    for (const std::string& label : labels) {
        long a = long(count_in(impact.grades_before, label)), b = long(count_in(impact.grades_after, label));
        grades.push_back({"  " + label, std::to_string(a), std::to_string(b), b == a ? "0" : fmt::format("{:+}", b - a)});
    }
    out += aligned_columns(grades);
    std::vector<std::vector<std::string>> flags{{"  标记", "之前", "之后", "变化"}};
    for (const auto& [flag, after_count] : impact.flags_after) {
        long a = long(count_in(impact.flags_before, flag)), b = long(after_count);
        if (a != b) flags.push_back({"  " + flag, std::to_string(a), std::to_string(b), fmt::format("{:+}", b - a)});
    }
    if (flags.size() > 1) out += "\n" + aligned_columns(flags);

    if (impact.changed.empty()) out += "\n没有哪一行的等次或名次改变\n";
    else {
        out += fmt::format("\n等次或名次改变的 {} 行:\n", impact.changed.size());
        std::vector<std::vector<std::string>> rows{{"  id", "种类", "得分", "等次", "名次", "原因"}};
        for (const RowImpact& r : impact.changed) {
            std::string causes;
            for (const std::string& cause : r.causes) causes += (causes.empty() ? "" : "、") + std::string(cause_word(cause));
            rows.push_back({"  " + r.id, r.kind,
                            standing_text(r.before, &RowStanding::score) + " → " + standing_text(r.after, &RowStanding::score),
                            standing_text(r.before, &RowStanding::grade) + " → " + standing_text(r.after, &RowStanding::grade),
                            standing_text(r.before, &RowStanding::rank) + " → " + standing_text(r.after, &RowStanding::rank),
                            causes});
        }
        out += aligned_columns(rows);
    }
    if (!impact.fields.empty()) {
        out += fmt::format("\n其他输出字段改变的 {} 处:\n", impact.fields.size());
        std::vector<std::vector<std::string>> rows{{"  id", "种类", "字段", "之前 → 之后"}};
        for (const FieldChange& f : impact.fields)
            rows.push_back({"  " + f.id, f.kind, f.field, (f.before.empty() ? "—" : f.before) + " → " + (f.after.empty() ? "—" : f.after)});
        out += aligned_columns(rows);
    }
    if (!impact.flagged.empty()) {
        out += fmt::format("\n只有标记改变的 {} 行:\n", impact.flagged.size());
        std::vector<std::vector<std::string>> rows{{"  id", "种类", "标记 (前 → 后)"}};
        for (const RowImpact& r : impact.flagged)
            rows.push_back({"  " + r.id, r.kind, flags_text(r.before->flags) + " → " + flags_text(r.after->flags)});
        out += aligned_columns(rows);
    }
    if (impact.scores_changed > 0) {  // a side nothing moved to is not named (no "最大降 -0.00")
        std::vector<std::string> extremes;
        if (impact.largest_rise.sign() > 0) extremes.push_back("最大升 +" + impact.largest_rise.to_decimal(2));
        if (impact.largest_fall.sign() > 0) extremes.push_back("最大降 -" + impact.largest_fall.to_decimal(2));
        out += fmt::format("\n得分改变的 {} 行, {}\n", impact.scores_changed, join(extremes, ", "));
    }
    if (!impact.movers.empty()) {
        out += fmt::format("\n得分变化最大的 {} 行:\n", impact.movers.size());
        std::vector<std::vector<std::string>> rows;
        for (const RowImpact& r : impact.movers) {
            Rational delta = *Rational::parse(r.after->score) - *Rational::parse(r.before->score);
            rows.push_back({"  " + r.id, r.kind, r.before->score + " → " + r.after->score,
                            (delta > Rational(0) ? "+" : "") + delta.to_decimal(2)});
        }
        out += aligned_columns(rows);
    }
    return out;
}

Json impact_json(const Impact& impact, const std::string& data_file) {
    auto counts = [](const auto& pairs) {
        Json object = Json::object();
        for (const auto& [label, n] : pairs) object[label] = n;
        return object;
    };
    Json changed = Json::array(), movers = Json::array(), fields = Json::array(), flagged = Json::array();
    for (const RowImpact& r : impact.flagged) flagged.push_back(row_json(r));
    for (const FieldChange& f : impact.fields)
        fields.push_back({{"id", f.id}, {"entity", f.kind}, {"field", f.field}, {"before", f.before}, {"after", f.after}});
    for (const RowImpact& r : impact.changed) changed.push_back(row_json(r));
    for (const RowImpact& r : impact.movers) movers.push_back(row_json(r));
    return {{"data", data_file},
                     {"rows", {{"before", impact.rows_before}, {"after", impact.rows_after}}},
                     {"grades", {{"before", counts(impact.grades_before)}, {"after", counts(impact.grades_after)}}},
                     {"flags", {{"before", counts(impact.flags_before)}, {"after", counts(impact.flags_after)}}},
                     {"changed", std::move(changed)},
                     {"flags_changed", std::move(flagged)},
                     {"fields", std::move(fields)},
                     {"scores", {{"changed", impact.scores_changed}, {"largest_rise", impact.largest_rise.to_decimal(2)},
                                 {"largest_fall", impact.largest_fall.to_decimal(2)}}},
                     {"movers", std::move(movers)}};
}

}  // namespace kaohe::cli
