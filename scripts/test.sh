#!/usr/bin/env bash
# Set up, build (Release) and run every test: unit tests, golden cases, the robustness corpus,
# CLI tests; then the same tests built with clang under AddressSanitizer and UBSan; then each
# fuzzer for a short while (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON > /dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure
scripts/configure_sanitized.sh
cmake --build build-asan -j "$(nproc)"
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure
scripts/fuzz.sh 15
