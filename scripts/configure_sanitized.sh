#!/usr/bin/env bash
# Configures build-asan: clang, ASan + UBSan, coverage for libFuzzer, -O1. One build serves the
# sanitized tests (scripts/test.sh) and the fuzzers (scripts/fuzz.sh), so it is compiled once.
set -euo pipefail
cd "$(dirname "$0")/.."
CC=clang CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 -DKAOHE_FUZZ=ON \
  -DBUILD_TESTING=ON > /dev/null
