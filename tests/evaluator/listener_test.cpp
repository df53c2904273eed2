// The evaluation listener: what explain will be built on. Quota decisions arrive as data (slots,
// order, the tie group at the cut), bands before and after vetoes, and every per-row failure
// names its own row.
#include <catch2/catch.hpp>

#include <map>

#include "cli/formats/diagnostics_text.hpp"
#include "runtime/run.hpp"

namespace {

const char* policy = R"(
entity 县区 at counties key id {
  input 比例: percent at ratio
  entity 成员 at members key id {
    input 得分: score at score
    input 票: count at votes
    input 否决: list of text at vetoes
  }
}
value 折算 of 成员 = 得分 * 100 / 票
grade 等次 of 成员 by 折算 {
  优秀 >= 90
  称职 >= 80
  差 otherwise
  quota 优秀 share 比例 / 100 per 县区 round floor order 折算 desc tie flag "并列待定" excess flag "超出优秀名额"
}
veto of 成员 when not empty(否决) {
  cap 等次 at 称职
}
output 成员 as member { score: 折算  grade: 等次 }
)";

struct Recorder : kaohe::EvaluationListener {
    const kaohe::Program* program = nullptr;
    std::vector<std::string> quotas;
    std::map<std::uint32_t, std::pair<int, int>> bands;  // row → (by score, after caps)
    std::size_t values = 0;

    void on_value(const kaohe::Step&, std::uint32_t, const kaohe::Value&) override { ++values; }
    void on_band(const kaohe::Step&, std::uint32_t row, const kaohe::Rational&, kaohe::BandIndex by_score,
                 kaohe::BandIndex capped) override {
        bands[row] = {static_cast<int>(by_score.index()), static_cast<int>(capped.index())};
    }
    void on_quota(const kaohe::QuotaDecision& d) override {
        std::string ranked;
        for (auto row : d.ranked) ranked += std::to_string(row) + " ";
        quotas.push_back("pool " + std::to_string(d.pool_row) + " of " + std::to_string(d.pool_size) + ", share " +
                         d.share->to_string() + ", exact " + d.exact_slots->to_string() + ", slots " +
                         std::to_string(d.slots) + ", ranked " + ranked + "tie [" + std::to_string(d.tie_begin) + "," +
                         std::to_string(d.tie_end) + ")");
    }
};

std::shared_ptr<const kaohe::CompiledPolicy> compiled() {
    auto loaded = kaohe::load_program_text("t.kh", policy);
    REQUIRE(kaohe::cli::diagnostics_text(loaded.diagnostics, loaded.sources) == "");
    return kaohe::compile(std::move(loaded));
}

std::shared_ptr<const kaohe::JsonDocument> document(const std::string& json) {
    std::string error;
    auto parsed = kaohe::JsonDocument::parse(json, error);
    REQUIRE(parsed);
    return std::make_shared<const kaohe::JsonDocument>(std::move(*parsed));
}

std::string rendered_errors(const kaohe::Run& run) {
    std::string out;
    for (const auto& e : run.errors()) out += kaohe::cli::data_error_text(e, run.policy().sources) + "\n";
    return out;
}

}  // namespace

TEST_CASE("a quota decision is reported with its slots, order and tie group") {
    // Pool 0: 5 members, 40% → 2 slots; 92, 95, 92, 91 reach 优秀 and 92 ties across the cut.
    // Pool 1: 2 members, 50% → 1 slot; only one candidate, so nothing moves and nothing is told.
    auto data = document(R"({"counties": [
      {"id": "A", "ratio": 40, "members": [
        {"id": "a1", "score": 92, "votes": 100, "vetoes": []},
        {"id": "a2", "score": 95, "votes": 100, "vetoes": []},
        {"id": "a3", "score": 92, "votes": 100, "vetoes": []},
        {"id": "a4", "score": 91, "votes": 100, "vetoes": ["安全生产"]},
        {"id": "a5", "score": 70, "votes": 100, "vetoes": []}]},
      {"id": "B", "ratio": 50, "members": [
        {"id": "b1", "score": 99, "votes": 100, "vetoes": []},
        {"id": "b2", "score": 80, "votes": 100, "vetoes": []}]}]})");
    kaohe::Run run(compiled(), data);
    Recorder recorder;
    REQUIRE(run.evaluate(&recorder));
    // a4 is capped by its veto before the quota, so only a1, a2, a3 compete: a2 keeps the one
    // clear slot, and a1/a3 tie across the cut at position 1.
    CHECK(recorder.quotas == std::vector<std::string>{"pool 0 of 5, share 0.4, exact 2, slots 2, ranked 1 0 2 tie [1,3)"});
    CHECK(recorder.bands.at(3) == std::pair{0, 1});  // 91 is 优秀 by score, 称职 after the veto
    CHECK(recorder.bands.at(4) == std::pair{2, 2});
    // Every value, grade and data-rule row is told: 7 折算, 7 grades, 7 veto conditions.
    CHECK(recorder.values == 21);
    auto rows = run.results();
    auto grade_of = [&](const char* id) {
        for (const auto& row : rows)
            if (row.id == id) return row.fields[1].second.text;
        return std::string("<none>");
    };
    CHECK(grade_of("a2") == "优秀");
    CHECK(grade_of("a1") == "称职");
    CHECK(grade_of("a3") == "称职");
    CHECK(grade_of("b1") == "优秀");
}

TEST_CASE("a failing grade score is reported against each row it fails on") {
    // 票 = 0 makes 折算 divide by zero for a2 and b1 only.
    auto data = document(R"({"counties": [
      {"id": "A", "ratio": 40, "members": [
        {"id": "a1", "score": 92, "votes": 100, "vetoes": []},
        {"id": "a2", "score": 95, "votes": 0, "vetoes": []}]},
      {"id": "B", "ratio": 50, "members": [
        {"id": "b1", "score": 99, "votes": 0, "vetoes": []}]}]})");
    kaohe::Run run(compiled(), data);
    CHECK_FALSE(run.evaluate());
    CHECK(rendered_errors(run) ==
          "数据错误: 成员 a2: $.counties[0].members[1]: 除数为 0 (方案 t.kh:10:29)\n"
          "数据错误: 成员 b1: $.counties[1].members[0]: 除数为 0 (方案 t.kh:10:29)\n");
}

TEST_CASE("a failing grade `by` expression names every row, not the first row of the first pool") {
    const char* direct = R"(
entity 县区 at counties key id {
  entity 成员 at members key id {
    input 得分: score at score
    input 票: count at votes
  }
}
grade 等次 of 成员 by 得分 * 100 / 票 {
  优秀 >= 90
  差 otherwise
}
output 成员 as member { score: 得分  grade: 等次 }
)";
    auto loaded = kaohe::load_program_text("t.kh", direct);
    REQUIRE(loaded.program);
    auto data = document(R"({"counties": [
      {"id": "A", "members": [{"id": "a1", "score": 92, "votes": 100}]},
      {"id": "B", "members": [{"id": "b1", "score": 99, "votes": 0}, {"id": "b2", "score": 99, "votes": 0}]}]})");
    kaohe::Run run(kaohe::compile(std::move(loaded)), data);
    CHECK_FALSE(run.evaluate());
    CHECK(rendered_errors(run) ==
          "数据错误: 成员 b1: $.counties[1].members[0]: 除数为 0 (方案 t.kh:8:30)\n"
          "数据错误: 成员 b2: $.counties[1].members[1]: 除数为 0 (方案 t.kh:8:30)\n");
}
