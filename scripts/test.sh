#!/usr/bin/env bash
# Set up, build (Release) and run every test: unit tests, golden cases, CLI tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON > /dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure
