#!/usr/bin/env python3
"""Issue 14's targets, each measured on this machine and judged: a Markdown table of target,
measured value and met / not met, then the thread-count sweep.

usage: targets.py BUILD_DIR DATA_DIR [--household]
Whole runs are the median of 5, kaohe and the hand-written simdjson floor (bench/longnan_simdjson_floor.cpp)
taking turns, so both see the same machine. --household also times Guangdong at 10× province size
(6.8 M household records, ~1 GB; generated on first use, minutes).
"""
import json
import os
import re
import statistics
import subprocess
import sys
import time

build, data = sys.argv[1], sys.argv[2]
household = "--household" in sys.argv
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
kaohe = os.path.join(build, "kaohe")
floor = os.path.join(build, "bench", "longnan_simdjson_floor")
micro = os.path.join(build, "bench", "kaohe_micro")
national = os.path.join(data, "longnan-national.json")
longnan = os.path.join(root, "policies", "longnan.kh")
rows = []


def judge(target, measured, met):
    rows.append((target, measured, "met" if met else "**not met**"))


def timed(command, env=None):
    """(wall seconds, peak MB, phases {name: ms}) of one run, stdout to /dev/null."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "PEAK %M"] + command, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env=dict(os.environ, **(env or {})))
    wall = time.perf_counter() - start
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{err}")
    phases = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+)\s+([\d.]+) ms", err, re.M)}
    return wall, int(re.search(r"PEAK (\d+)", err).group(1)) / 1024, phases


def medians(samples):
    walls = statistics.median(s[0] for s in samples)
    peak = statistics.median(s[1] for s in samples)
    names = samples[0][2].keys()
    return walls, peak, {n: statistics.median(s[2].get(n, 0) for s in samples) for n in names}


def kaohe_run(path, policy=longnan, env=None, extra=()):
    return timed([kaohe, "run", policy, path, "--format", "json", "--timings", *extra], env)


# --- national Longnan, kaohe against the floor, taking turns
policy_files = [longnan, os.path.join(root, "stdlib", "votes.kh")]
ours, theirs = [], []
for _ in range(5):
    ours.append(kaohe_run(national))
    theirs.append(timed([floor, national, *policy_files]))
wall, peak, ph = medians(ours)
floor_wall, _, fph = medians(theirs)
output = ph["results"] + ph["render"]
judge("whole run, national Longnan, JSON with components ≤ 1.5× the simdjson floor",
      f"{wall * 1000:.0f} ms vs {floor_wall * 1000:.0f} ms: {wall / floor_wall:.2f}×", wall <= 1.5 * floor_wall)
judge("evaluation ≤ 3× the hand-written compute", f"{ph['evaluate']:.1f} ms vs {fph['compute']:.1f} ms: "
      f"{ph['evaluate'] / fph['compute']:.1f}×", ph["evaluate"] <= 3 * fph["compute"])
judge("results + render ≤ 2× the floor's emit", f"{output:.1f} ms vs {fph['emit']:.1f} ms: {output / fph['emit']:.2f}×",
      output <= 2 * fph["emit"])
judge("bind ≤ 2× the floor's bind", f"{ph['bind']:.1f} ms vs {fph['bind']:.1f} ms: {ph['bind'] / fph['bind']:.2f}×",
      ph["bind"] <= 2 * fph["bind"])
rows.append(("(no target) read + parse", f"{ph['read'] + ph['parse']:.1f} ms vs the floor's "
             f"{fph['read'] + fph['parse']:.1f} ms", ""))

# --- threads: the parts split over cores (evaluate, results) on 1 and 2 threads; a sweep past the cores
counts = [1, 2, 4, 8, 16]
runs = {threads: [] for threads in counts}
for _ in range(5):  # taking turns, so a slow spell of the machine falls on every count alike
    for threads in counts:
        runs[threads].append(kaohe_run(national, env={"KAOHE_THREADS": str(threads)}))
sweep = {threads: medians(runs[threads])[2]["evaluate"] + medians(runs[threads])[2]["results"] for threads in counts}
speedup = sweep[1] / sweep[2]
# Amdahl: the share s that stays serial from T2 = T1 (s + (1 - s) / 2); then 16 cores would give 1 / (s + (1 - s) / 16).
serial = max(0.0, min(1.0, 2 * sweep[2] / sweep[1] - 1))
judge("evaluation and output use both cores (speed-up of evaluate + results, 1 → 2 threads ≥ 1.5×)",
      f"{sweep[1]:.1f} → {sweep[2]:.1f} ms: {speedup:.2f}×; serial share {serial:.0%}, so 16 cores ≈ "
      f"{1 / (serial + (1 - serial) / 16):.1f}×", speedup >= 1.5)

# --- what-if and sensitivity
bench = subprocess.run([micro, "--benchmark_filter=reevaluate", "--benchmark_format=json",
                        "--benchmark_min_time=0.5"], capture_output=True, text=True, check=True)
whatif = {b["name"]: b["real_time"] for b in json.loads(bench.stdout)["benchmarks"]}
for name, label, limit in [("reevaluate_after_weight_change", "what-if: one weight", 1),
                           ("reevaluate_after_threshold_change", "what-if: one threshold", 2),
                           ("reevaluate_after_quota_share_change", "what-if: one quota share", 2)]:
    judge(f"{label} ≤ {limit} ms (national Longnan)", f"{whatif[name]:.2f} ms", whatif[name] <= limit)
start = time.perf_counter()
subprocess.run([kaohe, "sensitivity", longnan, national, "--vary", "综合得分.实绩得分,综合得分.民主测评得分,等次.优秀",
                "--samples", "10000", "--seed", "1"], stdout=subprocess.DEVNULL, check=True)
seconds = time.perf_counter() - start
judge("sensitivity, 10,000 samples (3 parameters) ≤ 10 s", f"{seconds:.1f} s", seconds <= 10)

# --- household scale and large files
if household:
    big = os.path.join(data, "guangdong-x10.json")
    if not os.path.exists(big):
        subprocess.run([sys.executable, os.path.join(root, "scripts", "make_guangdong_example.py"), big,
                        "--villages", "34000", "--households", "200", "--seed", "3"], check=True)
    seconds, big_peak, _ = timed([kaohe, "run", os.path.join(root, "policies", "guangdong.kh"), big, "--format", "json"])
    size = os.path.getsize(big) / 2**20
    judge("Guangdong ×10 (6.8 M households): peak memory ≤ 1.5× the input",
          f"{big_peak:.0f} MB for {size:.0f} MB: {big_peak / size:.2f}× ({seconds:.1f} s)", big_peak <= 1.5 * size)
else:
    rows.append(("Guangdong ×10 (6.8 M households): peak memory ≤ 1.5× the input", "not measured (--household)", ""))
# Past 4 GiB: the city data after 4 GiB of whitespace, so every value sits at an offset beyond
# 32 bits; its results must be the city's.
city = os.path.join(data, "longnan-city.json")
padded = os.path.join(data, "over-4-gib.json")
with open(padded, "wb") as f:
    block = b" " * (64 << 20)
    for _ in range(4 * 1024 // 64):
        f.write(block)
    f.write(b"\n")
    with open(city, "rb") as c:
        f.write(c.read())
seconds, big_peak, _ = timed([kaohe, "run", longnan, padded, "--format", "csv"])
same = subprocess.run([kaohe, "run", longnan, padded, "--format", "csv"], capture_output=True).stdout == \
    subprocess.run([kaohe, "run", longnan, city, "--format", "csv"], capture_output=True).stdout
size = os.path.getsize(padded) / 2**30
os.remove(padded)
judge("files over 4 GiB read correctly", f"{size:.2f} GiB file: results {'equal' if same else 'differ from'} the "
      f"city's; {seconds:.1f} s, peak {big_peak / 1024:.1f} GiB", same)

# --- check and scaling
def wall_of(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


for policy in ["longnan", "jiangxi", "guangdong"]:  # fastest of 5, without /usr/bin/time's own start
    best = min(wall_of([kaohe, "check", os.path.join(root, "policies", policy + ".kh")]) for _ in range(5))
    judge(f"kaohe check {policy}.kh ≤ 20 ms", f"{best * 1000:.1f} ms", best <= 0.020)
double = medians([kaohe_run(os.path.join(data, "longnan-national-x2.json")) for _ in range(5)])
ratio = double[0] / wall
judge("scaling: 2× the members → ≤ 2.1× the time", f"{ratio:.2f}× ({double[0] * 1000:.0f} ms)", ratio <= 2.1)

print("| target | measured | |")
print("|---|---|---|")
for target, measured, verdict in rows:
    print(f"| {target} | {measured} | {verdict} |")
print("\n| threads (national Longnan, evaluate + results) | " + " | ".join(str(t) for t in sweep) + " |")
print("|---|" + "---|" * len(sweep))
print("| ms | " + " | ".join(f"{ms:.1f}" for ms in sweep.values()) + " |")
print(f"\n(phases of kaohe, medians: {', '.join(f'{n} {v:.1f}' for n, v in ph.items())}; the floor: "
      f"{', '.join(f'{n} {v:.1f}' for n, v in fph.items())}; peak memory {peak:.0f} MB)")
