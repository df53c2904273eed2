#!/usr/bin/env python3
"""Runs every golden case through the real kaohe executable.

usage: run_golden.py KAOHE SOURCE_DIR GOLDEN_DIR

GOLDEN_DIR/<scheme>/NAME.json with NAME.expected.json: `kaohe run policies/<scheme>.kh NAME.json
  --format json` must give the expected results (scores compared as decimals, flags as sets),
  or, for {"data_errors": [...]}, exit 2, print no results and name each error's JSON path.
GOLDEN_DIR/bad-policies/NAME.kh with NAME.expected: `kaohe check NAME.kh` must exit 1 and
  print exactly the expected diagnostics.
GOLDEN_DIR/bad-data/<scheme>/NAME.json with NAME.expected: `kaohe run` must exit 2, print
  no results, and print exactly the expected data errors.
Ends with the line "N passed, M failed"; exits non-zero when any case fails.
"""
import glob
import json
import os
import subprocess
import sys
from decimal import Decimal


def run(kaohe, args, cwd=None):
    try:
        p = subprocess.run([kaohe] + args, capture_output=True, timeout=60, cwd=cwd)
    except subprocess.TimeoutExpired:
        return None
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def compare_results(expected, got):
    by_id = {str(r.get("id")): r for r in got}
    diffs = []
    for e in expected:
        g = by_id.pop(e["id"], None)
        if g is None:
            diffs.append(f"{e['id']}: missing")
            continue
        for k in ("entity", "grade", "rank"):
            if g.get(k) != e[k]:
                diffs.append(f"{e['id']}.{k}: got {g.get(k)!r}, expected {e[k]!r}")
        for k in ("score", "reward"):
            if k in e and (g.get(k) is None or Decimal(str(g[k])) != Decimal(str(e[k]))):
                diffs.append(f"{e['id']}.{k}: got {g.get(k)}, expected {e[k]}")
        if sorted(g.get("flags") or []) != sorted(e["flags"]):
            diffs.append(f"{e['id']}.flags: got {sorted(g.get('flags') or [])}, expected {sorted(e['flags'])}")
    diffs += [f"{i}: not expected" for i in by_id]
    return diffs


def scheme_case(kaohe, policy, path):
    expected = json.load(open(path[:-5] + ".expected.json", encoding="utf-8"))
    result = run(kaohe, ["run", policy, path, "--format", "json"])
    if result is None:
        return "timed out"
    code, out, err = result
    if "data_errors" in expected:
        if code != 2:
            return f"bad data: exit {code}, expected 2"
        if out.strip():
            return "bad data: something was printed on stdout"
        missed = [e for e in expected["data_errors"] if e.split(":")[0] not in err]
        return f"bad data: not reported: {missed}" if missed else None
    if code != 0:
        return f"exit {code}: {err.strip()[:400]}"
    diffs = compare_results(expected["results"], json.loads(out)["results"])
    return f"{len(diffs)} differences: " + "; ".join(diffs[:4]) if diffs else None


def expected_output_case(kaohe, args, expected_path, expected_code, cwd):
    expected = open(expected_path, encoding="utf-8").read()
    result = run(kaohe, args, cwd)
    if result is None:
        return "timed out"
    code, out, err = result
    if code != expected_code:
        return f"exit {code}, expected {expected_code}; stderr: {err[:400]}"
    if out.strip():
        return "something was printed on stdout"
    if err != expected:
        return f"stderr differs:\n--- got\n{err}--- expected\n{expected}"
    return None


def main():
    kaohe, source_dir, golden = [os.path.abspath(a) for a in sys.argv[1:4]]
    cases = []
    for scheme_dir in sorted(glob.glob(os.path.join(golden, "*", ""))):
        scheme = os.path.basename(os.path.dirname(scheme_dir))
        policy = os.path.join(source_dir, "policies", scheme + ".kh")
        if os.path.exists(policy):
            for c in sorted(glob.glob(os.path.join(scheme_dir, "*.json"))):
                if not c.endswith(".expected.json"):
                    cases.append((c, lambda c=c, p=policy: scheme_case(kaohe, p, c)))
    bad_policies = os.path.join(golden, "bad-policies")
    for c in sorted(glob.glob(os.path.join(bad_policies, "*.kh"))):
        name = os.path.basename(c)
        cases.append((c, lambda c=c, n=name: expected_output_case(
            kaohe, ["check", n], c[:-3] + ".expected", 1, bad_policies)))
    for c in sorted(glob.glob(os.path.join(golden, "bad-data", "*", "*.json"))):
        scheme = os.path.basename(os.path.dirname(c))
        policy = os.path.join("policies", scheme + ".kh")
        data = os.path.relpath(c, source_dir)
        cases.append((c, lambda c=c, p=policy, d=data: expected_output_case(
            kaohe, ["run", p, d, "--format", "json"], c[:-5] + ".expected", 2, source_dir)))
    failed = 0
    for path, check in cases:
        why = check()
        if why:
            failed += 1
            print(f"FAIL {os.path.relpath(path, golden)}: {why}")
        else:
            print(f"ok   {os.path.relpath(path, golden)}")
    print(f"{len(cases) - failed} passed, {failed} failed")
    sys.exit(1 if failed or not cases else 0)


if __name__ == "__main__":
    main()
