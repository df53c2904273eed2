#include "cli/formats/sensitivity.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cli/formats/rows.hpp"

namespace kaohe::cli {
namespace {

using Json = nlohmann::ordered_json;

const char* role_name(VariedRole role) {
    switch (role) {
    case VariedRole::weight: return "weight";
    case VariedRole::threshold: return "threshold";
    case VariedRole::share: return "share";
    case VariedRole::other: return "other";
    }
    return "other";
}

bool percent_parameter(const Program& program, SymbolId parameter) {
    return program.inputs[program.symbols[parameter].input].number_kind == NumberKind::fraction;
}

std::string value_text(const Program& program, SymbolId parameter, const Rational& value) {
    return percent_parameter(program, parameter) ? (value * Rational(100)).to_string() + "%" : value.to_string();
}

std::string range_text(const VariedParameter& varied, const Rational& spread) {
    std::string points = spread.to_string();
    switch (varied.role) {
    case VariedRole::weight: return "±" + points + " 个百分点, 同一加权和的权重再按比例调回合计 100%";
    case VariedRole::threshold: return "±" + points + " 分";
    case VariedRole::share: return "±" + points + " 个百分点 (限于 0–100%)";
    case VariedRole::other:
        return varied.baseline.is_integer() ? "±" + spread.floor().to_string() + " (整数)" : "±" + points;
    }
    return points;
}

// count/total as a percentage rounded to 0.1, exactly.
std::string share_text(std::uint64_t count, std::uint64_t total) {
    if (total == 0) return "—";
    Rational share = Rational::fraction(static_cast<std::int64_t>(count) * 100, static_cast<std::int64_t>(total));
    return share.round_half_up(1).to_string(1, 1) + "%";
}

std::string mean_text(const Influence& influence) {
    if (influence.samples == 0) return "—";
    return Rational::fraction(static_cast<std::int64_t>(influence.grade_changes), static_cast<std::int64_t>(influence.samples))
        .round_half_up(2)
        .to_string(2, 2);
}

bool fragile(const TrackedRow& row, std::uint64_t kept) { return row.grade && row.baseline_band_count() < kept; }

const std::string& label_of(const TrackedRow& row, BandIndex band) { return row.grade->bands[band].label; }

const std::string& id_of(const SensitivityView& view, const TrackedRow& row) {
    return view.baseline.tables().entities[row.entity].ids[row.row];
}

std::string rank_range(const TrackedRow& row) {
    if (!row.has_rank) return "—";
    return row.rank_min == row.rank_max ? std::to_string(row.rank_min) : fmt::format("{}–{}", row.rank_min, row.rank_max);
}

// The fragile rows of one output, least stable first, as aligned lines.
std::string fragile_block(const SensitivityView& view, std::size_t output, std::vector<const TrackedRow*> rows,
                          std::uint64_t kept) {
    const Program& program = view.baseline.policy().program;
    std::stable_sort(rows.begin(), rows.end(), [](const TrackedRow* a, const TrackedRow* b) {
        return a->baseline_band_count() < b->baseline_band_count();
    });
    const Grade& grade = *rows.front()->grade;
    std::vector<std::vector<std::string>> lines{{"  id", "基准等次", "基准名次"}};
    for (const Band& band : grade.bands) lines[0].push_back(band.label);
    lines[0].push_back("名次范围");
    std::size_t shown = std::min(rows.size(), view.top);
    for (std::size_t i = 0; i < shown; ++i) {
        const TrackedRow& row = *rows[i];
        std::vector<std::string> line{"  " + id_of(view, row), label_of(row, row.baseline_band),
                                      row.has_rank ? std::to_string(row.baseline_rank) : "—"};
        for (std::uint64_t count : row.band_counts) line.push_back(count ? share_text(count, kept) : "·");
        line.push_back(rank_range(row));
        lines.push_back(std::move(line));
    }
    std::string out = fmt::format("\n[{}] 等次不稳的 {} 行 (保持基准等次的比例从低到高{}):\n", program.outputs[output].kind,
                                  rows.size(), shown < rows.size() ? fmt::format(", 列出前 {} 行", shown) : "");
    return out + aligned_columns(lines);
}

}  // namespace

const char* const influence_method =
    "只扰动这一个参数、其余保持基准, 抽样若干次, 数每次等次与基准不同的行; 平均行数越大, 影响越大";

std::string sensitivity_text(const SensitivityView& view) {
    const Program& program = view.baseline.policy().program;
    const SensitivityReport& report = view.report;
    std::uint64_t kept = report.samples;
    std::string out = fmt::format("敏感性分析: {} 按 {}{}\n", view.policy, view.data,
                                  view.context.empty() ? "" : "  (基准在 " + join(view.context, " ") + " 之下)");
    out += fmt::format("抽样 {} 次, 计入 {} 次", view.spec.samples, kept);
    if (report.skipped) out += fmt::format(", 跳过 {} 次 ({})", report.skipped, join(report.skip_reasons, "; "));
    out += fmt::format("; 种子 {}; 幅度 ±{}\n\n", view.spec.seed, view.spec.spread.to_string());
    if (kept == 0) out += "※ 没有计入任何抽样, 下面的等次和名次只是基准, 无法得出结论 (请缩小幅度或换参数)\n\n";

    std::vector<std::vector<std::string>> varied{{"  扰动", "参数", "基准", "范围"}};
    for (const VariedParameter& v : view.spec.varied)
        varied.push_back({"  " + v.name, program.symbols[v.parameter].name, value_text(program, v.parameter, v.baseline),
                          range_text(v, view.spec.spread)});
    out += aligned_columns(varied);

    std::size_t graded = 0, ranked_moved = 0, fragile_count = 0;
    std::vector<std::vector<const TrackedRow*>> by_output(program.outputs.size());
    for (const TrackedRow& row : report.rows) {
        if (row.grade) ++graded;
        if (row.has_rank && kept && row.rank_min != row.rank_max) ++ranked_moved;
        if (fragile(row, kept)) {
            ++fragile_count;
            by_output[row.output].push_back(&row);
        }
    }
    out += fmt::format("\n有等次的 {} 行中, 等次不稳 (至少一次抽样不是基准等次) 的 {} 行; 名次有变动的 {} 行\n", graded,
                       fragile_count, ranked_moved);
    for (std::size_t o = 0; o < by_output.size(); ++o)
        if (!by_output[o].empty()) out += fragile_block(view, o, by_output[o], kept);

    if (!report.influence.empty()) {
        out += fmt::format("\n哪个参数影响最大 (方法: {}):\n", influence_method);
        std::vector<std::vector<std::string>> lines{{"  参数", "抽样", "平均等次改变行数", "单次最多", "曾改变等次的行"}};
        for (const Influence& influence : report.influence)
            lines.push_back({"  " + view.spec.varied[influence.varied].name,
                             influence.skipped ? fmt::format("{} (跳过 {})", influence.samples, influence.skipped)
                                               : std::to_string(influence.samples),
                             mean_text(influence), std::to_string(influence.most_grade_changes),
                             std::to_string(influence.rows_ever_changed)});
        out += aligned_columns(lines);
    }
    if (!report.recorded.empty()) {
        out += "\n每次抽样的参数值 (可用 kaohe run --set 重现):\n";
        for (const SampleRecord& sample : report.recorded) {
            std::string sets;
            for (const std::string& word : view.context) sets += " " + word;
            for (const auto& [name, value] : sample.sets) sets += " --set " + name + "=" + value;
            out += fmt::format("  #{}{}{}\n", sample.index, sets, sample.skipped.empty() ? "" : " (跳过: " + sample.skipped + ")");
        }
    }
    return out;
}

Json sensitivity_json(const SensitivityView& view) {
    const Program& program = view.baseline.policy().program;
    const SensitivityReport& report = view.report;
    Json json;
    json["policy"] = view.policy;
    json["data"] = view.data;
    json["samples"] = view.spec.samples;
    json["with"] = view.context;
    json["skipped"] = report.skipped;
    json["skip_reasons"] = report.skip_reasons;
    json["seed"] = view.spec.seed;
    json["spread"] = view.spec.spread.to_string();
    json["vary"] = Json::array();
    for (const VariedParameter& v : view.spec.varied)
        json["vary"].push_back({{"name", v.name}, {"parameter", program.symbols[v.parameter].name},
                                {"role", role_name(v.role)}, {"baseline", value_text(program, v.parameter, v.baseline)}});
    json["entities"] = Json::array();
    for (const TrackedRow& row : report.rows) {
        Json entity = {{"id", id_of(view, row)}, {"entity", program.outputs[row.output].kind}};
        entity["baseline"] = {{"grade", row.grade ? Json(label_of(row, row.baseline_band)) : Json(nullptr)},
                              {"rank", row.has_rank ? Json(row.baseline_rank) : Json(nullptr)}};
        if (row.grade) {
            Json grades = Json::object();
            for (BandIndex b : row.grade->bands.ids()) grades[label_of(row, b)] = row.band_counts[b.index()];
            entity["grades"] = std::move(grades);
        }
        else entity["grades"] = nullptr;
        entity["rank"] = row.has_rank ? Json{{"min", row.rank_min}, {"max", row.rank_max}} : Json(nullptr);
        entity["fragile"] = fragile(row, report.samples);
        json["entities"].push_back(std::move(entity));
    }
    json["influence"] = Json::array();
    for (const Influence& influence : report.influence) {
        const VariedParameter& v = view.spec.varied[influence.varied];
        json["influence"].push_back({{"name", v.name}, {"parameter", program.symbols[v.parameter].name},
                                     {"samples", influence.samples}, {"skipped", influence.skipped},
                                     {"grade_changes", influence.grade_changes}, {"mean_grade_changes", mean_text(influence)},
                                     {"most_grade_changes", influence.most_grade_changes},
                                     {"rows_changed", influence.rows_ever_changed}});
    }
    json["method"] = influence_method;
    if (view.spec.record_samples) {
        json["sample_values"] = Json::array();
        for (const SampleRecord& sample : report.recorded) {
            Json set = Json::object();
            for (const auto& [name, value] : sample.sets) set[name] = value;
            json["sample_values"].push_back({{"index", sample.index},
                                             {"skipped", sample.skipped.empty() ? Json(nullptr) : Json(sample.skipped)},
                                             {"set", std::move(set)}});
        }
    }
    return json;
}

}  // namespace kaohe::cli
