#include "cli/formats/explanation.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/formats/formats.hpp"
#include "cli/formats/rows.hpp"

namespace kaohe::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string percent(const Rational& fraction) { return (fraction * Rational(100)).to_string(0, 6) + "%"; }

std::string number(const Rational& value) {
    return value.has_finite_decimal() ? value.to_exact_text() : value.to_string(0, 6) + "…";
}

std::string where(const RuleSource& source) {
    if (source.file.empty()) return "";
    return fmt::format("  ({}:{}{})", source.file, source.line, source.article.empty() ? "" : " " + source.article);
}

const char* edge_word(BandEdge edge) {
    switch (edge) {
    case BandEdge::at_least: return "≥";
    case BandEdge::above: return ">";
    default: return "其余";
    }
}

const char* rounding_word(Rounding rounding) {
    switch (rounding) {
    case Rounding::floor: return "floor 向下取整";
    case Rounding::ceil: return "ceil 向上取整";
    default: return "四舍五入";
    }
}

// ---------------------------------------------------------------- text

class TextWriter {
public:
    std::string out;

    void line(int indent, const std::string& text) { out += std::string(indent * 2, ' ') + text + "\n"; }

    // `as_run`: an output field's value as `run` prints it (89.90), over the exact 89.9.
    void node(int indent, const Derivation& d, const std::string* as_run = nullptr) {
        const std::string& value = as_run ? *as_run : d.shown;
        std::string head = d.name + " = " + (value.empty() ? "(空)" : value);
        if (!d.owner.empty()) head += "  [" + d.owner + "]";
        line(indent, head + where(d.source));
        body(indent + 1, d, as_run);
    }

    void body(int indent, const Derivation& d, const std::string* as_run = nullptr) {
        if (!d.path.empty()) line(indent, "输入 " + d.path + (d.note.empty() ? "" : "  (" + d.note + ")"));
        else if (!d.note.empty()) line(indent, d.note);
        if (!d.variant.empty()) line(indent, "按变体 " + d.variant + " 的定义");
        if (d.kind != SymbolKind::input && !d.source.formula.empty() && d.grade.empty() && d.rank.empty())
            line(indent, "公式 " + d.source.formula);
        if (!d.branch_chosen.empty())
            line(indent, d.branch_condition.empty() ? "以上条件都不成立 → " + d.branch_chosen
                                                    : "条件 " + d.branch_condition + " 成立 → " + d.branch_chosen);
        if (d.unrounded)
            line(indent, fmt::format("精确值 {}, {} → {}", number(*d.unrounded), d.rounding, as_run ? *as_run : d.shown));
        if (!d.terms.empty()) weighted(indent, d);
        for (const GradeStory& grade : d.grade) this->grade(indent, d, grade);
        for (const RankStory& rank : d.rank) {
            std::string within = rank.within_entity.empty() ? "全部" : rank.within_entity + " " + rank.within_id + " 的";
            line(indent, fmt::format("按 {} 从{}到{}, 在{} {} 个中排名 (同值同名次)", rank.by_formula,
                                     rank.descending ? "高" : "低", rank.descending ? "低" : "高", within, rank.pool_size));
        }
        for (const Derivation& read : d.reads) node(indent, read);
    }

    void weighted(int indent, const Derivation& d) {
        line(indent, "加权求和 (权重 × 分项 = 贡献):");
        Rational sum;
        for (const WeightedTerm& term : d.terms) {
            sum = sum + term.contribution;
            std::string weight = percent(term.weight) + (term.weight_parameter.empty() ? "" : " " + term.weight_parameter);
            const RuleSource* source = term.detail.empty() ? nullptr : &term.detail.front().source;
            line(indent + 1, fmt::format("{} {} × {} = {}{}", term.component, number(term.value), weight,
                                         number(term.contribution), source ? where(*source) : ""));
            if (!term.detail.empty()) body(indent + 2, term.detail.front());
        }
        line(indent + 1, "合计 " + number(sum));
    }

    void grade(int indent, const Derivation& d, const GradeStory& g) {
        line(indent, "依据 " + d.source.formula + " = " + number(g.score));
        std::string bands;
        for (const BandLine& band : g.bands) {
            bands += (bands.empty() ? "" : ", ") + band.label + " " + edge_word(band.edge);
            if (band.edge != BandEdge::otherwise)
                bands += " " + number(band.threshold) + (band.parameter.empty() ? "" : " (" + band.parameter + ")");
        }
        line(indent, "分数线: " + bands);
        line(indent, "按得分: " + g.by_score);
        for (const VetoStory& veto : g.vetoes) {
            line(indent, fmt::format("一票否决 when {}{}: {}", veto.source.formula, where(veto.source),
                                     veto.fired ? "成立, 等次最高为 " + veto.cap_label : "不成立"));
            for (const Derivation& read : veto.condition) node(indent + 1, read);
        }
        if (!g.vetoes.empty()) line(indent, "否决后: " + g.after_vetoes);
        for (const QuotaStory& quota : g.quotas) this->quota(indent, g, quota);
        line(indent, "最终等次: " + g.final_label);
    }

    void quota(int indent, const GradeStory& g, const QuotaStory& q) {
        std::string pool = q.pool_entity.empty() ? "全部" : q.pool_entity + " " + q.pool_id + " 的";
        line(indent, fmt::format("{} 名额 share {}{}: 名额池为{} {} 个", q.band_label, q.source.formula, where(q.source),
                                 pool, q.pool_size));
        for (const Derivation& share : q.share_detail) node(indent + 1, share);
        line(indent + 1, fmt::format("名额 = {} × {} = {}, {} → {}", percent(q.share), q.pool_size,
                                     number(q.exact_slots), rounding_word(q.rounding), q.slots));
        if (!q.cut) {
            line(indent + 1, fmt::format("名额 {}, 达到 {} 的 {} 人, 未超出, 无人因名额调整", q.slots, q.band_label, q.reached));
            if (q.position) line(indent + 1, fmt::format("本人在达到 {} 的人中排第 {} 位", q.band_label, q.position));
            return;
        }
        line(indent + 1, fmt::format("达到 {} 的 {} 人, 超出名额 {}; 按 {} 排序:", q.band_label, q.reached, q.slots,
                                     join(q.key_formulas, ", ")));
        std::size_t previous = 0;
        for (const QuotaPlace& place : q.places) {
            if (place.position > previous + 1) line(indent + 2, "…");
            previous = place.position;
            std::vector<std::string> keys;
            for (const Rational& key : place.keys) keys.push_back(number(key));
            std::string fate = place.kept ? "保留 " + q.band_label : place.tied ? "并列跨过名额线, 降一等" : "超出名额, 降一等";
            line(indent + 2, fmt::format("第 {} 位 {}  {}  {}{}", place.position, place.id, join(keys, " / "), fate,
                                         place.explained ? "  ← 本人" : ""));
            if (place.position == q.slots) line(indent + 2, fmt::format("—— 名额线 (名额 {}) ——", q.slots));
        }
        if (q.position == 0)
            line(indent + 1, g.by_score == q.band_label ? "本人按得分达到 " + q.band_label + ", 但否决后为 " + g.after_vetoes + ", 不参与这一名额"
                                                        : "本人按得分为 " + g.by_score + ", 未达到 " + q.band_label + ", 不参与这一名额");
        else if (q.flag.empty()) line(indent + 1, fmt::format("本人排第 {} 位, 在名额内", q.position));
        else line(indent + 1, fmt::format("本人排第 {} 位, 标记 {}", q.position, q.flag));
    }
};

// ---------------------------------------------------------------- json

Json value_json(const Value& value) {
    switch (value.kind()) {
    case Value::Kind::number: return value.number().to_decimal(0);
    case Value::Kind::boolean: return value.boolean();
    case Value::Kind::text: return std::string(value.text());
    case Value::Kind::list: {
        Json items = Json::array();
        for (const Value& item : value.elements()) items.push_back(value_json(item));
        return items;
    }
    default: return nullptr;
    }
}

Json source_json(const RuleSource& source, Json& into) {
    if (source.file.empty()) return into;
    into["at"] = fmt::format("{}:{}", source.file, source.line);
    if (!source.article.empty()) into["article"] = source.article;
    if (!source.formula.empty()) into["formula"] = source.formula;
    if (!source.comments.empty()) into["comments"] = source.comments;
    return into;
}

Json node_json(const Derivation& d);

Json grade_json(const GradeStory& g) {
    Json bands = Json::array();
    for (const BandLine& band : g.bands) {
        Json b = {{"label", band.label}, {"edge", band.edge == BandEdge::otherwise ? "otherwise" : edge_word(band.edge)}};
        if (band.edge != BandEdge::otherwise) b["threshold"] = band.threshold.to_exact_text();
        if (!band.parameter.empty()) b["parameter"] = band.parameter;
        bands.push_back(std::move(b));
    }
    Json vetoes = Json::array();
    for (const VetoStory& veto : g.vetoes) {
        Json v = {{"fired", veto.fired}, {"cap", veto.cap_label}};
        source_json(veto.source, v);
        v["reads"] = Json::array();
        for (const Derivation& read : veto.condition) v["reads"].push_back(node_json(read));
        vetoes.push_back(std::move(v));
    }
    Json quotas = Json::array();
    for (const QuotaStory& q : g.quotas) {
        Json places = Json::array();
        for (const QuotaPlace& place : q.places) {
            Json keys = Json::array();
            for (const Rational& key : place.keys) keys.push_back(key.to_exact_text());
            places.push_back({{"position", place.position}, {"id", place.id}, {"keys", keys}, {"kept", place.kept},
                              {"tied", place.tied}, {"this", place.explained}});
        }
        Json quota = {{"band", q.band_label}};
        source_json(q.source, quota);
        quota["pool"] = {{"entity", q.pool_entity.empty() ? Json(nullptr) : Json(q.pool_entity)},
                         {"id", q.pool_id.empty() ? Json(nullptr) : Json(q.pool_id)}, {"size", q.pool_size}};
        quota["share"] = q.share.to_exact_text();
        quota["exact_slots"] = q.exact_slots.to_exact_text();
        quota["rounding"] = q.rounding == Rounding::floor ? "floor" : q.rounding == Rounding::ceil ? "ceil" : "half_up";
        quota["slots"] = q.slots;
        quota["reached"] = q.reached;
        quota["cut"] = q.cut;
        quota["position"] = q.position ? Json(q.position) : Json(nullptr);
        quota["order"] = q.key_formulas;
        quota["places"] = std::move(places);
        quota["flag"] = q.flag.empty() ? Json(nullptr) : Json(q.flag);
        if (!q.share_detail.empty()) quota["share_derivation"] = node_json(q.share_detail.front());
        quotas.push_back(std::move(quota));
    }
    return {{"score", g.score.to_exact_text()}, {"bands", bands},      {"by_score", g.by_score},
            {"after_vetoes", g.after_vetoes},   {"vetoes", vetoes},    {"quotas", quotas},
            {"final", g.final_label}};
}

const char* kind_word(SymbolKind kind) {
    switch (kind) {
    case SymbolKind::input: return "input";
    case SymbolKind::rank: return "rank";
    case SymbolKind::grade: return "grade";
    default: return "value";
    }
}

Json node_json(const Derivation& d) {
    Json j = {{"name", d.name}, {"kind", kind_word(d.kind)}, {"value", value_json(d.value)}};
    if (d.value.kind() == Value::Kind::record) j["value"] = d.shown;
    if (d.exact) j["exact"] = d.exact->to_exact_text();
    if (!d.owner.empty()) j["owner"] = d.owner;
    source_json(d.source, j);
    if (!d.path.empty()) j["path"] = d.path;
    if (!d.note.empty()) j["note"] = d.note;
    if (!d.variant.empty()) j["variant"] = d.variant;
    if (d.unrounded) j["rounding"] = {{"rule", d.rounding}, {"before", d.unrounded->to_exact_text()}, {"after", d.exact ? d.exact->to_exact_text() : ""}};
    if (!d.branch_chosen.empty())
        j["branch"] = {{"condition", d.branch_condition.empty() ? Json(nullptr) : Json(d.branch_condition)},
                       {"chosen", d.branch_chosen}};
    if (!d.terms.empty()) {
        Json terms = Json::array();
        Rational sum;
        for (const WeightedTerm& term : d.terms) {
            sum = sum + term.contribution;
            Json t = {{"component", term.component}, {"weight", term.weight.to_exact_text()},
                      {"value", term.value.to_exact_text()}, {"contribution", term.contribution.to_exact_text()}};
            if (!term.weight_parameter.empty()) t["weight_parameter"] = term.weight_parameter;
            if (!term.detail.empty()) t["derivation"] = node_json(term.detail.front());
            terms.push_back(std::move(t));
        }
        j["weighted"] = {{"terms", terms}, {"sum", sum.to_exact_text()}};
    }
    if (!d.grade.empty()) j["grade"] = grade_json(d.grade.front());
    if (!d.rank.empty()) {
        const RankStory& r = d.rank.front();
        j["rank"] = {{"by", r.by_formula}, {"descending", r.descending},
                     {"within", r.within_entity.empty() ? Json(nullptr) : Json(r.within_entity + " " + r.within_id)},
                     {"pool_size", r.pool_size}};
    }
    if (!d.reads.empty()) {
        j["reads"] = Json::array();
        for (const Derivation& read : d.reads) j["reads"].push_back(node_json(read));
    }
    return j;
}

Json cell_json(const Cell& cell) {
    switch (cell.kind) {
    case Cell::Kind::integer: return Json::parse(cell.text);
    case Cell::Kind::decimal:
    case Cell::Kind::text: return cell.text;
    case Cell::Kind::boolean: return cell.boolean;
    default: return nullptr;
    }
}

Json explanation_object(const Explanation& e) {
    Json top;
    if (e.result) top = Json::parse(render_json({*e.result}))["results"][0];  // exactly as `run` prints it
    else top = {{"id", e.id}, {"entity", e.entity}};
    top["path"] = e.path;
    Json fields = Json::object(), components = Json::object(), flags = Json::array();
    using Cells = std::vector<std::pair<std::string_view, Cell>>;
    // A field's value as `run` printed it (a component rounded to two places), over the exact one.
    auto with_run_value = [&](Json node, const Cells* cells, std::string_view key) {
        if (cells)
            for (const auto& [name, cell] : *cells)
                if (name == key) node["value"] = cell_json(cell);
        return node;
    };
    for (const auto& [key, d] : e.fields)
        fields[key] = with_run_value(node_json(d), e.result ? &e.result->fields : nullptr, key);
    for (const auto& [name, d] : e.components)
        components[name] = with_run_value(node_json(d), e.result ? &e.result->components : nullptr, name);
    for (const FlagStory& flag : e.flags) {
        Json f = {{"text", flag.text}, {"rule", flag.rule}};
        source_json(flag.source, f);
        flags.push_back(std::move(f));
    }
    top["derivation"] = {{"fields", fields}, {"components", components}, {"flags", flags}};
    return top;
}

}  // namespace

std::string explanation_text(const std::vector<Explanation>& explanations, const std::vector<std::string>& what_if) {
    TextWriter w;
    for (const Explanation& e : explanations) {
        if (!w.out.empty()) w.out += "\n";
        w.line(0, fmt::format("{} {} 的考核结果推导  ({})", e.entity, e.id, e.path));
        if (!what_if.empty()) w.line(1, fmt::format("※ 假设计算, 不是按原方案和原数据得出的结果: {}", join(what_if, " ")));
        if (e.result) {
            std::vector<std::string> summary;
            for (const auto& [key, cell] : e.result->fields) summary.push_back(std::string(key) + " " + cell_text(cell));
            w.line(1, join(summary, "  ·  "));
        }
        for (const auto& [key, d] : e.fields) {
            w.out += "\n";
            w.line(0, "[" + key + "]");
            std::string as_run;
            if (e.result)
                for (const auto& [name, cell] : e.result->fields)
                    if (name == key) as_run = cell_text(cell);
            w.node(0, d, as_run.empty() ? nullptr : &as_run);
        }
        if (!e.components.empty()) {
            w.out += "\n";
            w.line(0, "[components] 分项 (输出保留两位小数)");
            for (std::size_t i = 0; i < e.components.size(); ++i) {
                const auto& [name, d] = e.components[i];
                std::string shown = e.result && i < e.result->components.size() ? cell_text(e.result->components[i].second) : d.shown;
                w.line(1, name + " " + shown + (d.exact && d.exact->to_exact_text() != shown ? "  (精确值 " + d.shown + ")" : ""));
            }
        }
        w.out += "\n";
        w.line(0, e.flags.empty() ? "[flags] 无标记" : "[flags] 标记");
        for (const FlagStory& flag : e.flags) w.line(1, flag.text + "  ← " + flag.rule + where(flag.source));
    }
    return w.out;
}

std::string explanation_json(const std::vector<Explanation>& explanations, const std::vector<std::string>& what_if) {
    auto object = [&](const Explanation& e) {
        Json json = explanation_object(e);
        if (!what_if.empty()) json["what_if"] = what_if;
        return json;
    };
    if (explanations.size() == 1) return object(explanations.front()).dump(2) + "\n";
    Json all = Json::array();
    for (const Explanation& e : explanations) all.push_back(object(e));
    return all.dump(2) + "\n";
}

}  // namespace kaohe::cli
