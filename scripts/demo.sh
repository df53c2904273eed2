#!/usr/bin/env bash
# Set up, build (Release) and run the Longnan scheme over the shipped example city.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p build
# The build is quiet unless it fails; then its log is shown.
if ! { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j "$(nproc)" --target kaohe; } > build/build.log 2>&1; then
  cat build/build.log
  exit 1
fi
build/kaohe run policies/longnan.kh examples/longnan-2017.json
