#!/usr/bin/env python3
"""Runs every golden case through the real kaohe executable.

usage: run_golden.py [--update] KAOHE SOURCE_DIR GOLDEN_DIR

Every command runs in SOURCE_DIR with paths relative to it, so a path that a message prints
is the same wherever the tree is checked out.

GOLDEN_DIR/<scheme>/NAME.json is run as `kaohe run policies/<scheme>.kh
  tests/golden/<scheme>/NAME.json --format json` and checked twice:
  - against NAME.expected.json, the public contract (copied from elsewhere, never edited here):
    results by id, scores as decimals, flags as sets; or, for {"data_errors": [...]}, exit 2,
    no results, and each error's JSON path named;
  - against a snapshot, byte for byte: NAME.output.json is the whole stdout (every field of
    every row, components and names included, in order) with exit 0 and nothing on stderr;
    for a data-error case NAME.stderr is the whole stderr, with exit 2 and nothing on stdout.
GOLDEN_DIR/examples/<scheme>.{table,json,csv}: `kaohe run policies/<scheme>.kh
  examples/<scheme>-*.json --format F` must print exactly that, exit 0, nothing on stderr
  (examples/<scheme>.kh instead, when an example brings its own policy; examples/NAME.kh for
  examples/NAME.json alone, snapshot examples/NAME.*).
GOLDEN_DIR/bad-policies/NAME.kh with NAME.expected: `kaohe check NAME.kh` (run in that
  folder) must exit 1 and print exactly the expected diagnostics on stderr; when they are all
  warnings (no "错误:" in NAME.expected) it must exit 0 instead, and stdout may say 检查通过.
  Files in its subfolders are modules the cases use (`use "./modules/…"`), not cases.
GOLDEN_DIR/bad-data/<scheme>/NAME.json with NAME.expected: `kaohe run` must exit 2, print
  no results, and print exactly the expected data errors.

--update rewrites the snapshots (NAME.output.json, NAME.stderr, examples/*) from KAOHE, then
checks everything as usual. Use it only for a deliberate change of output: read the `git diff`
of the snapshots and commit it with the change that explains it. It never writes the
NAME.expected.json contract or the hand-written .expected files of bad-policies and bad-data.

A mismatch prints a short unified diff. Ends with the line "N passed, M failed"; exits
non-zero when any case fails.
"""
import argparse
import difflib
import glob
import json
import os
import subprocess
import sys
from decimal import Decimal

FORMATS = ("table", "json", "csv")
NOT_SCHEMES = ("bad-data", "bad-policies", "examples")


def run(kaohe, args, cwd):
    """(exit code, stdout bytes, stderr bytes), or None on a time-out."""
    try:
        p = subprocess.run([kaohe] + args, capture_output=True, timeout=60, cwd=cwd)
    except subprocess.TimeoutExpired:
        return None
    return p.returncode, p.stdout, p.stderr


def text(data):
    return data.decode("utf-8", "replace")


def short_diff(expected, got, name, limit=30):
    lines = list(difflib.unified_diff(text(expected).splitlines(keepends=True),
                                      text(got).splitlines(keepends=True),
                                      fromfile=name, tofile="actual", n=1))
    if not lines:
        return f"{name}: the bytes differ but the decoded text does not"
    more = f"... ({len(lines) - limit} more diff lines)\n" if len(lines) > limit else ""
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines[:limit]) + more


def snapshot(path, got, update):
    """None when the file holds exactly `got`; writes it first under --update."""
    if update:
        with open(path, "wb") as f:
            f.write(got)
    if not os.path.exists(path):
        return f"no snapshot {os.path.basename(path)} (make it with --update)"
    with open(path, "rb") as f:
        expected = f.read()
    if expected == got:
        return None
    return "differs from its snapshot:\n" + short_diff(expected, got, os.path.basename(path))


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


def scheme_case(kaohe, source_dir, policy, data, update):
    base = os.path.join(source_dir, data)[:-5]
    expected = json.load(open(base + ".expected.json", encoding="utf-8"))
    result = run(kaohe, ["run", policy, data, "--format", "json"], source_dir)
    if result is None:
        return "timed out"
    code, out, err = result
    if "data_errors" in expected:
        if code != 2:
            return f"bad data: exit {code}, expected 2"
        if out:
            return "bad data: something was printed on stdout"
        missed = [e for e in expected["data_errors"] if e.split(":")[0] not in text(err)]
        if missed:
            return f"bad data: not reported: {missed}"
        return snapshot(base + ".stderr", err, update)
    if code != 0:
        return f"exit {code}: {text(err).strip()[:400]}"
    if err:
        return f"stderr is not empty: {text(err)[:400]}"
    diffs = compare_results(expected["results"], json.loads(out)["results"])
    if diffs:
        return f"{len(diffs)} differences from the contract: " + "; ".join(diffs[:4])
    return snapshot(base + ".output.json", out, update)


def example_case(kaohe, source_dir, policy, data, fmt, path, update):
    result = run(kaohe, ["run", policy, data, "--format", fmt], source_dir)
    if result is None:
        return "timed out"
    code, out, err = result
    if code != 0:
        return f"exit {code}: {text(err).strip()[:400]}"
    if err:
        return f"stderr is not empty: {text(err)[:400]}"
    return snapshot(path, out, update)


def expected_output_case(kaohe, args, expected_path, expected_code, cwd, stdout_allowed=False):
    expected = open(expected_path, "rb").read()
    result = run(kaohe, args, cwd)
    if result is None:
        return "timed out"
    code, out, err = result
    if code != expected_code:
        return f"exit {code}, expected {expected_code}; stderr: {text(err)[:400]}"
    if out and not stdout_allowed:
        return "something was printed on stdout"
    if err != expected:
        return "stderr differs:\n" + short_diff(expected, err, os.path.basename(expected_path))
    return None


def collect(kaohe, source_dir, golden, update):
    """Every case as (path shown, function returning None or what is wrong)."""
    golden_rel = os.path.relpath(golden, source_dir)
    cases = []
    for scheme_dir in sorted(glob.glob(os.path.join(golden, "*", ""))):
        scheme = os.path.basename(os.path.dirname(scheme_dir))
        policy = os.path.join("policies", scheme + ".kh")
        if scheme in NOT_SCHEMES or not os.path.exists(os.path.join(source_dir, policy)):
            continue
        for c in sorted(glob.glob(os.path.join(scheme_dir, "*.json"))):
            if not c.endswith((".expected.json", ".output.json")):
                data = os.path.join(golden_rel, scheme, os.path.basename(c))
                cases.append((c, lambda p=policy, d=data: scheme_case(kaohe, source_dir, p, d, update)))
    for example in sorted(glob.glob(os.path.join(source_dir, "examples", "*-*.json"))):
        scheme = os.path.basename(example).split("-")[0]
        # An example may bring its own policy (examples/teams.kh, or examples/longnan-2018.kh for
        # just that data set); the seeds' are in policies/.
        stem = os.path.basename(example)[:-len(".json")]
        policy = os.path.join("examples", scheme + ".kh")
        if os.path.exists(os.path.join(source_dir, "examples", stem + ".kh")):
            policy, scheme = os.path.join("examples", stem + ".kh"), stem
        elif not os.path.exists(os.path.join(source_dir, policy)):
            policy = os.path.join("policies", scheme + ".kh")
        data = os.path.relpath(example, source_dir)
        for fmt in FORMATS:
            path = os.path.join(golden, "examples", f"{scheme}.{fmt}")
            cases.append((path, lambda p=policy, d=data, f=fmt, s=path: example_case(
                kaohe, source_dir, p, d, f, s, update)))
    bad_policies = os.path.join(golden, "bad-policies")
    for c in sorted(glob.glob(os.path.join(bad_policies, "*.kh"))):
        name = os.path.basename(c)
        expected = c[:-3] + ".expected"
        warnings_only = "错误:".encode() not in open(expected, "rb").read()
        cases.append((c, lambda n=name, e=expected, w=warnings_only: expected_output_case(
            kaohe, ["check", n], e, 0 if w else 1, bad_policies, stdout_allowed=w)))
    for c in sorted(glob.glob(os.path.join(golden, "bad-data", "*", "*.json"))):
        scheme = os.path.basename(os.path.dirname(c))
        policy = os.path.join("policies", scheme + ".kh")
        data = os.path.relpath(c, source_dir)
        cases.append((c, lambda c=c, p=policy, d=data: expected_output_case(
            kaohe, ["run", p, d, "--format", "json"], c[:-5] + ".expected", 2, source_dir)))
    return cases


def main():
    parser = argparse.ArgumentParser(description="Runs the golden cases through kaohe.")
    parser.add_argument("--update", action="store_true",
                        help="rewrite the snapshots from KAOHE (for a deliberate output change only)")
    parser.add_argument("kaohe")
    parser.add_argument("source_dir")
    parser.add_argument("golden_dir")
    args = parser.parse_args()
    kaohe, source_dir, golden = (os.path.abspath(a) for a in (args.kaohe, args.source_dir, args.golden_dir))
    if args.update:
        os.makedirs(os.path.join(golden, "examples"), exist_ok=True)
    cases = collect(kaohe, source_dir, golden, args.update)
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
