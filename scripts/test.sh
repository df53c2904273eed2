#!/usr/bin/env bash
# Set up, build (Release) and run every test: unit tests, golden cases, the robustness corpus,
# CLI tests; then the same tests built with clang under AddressSanitizer and UBSan; the threads
# test under ThreadSanitizer; then each fuzzer for a short while (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON > /dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure
scripts/configure_sanitized.sh
cmake --build build-asan -j "$(nproc)"
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure
# The executable under ThreadSanitizer, through the test that splits every kind of work over threads.
CC=clang CXX=clang++ cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 -DKAOHE_TSAN=ON \
  -DBUILD_TESTING=OFF > /dev/null
cmake --build build-tsan -j "$(nproc)" --target kaohe
TSAN_OPTIONS=halt_on_error=1 python3 tests/cli/threads_test.py build-tsan/kaohe .
scripts/fuzz.sh 15
