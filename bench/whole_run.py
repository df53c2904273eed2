#!/usr/bin/env python3
"""Times whole `kaohe run` and `kaohe check` commands and prints a Markdown table.

usage: whole_run.py BUILD_DIR DATA_DIR
Each command runs 3 times; the fastest wall time and its peak memory (from /usr/bin/time)
are reported, with the phase times kaohe prints under --timings.
"""
import os
import platform
import re
import subprocess
import sys
import time

build, data = sys.argv[1], sys.argv[2]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
kaohe = os.path.join(build, "kaohe")
baseline = os.path.join(build, "bench", "nlohmann_baseline")


def timed(command, repeat=3):
    """(seconds, peak KB, stderr) of the fastest of `repeat` runs."""
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "PEAK %M"] + command, capture_output=True)
        elapsed = time.perf_counter() - start
        if p.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{p.stderr.decode()}")
        err = p.stderr.decode("utf-8", "replace")
        peak = int(re.search(r"PEAK (\d+)", err).group(1))
        if best is None or elapsed < best[0]:
            best = (elapsed, peak, err)
    return best


def phases(stderr):
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+)\s+([\d.]+) ms", stderr, re.M)}


print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
      f"{platform.system()} {platform.release()}\n")
print("| run | input | wall | peak memory | memory ÷ input | parse | bind | evaluate | output | nlohmann parse + write | ratio |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
runs = [("longnan", "longnan-city.json"), ("longnan", "longnan-national.json"),
        ("longnan", "longnan-national-x2.json"), ("jiangxi", "jiangxi-province.json"),
        ("guangdong", "guangdong-half.json"), ("guangdong", "guangdong-province.json")]
evaluate_ms = {}
wall = {}
for scheme, name in runs:
    path = os.path.join(data, name)
    policy = os.path.join(root, "policies", scheme + ".kh")
    out = os.path.join(data, name + ".out")
    seconds, peak, err = timed(["sh", "-c", f'exec "{kaohe}" run "{policy}" "{path}" --format json --timings > "{out}"'])
    ph = phases(err)
    size = os.path.getsize(path)
    reference = min(sum(map(float, subprocess.run([baseline, path, out], capture_output=True, text=True,
                                                  check=True).stdout.split()[:2])) for _ in range(3)) / 1000
    evaluate_ms[name] = ph.get("evaluate", 0)
    wall[name] = seconds
    print(f"| {scheme} | {name} ({size / 1e6:.1f} MB) | {seconds:.2f} s | {peak / 1024:.0f} MB | "
          f"{peak * 1024 / size:.1f}× | {ph.get('parse', 0):.0f} ms | {ph.get('bind', 0):.0f} ms | "
          f"{ph.get('evaluate', 0):.0f} ms | {ph.get('results', 0) + ph.get('render', 0):.0f} ms | "
          f"{reference:.2f} s | {seconds / reference:.2f}× |")

print("\n| scaling (2× the entities) | evaluate | whole run |")
print("|---|---|---|")
for small, large in [("longnan-national.json", "longnan-national-x2.json"), ("guangdong-half.json", "guangdong-province.json")]:
    print(f"| {small} → {large} | {evaluate_ms[large] / max(evaluate_ms[small], 0.001):.2f}× | "
          f"{wall[large] / wall[small]:.2f}× |")

print("\n| kaohe check | wall |")
print("|---|---|")
for policy in ["policies/longnan.kh", "policies/jiangxi.kh", "policies/guangdong.kh",
               os.path.join(data, "policy-5000-lines.kh")]:
    path = policy if os.path.isabs(policy) else os.path.join(root, policy)
    seconds, _, _ = timed([kaohe, "check", path], repeat=5)
    print(f"| {os.path.basename(policy)} | {seconds * 1000:.0f} ms |")

# kaohe sensitivity: N perturbed samples, each an incremental re-evaluation of the baseline run,
# plus 500 samples per parameter moved alone (the influence table); the wall time includes loading
# and the baseline run (about 0.4 s) and the table.
print("\n| kaohe sensitivity (national Longnan, 3 parameters) | samples | wall | per evaluated sample |")
print("|---|---|---|---|")
national = os.path.join(data, "longnan-national.json")
vary = "综合得分.实绩得分,综合得分.民主测评得分,等次.优秀"
for samples in [1000, 10000]:
    seconds, _, _ = timed([kaohe, "sensitivity", os.path.join(root, "policies", "longnan.kh"), national, "--vary", vary,
                           "--samples", str(samples), "--seed", "1"], repeat=1)
    evaluated = samples + 3 * min(samples, 500)
    print(f"| {vary} | {samples:,} (+{3 * min(samples, 500):,} alone) | {seconds:.2f} s | "
          f"{seconds * 1000 / evaluated:.2f} ms |")
