#!/usr/bin/env bash
# Installs the Debian packages kaohe builds with, if any are missing; `setup.sh bench` adds
# what bench/ needs. Idempotent and quiet when everything is there; needs root (or sudo).
set -euo pipefail
packages=(g++ cmake make pkg-config python3 tao-pegtl-dev libfmt-dev libcli11-dev catch2 libgmp-dev libutf8proc-dev
  nlohmann-json3-dev nettle-dev libjemalloc-dev)
# The sanitizer build and the fuzzers of scripts/test.sh: clang with its runtimes (libFuzzer,
# ASan, UBSan), and llvm-symbolizer so a report names functions and lines.
packages+=(clang libclang-rt-14-dev llvm-14)
if [ "${1:-}" = bench ]; then packages+=(libbenchmark-dev libsimdjson-dev time); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "setup: installing ${missing[*]}"
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
