#!/usr/bin/env bash
# Set up, build (Release) and run the Longnan scheme over the shipped example city.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j "$(nproc)" --target kaohe
build/kaohe run policies/longnan.kh examples/longnan-2017.json
