#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-asan — the sanitizer build the
# tests also run in — and runs each for SECONDS (default 15), starting from the committed seeds
# in fuzz/corpus/. New inputs go to build-asan/corpus/, a crash or sanitizer report to
# build-asan/findings/ and a non-zero exit.
#   scripts/fuzz.sh          # the short run scripts/test.sh does
#   scripts/fuzz.sh 600      # ten minutes a target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
scripts/configure_sanitized.sh
cmake --build build-asan -j "$(nproc)" --target policy_fuzzer data_fuzzer
mkdir -p build-asan/findings
status=0
for target in policy data; do
  corpus="build-asan/corpus/$target"
  mkdir -p "$corpus"
  echo "fuzz: $target for ${seconds} s"
  # Inputs a little larger than the biggest seed; -timeout catches a hang, -rss_limit_mb a leak.
  if ! "build-asan/fuzz/${target}_fuzzer" "$corpus" "fuzz/corpus/$target" -dict="fuzz/$target.dict" \
      -max_len=20000 -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds" \
      -artifact_prefix="build-asan/findings/$target-" -print_final_stats=1 2> "build-asan/$target.log"; then
    status=1
    echo "fuzz: $target found a problem; see build-asan/$target.log and build-asan/findings/" >&2
    grep -m5 -E "ERROR|runtime error|Test unit written" "build-asan/$target.log" >&2 || true
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added" "build-asan/$target.log" | sed "s/^/  $target /"
done
exit $status
