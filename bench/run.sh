#!/usr/bin/env bash
# The benchmark suite in one command: set up, build (Release, with benchmarks), generate the
# data sets once, judge issue 14's targets (bench/targets.py; `run.sh --household` adds the 6.8 M
# household run), time whole runs and checks (a Markdown table), then the microbenchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh bench
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKAOHE_BENCH=ON > /dev/null
cmake --build build -j "$(nproc)" --target kaohe kaohe_micro nlohmann_baseline longnan_simdjson_floor > /dev/null
python3 bench/generate.py bench/data
python3 bench/targets.py build bench/data "$@"
echo
python3 bench/whole_run.py build bench/data
echo
build/bench/kaohe_micro --benchmark_min_time=0.5
