"""What the command-line test scripts share: kaohe run from the source folder, cases recorded,
and the closing "N passed, M failed" (exit 1 when any failed).

A script is run as `SCRIPT.py KAOHE SOURCE_DIR` and starts with `from harness import …`.
"""
import json
import os
import subprocess
import sys

kaohe, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
results = []


def run(*args, timeout=300):
    """(exit code, stdout, stderr) of build/kaohe ARGS, run in the source folder."""
    p = subprocess.run([kaohe, *args], capture_output=True, timeout=timeout, cwd=root)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def case(name, condition):
    results.append((name, bool(condition)))


def results_of(policy, data, *options):
    """`run --format json`'s result rows, or its stderr when it failed."""
    code, out, err = run("run", policy, data, "--format", "json", *options)
    return json.loads(out)["results"] if code == 0 else err


def finish():
    failed = [name for name, ok in results if not ok]
    for name, ok in results:
        print(("ok   " if ok else "FAIL ") + name)
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)
