#!/usr/bin/env python3
"""Runs two kaohe executables on the same correct and incorrect uses and compares stdout,
stderr and exit codes byte for byte. For refactors that must not change behaviour (the command
table, the run API swap): build the old binary aside, then run this. Not part of ctest, since it
needs two builds.

usage: compare_binaries.py OLD_KAOHE NEW_KAOHE SOURCE_DIR [BENCH_DATA_DIR] — ends with "N same,
M different". With BENCH_DATA_DIR (bench/data, made by bench/generate.py), every bench data set is
run too, in json and csv, for changes that must not change results (issue 14's performance work).
"""
import glob
import os
import subprocess
import sys

old, new, root = (os.path.abspath(a) for a in sys.argv[1:4])
schemes = [("longnan", "longnan-2017"), ("jiangxi", "jiangxi-2017"), ("guangdong", "guangdong-2012")]

invocations = []
for scheme, example in schemes:
    policy, data = f"policies/{scheme}.kh", f"examples/{example}.json"
    invocations.append(["run", policy, data])
    for name in ("table", "json", "csv"):
        invocations.append(["run", policy, data, "--format", name])
    invocations.append(["run", policy, data, f"--format={'json'}"])
    invocations.append(["check", policy])
for path in sorted(glob.glob(os.path.join(root, "tests/golden/bad-policies/*.kh"))):
    invocations.append(["check", os.path.relpath(path, root)])
    invocations.append(["run", os.path.relpath(path, root), "examples/longnan-2017.json"])
for path in sorted(glob.glob(os.path.join(root, "tests/golden/bad-data/*/*.json"))):
    scheme = os.path.basename(os.path.dirname(path))
    invocations.append(["run", f"policies/{scheme}.kh", os.path.relpath(path, root)])
bench_sets = [("longnan", "longnan-city"), ("longnan", "longnan-national"), ("longnan", "longnan-national-x2"),
              ("jiangxi", "jiangxi-province"), ("guangdong", "guangdong-half"), ("guangdong", "guangdong-province")]
if len(sys.argv) > 4:
    for scheme, name in bench_sets:
        data = os.path.join(os.path.abspath(sys.argv[4]), name + ".json")
        for fmt in ("json", "csv"):
            invocations.append(["run", f"policies/{scheme}.kh", data, "--format", fmt])
invocations += [
    ["run", "missing.kh", "examples/longnan-2017.json"],
    ["run", "policies/longnan.kh", "missing.json"],
    ["run", "policies", "examples/longnan-2017.json"],
    ["run", "policies/longnan.kh", "examples"],
    ["check", "missing.kh"],
    ["check", "policies"],
    ["--help"], ["run", "--help"], ["check", "--help"],
]


def run(kaohe, args):
    p = subprocess.run([kaohe, *args], capture_output=True, timeout=120, cwd=root)
    return p.returncode, p.stdout, p.stderr


same = different = 0
for args in invocations:
    a, b = run(old, args), run(new, args)
    parts = [name for name, x, y in zip(("exit code", "stdout", "stderr"), a, b) if x != y]
    line = "kaohe " + " ".join(args)
    if parts:
        different += 1
        print(f"DIFF {line}: {', '.join(parts)} (exit {a[0]} → {b[0]})")
    else:
        same += 1
        print(f"same {line} (exit {a[0]}, {len(a[1])} bytes out, {len(a[2])} bytes err)")
print(f"{same} same, {different} different")
sys.exit(1 if different else 0)
