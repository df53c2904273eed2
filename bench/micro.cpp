// Microbenchmarks (Google Benchmark): the number type, reading and binding data, and
// evaluating the national Longnan data set, beside the hand-written floor.
//
// Data comes from bench/data (bench/generate.py writes it; bench/run.sh does both).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <stdexcept>

#include "base/read_file.hpp"
#include "bench/longnan_handwritten.hpp"
#include "lang/loader.hpp"
#include "runtime/bind.hpp"
#include "runtime/evaluator.hpp"
#include "runtime/json_document.hpp"
#include "runtime/run.hpp"

namespace {

using kaohe::Rational;

std::string data_path(const std::string& name) { return std::string(KAOHE_BENCH_DATA) + "/" + name; }

// bench/run.sh generates the data first; a missing file is a setup mistake, not an empty input.
std::string read_data(const std::string& path) {
    kaohe::FileText file = kaohe::read_file(path);
    if (!file) throw std::runtime_error(path + ": " + std::string(kaohe::describe(file.error)) + " (run bench/run.sh)");
    return std::move(file.text);
}

// The national Longnan run, loaded once and shared by the benchmarks that need it.
struct LongnanNational {
    kaohe::LoadedProgram program = kaohe::load_program_file(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh");
    kaohe::Plan plan = kaohe::make_plan(*program.program);
    kaohe::RunState run_state = kaohe::initial_state(*program.program);
    std::string text = read_data(data_path("longnan-national.json"));

    static LongnanNational& get() {
        static LongnanNational instance;
        return instance;
    }
    std::size_t members(const kaohe::Tables& tables) const { return tables.entities[kaohe::EntityId(1)].size(); }
};

void rational_add(benchmark::State& state) {
    Rational a = *Rational::parse("88.6"), b = *Rational::parse("0.45");
    for (auto _ : state) {
        a = a + b;
        benchmark::DoNotOptimize(a);
        if (a > Rational(1000000)) a = Rational(0);
    }
}
BENCHMARK(rational_add);

void rational_vote_score(benchmark::State& state) {
    // (40 + 0.8 × 12 + 0.5 × 3) / 56 × 100: a repeating quotient, kept exact.
    Rational e(40), c(12), b(3), i(1), point8 = *Rational::parse("0.8"), half = *Rational::parse("0.5");
    for (auto _ : state) {
        Rational score = (e + point8 * c + half * b) / (e + c + b + i) * Rational(100);
        benchmark::DoNotOptimize(score);
    }
}
BENCHMARK(rational_vote_score);

void rational_round2(benchmark::State& state) {
    Rational x = Rational::fraction(8601499, 100000);
    for (auto _ : state) benchmark::DoNotOptimize(x.round_half_up(2));
}
BENCHMARK(rational_round2);

void read_json_national_longnan(benchmark::State& state) {
    auto& run = LongnanNational::get();
    for (auto _ : state) {
        std::string error;
        auto document = kaohe::JsonDocument::parse(run.text, error);
        benchmark::DoNotOptimize(document);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * run.text.size()));
}
BENCHMARK(read_json_national_longnan)->Unit(benchmark::kMillisecond);

void bind_national_longnan(benchmark::State& state) {
    auto& run = LongnanNational::get();
    std::string error;
    auto document = kaohe::JsonDocument::parse(run.text, error);
    for (auto _ : state) {
        auto bound = kaohe::bind_data(run.plan, run.run_state, *document);
        benchmark::DoNotOptimize(bound);
    }
}
BENCHMARK(bind_national_longnan)->Unit(benchmark::kMillisecond);

// Evaluation proper: every step over bound tables, exact arithmetic included. With a listener
// that does nothing, the cost of telling one (a virtual call per row and step).
void evaluate_national_longnan(benchmark::State& state, bool listened) {
    auto& run = LongnanNational::get();
    std::string error;
    auto document = kaohe::JsonDocument::parse(run.text, error);
    auto bound = kaohe::bind_data(run.plan, run.run_state, *document);
    kaohe::EvaluationListener nobody;
    for (auto _ : state) {
        auto errors = kaohe::evaluate_plan(run.plan, run.run_state, bound.tables, nullptr, listened ? &nobody : nullptr);
        benchmark::DoNotOptimize(errors);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * run.members(bound.tables)));
}
BENCHMARK_CAPTURE(evaluate_national_longnan, silent, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(evaluate_national_longnan, listened, true)->Unit(benchmark::kMillisecond);

// What-if: change one weight, threshold or quota share and recompute only what depends on it,
// flipping between two values so every iteration changes something.
template <typename Change>
void reevaluate_after(benchmark::State& state, Change change) {
    auto policy = kaohe::compile(kaohe::load_program_file(std::string(KAOHE_SOURCE_DIR) + "/policies/longnan.kh"));
    std::string error;
    auto document = kaohe::JsonDocument::parse(LongnanNational::get().text, error);
    kaohe::Run run(policy, std::make_shared<const kaohe::JsonDocument>(std::move(*document)));
    run.evaluate();
    std::size_t flip = 0;
    for (auto _ : state) {
        change(run, flip++ % 2);
        bool ok = run.reevaluate();
        benchmark::DoNotOptimize(ok);
    }
}

void set_parameter(kaohe::Run& run, std::string_view name, const char* value) {
    const auto& program = run.policy().program;
    for (kaohe::SymbolId parameter : program.parameters)
        if (program.symbols[parameter].name == name) return run.set_parameter(parameter, *Rational::parse(value));
}

void reevaluate_after_weight_change(benchmark::State& state) {
    reevaluate_after(state, [](kaohe::Run& run, std::size_t flip) {
        auto weight = kaohe::find_weight(run.policy().program, "综合得分", "民主测评得分");
        run.set_weight(*weight, *Rational::parse(flip ? "0.15" : "0.10"));
    });
}
BENCHMARK(reevaluate_after_weight_change)->Unit(benchmark::kMillisecond);

void reevaluate_after_threshold_change(benchmark::State& state) {
    reevaluate_after(state, [](kaohe::Run& run, std::size_t flip) { set_parameter(run, "优秀线", flip ? "92" : "90"); });
}
BENCHMARK(reevaluate_after_threshold_change)->Unit(benchmark::kMillisecond);

void reevaluate_after_quota_share_change(benchmark::State& state) {
    reevaluate_after(state,
                     [](kaohe::Run& run, std::size_t flip) { set_parameter(run, "一般优秀比例", flip ? "0.2" : "0.15"); });
}
BENCHMARK(reevaluate_after_quota_share_change)->Unit(benchmark::kMillisecond);

// The same work written by hand with doubles: the floor.
void handwritten_national_longnan(benchmark::State& state) {
    auto& run = LongnanNational::get();
    auto counties = kaohe::bench::load_counties(run.text);
    std::vector<kaohe::bench::HandResult> results;
    std::size_t members = 0;
    for (const auto& c : counties) members += c.members.size();
    for (auto _ : state) {
        kaohe::bench::evaluate_by_hand(counties, results);
        benchmark::DoNotOptimize(results.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * members));
}
BENCHMARK(handwritten_national_longnan)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
