#include "cli/formats/reach.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kaohe::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string value_text(const ReachAnswer& answer, const Rational& value) {
    if (answer.variable.clears) return value.sign() != 0 ? answer.variable.shown : "[]";
    if (answer.variable.boolean) return value.sign() != 0 ? "true" : "false";
    return value.to_string();
}

std::string change_text(const ReachAnswer& answer, const Rational& value) {
    if (answer.variable.clears) return "清空";
    if (answer.variable.boolean) return "改为 " + value_text(answer, value);
    Rational change = value - answer.variable.current;
    return (change.sign() > 0 ? "+" : "") + change.to_string();
}

std::string label(const ReachReport& report, BandIndex band) {
    return report.grade && band.index() < report.grade->bands.size() ? report.grade->bands[band].label : "?";
}

// "综合得分 90.01, 优秀, 名次 1 (标记 …)"
std::string outcome_text(const ReachReport& report, const ReachOutcome& outcome) {
    if (outcome.failed) return "无法计算 (这个值使方案出错, 如有效票数为 0)";
    std::string text = fmt::format("{} {}", outcome.score.to_string(2), label(report, outcome.grade));
    if (outcome.rank) text += fmt::format(", 名次 {}", outcome.rank->to_string());
    if (!outcome.flags.empty()) text += fmt::format(" ({})", fmt::join(outcome.flags, "、"));
    return text;
}

// Why the score's band is not the grade: the quota's slots, or a cap (a veto).
std::string obstacle(const ReachReport& report, const ReachOutcome& outcome) {
    if (outcome.failed || outcome.band_by_score != outcome.grade) {
        if (!outcome.holders.empty()) {
            std::vector<std::string> holders;
            for (const auto& [id, score] : outcome.holders) holders.push_back(fmt::format("{} ({})", id, score.to_string(2)));
            return fmt::format("{}的 {} 名额 {} 个, 由 {} 占据", outcome.pool.empty() ? "全体" : outcome.pool + " ",
                               label(report, outcome.band_by_score), outcome.slots, fmt::join(holders, "、"));
        }
        return fmt::format("等次受限于 {}", outcome.flags.empty() ? "否决或名额" : fmt::format("{}", fmt::join(outcome.flags, "、")));
    }
    return {};
}

Json outcome_json(const ReachReport& report, const ReachAnswer& answer, const std::optional<ReachOutcome>& outcome) {
    if (!outcome) return nullptr;
    if (outcome->failed) return {{"value", value_text(answer, outcome->value)}, {"failed", true}};
    Json json = {{"value", value_text(answer, outcome->value)},
                 {"change", change_text(answer, outcome->value)},
                 {"score", outcome->score.to_string(2)},
                 {"band_by_score", label(report, outcome->band_by_score)},
                 {"grade", label(report, outcome->grade)},
                 {"rank", outcome->rank ? Json(outcome->rank->to_int64().value_or(0)) : Json(nullptr)},
                 {"flags", outcome->flags}};
    if (!outcome->holders.empty()) {
        Json holders = Json::array();
        for (const auto& [id, score] : outcome->holders) holders.push_back({{"id", id}, {"score", score.to_string(2)}});
        json["quota"] = {{"pool", outcome->pool}, {"slots", outcome->slots}, {"holders", holders}};
    }
    return json;
}

// The options that show an answer with `run`: the context, then the answer's --set-data.
std::vector<std::string> apply_options(const ReachReport& report, const ReachAnswer& answer) {
    std::vector<std::string> options = report.context;
    options.push_back(fmt::format("--set-data {}.{}={}", report.id, answer.variable.name, value_text(answer, answer.reached->value)));
    return options;
}

}  // namespace

std::string reach_text(const ReachReport& report) {
    std::string out = fmt::format("{} ({}): {}, 要达到 {} {}{}\n", report.id, report.entity, outcome_text(report, report.current),
                                  report.grade_name, report.target,
                                  report.context.empty() ? "" : fmt::format("  (在 {} 之下)", fmt::join(report.context, " ")));
    for (std::size_t i = 0; i < report.answers.size(); ++i) {
        const ReachAnswer& answer = report.answers[i];
        const ReachVariable& variable = answer.variable;
        std::string now = value_text(answer, variable.current);
        if (answer.reached) {
            const ReachOutcome& reached = *answer.reached;
            out += fmt::format("  {} {} → {} ({}): {}\n", variable.name, now, value_text(answer, reached.value),
                               change_text(answer, reached.value), outcome_text(report, reached));
            if (answer.one_less)
                out += fmt::format("      少一步 ({}): {}\n", value_text(answer, answer.one_less->value),
                                   outcome_text(report, *answer.one_less));
            if (answer.by_score && answer.by_score->value == variable.current)
                out += fmt::format("      现在得分 {} 已达 {} 线, 但 {}\n", answer.by_score->score.to_string(2), report.target,
                                   obstacle(report, *answer.by_score));
            else if (answer.by_score)
                out += fmt::format("      只看分数线, {} ({}) 时得分 {} 已达 {} 线, 但 {}\n", change_text(answer, answer.by_score->value),
                                   value_text(answer, answer.by_score->value), answer.by_score->score.to_string(2),
                                   report.target, obstacle(report, *answer.by_score));
            out += fmt::format("      应用: {}\n", fmt::join(apply_options(report, answer), " "));
        } else {
            std::string range;
            if (variable.clears) range = "清空也";
            else if (variable.boolean) range = fmt::format("改为 {} 也", value_text(answer, Rational(variable.current.sign() == 0)));
            else if (variable.spec->low && variable.spec->high)
                range = fmt::format("取值范围 {}–{} 内", variable.spec->low->to_string(), variable.spec->high->to_string());
            else if (variable.spec->low) range = fmt::format("{} 以上任何取值", variable.spec->low->to_string());
            else if (variable.spec->high) range = fmt::format("{} 以下任何取值", variable.spec->high->to_string());
            else range = "任何取值";
            // Where the range has no end the search stopped far past any real value: say so.
            bool endless = answer.furthest && !variable.boolean && !variable.clears &&
                           !(answer.furthest->value > variable.current ? variable.spec->high : variable.spec->low);
            if (endless) range = answer.furthest->value > variable.current ? "再增加" : "再减少";
            out += fmt::format("  {} {}: {}{}达不到 {}", variable.name, now, range, variable.boolean ? "" : "都", report.target);
            if (answer.furthest) {
                out += fmt::format("; {} {} 时 {}", endless ? (answer.furthest->value > variable.current ? "增加到" : "减少到") : variable.boolean || variable.clears ? "为" : "取",
                                   value_text(answer, answer.furthest->value), outcome_text(report, *answer.furthest));
                if (std::string why = obstacle(report, *answer.furthest); !why.empty())
                    out += fmt::format(", {}", why);
            }
            out += "\n";
        }
    }
    if (label(report, report.current.grade) == report.target) out += fmt::format("  已是 {}, 无需改变\n", report.target);
    else if (report.answers.empty()) out += "  (没有可改变的数值输入)\n";
    return out;
}

Json reach_json(const ReachReport& report) {
    Json current = {{"score", report.current.score.to_string(2)},
                    {"grade", label(report, report.current.grade)},
                    {"rank", report.current.rank ? Json(report.current.rank->to_int64().value_or(0)) : Json(nullptr)},
                    {"flags", report.current.flags}};
    Json inputs = Json::array();
    for (std::size_t i = 0; i < report.answers.size(); ++i) {
        const ReachAnswer& answer = report.answers[i];
        Json input = {{"input", answer.variable.name},
                      {"path", report.paths[i]},
                      {"current", value_text(answer, answer.variable.current)},
                      {"step", answer.step.to_string()},
                      {"reached", outcome_json(report, answer, answer.reached)},
                      {"one_less", outcome_json(report, answer, answer.one_less)},
                      {"by_score", outcome_json(report, answer, answer.by_score)},
                      {"furthest", outcome_json(report, answer, answer.furthest)}};
        input["set_data"] = answer.reached ? Json(fmt::format("{}.{}={}", report.id, answer.variable.name,
                                                              value_text(answer, answer.reached->value)))
                                           : Json(nullptr);
        input["apply"] = answer.reached ? Json(apply_options(report, answer)) : Json(nullptr);
        inputs.push_back(std::move(input));
    }
    return {{"id", report.id}, {"entity", report.entity}, {"grade", report.grade_name}, {"target", report.target},
            {"with", report.context}, {"current", current}, {"already", label(report, report.current.grade) == report.target},
            {"inputs", inputs}};
}

}  // namespace kaohe::cli
