#!/usr/bin/env python3
"""Runs the robustness corpus: broken policies, data and command lines, each with what kaohe must do.

A case NAME is a file NAME.expect beside its inputs:
    generate: python3 {here}/NAME.py {tmp}    (optional: makes big inputs instead of committing them)
    args: run {here}/NAME.kh {here}/NAME.json --format csv
    stdin: {here}/NAME.json                   (optional: fed to standard input)
    exit: 2
    stderr: 缺少字段                           (each stderr:/stdout: line is a fragment that must appear)
    stdout: 没有考核对象
    absent: 未定义的名称 市级领导评价            (a fragment that must not appear on either stream)
{here} is the case's folder, {root} the repository, {tmp} a scratch folder of the case's own.
Beyond what a case says, kaohe must never die of a signal, print a sanitizer report, take over
10 s, or print results when it fails (exit != 0 means nothing on stdout).

usage: run_robustness.py KAOHE ROOT CORPUS_DIR
"""
import pathlib
import shlex
import subprocess
import sys
import tempfile

TIME_LIMIT = 10
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "runtime error:", "ERROR: LeakSanitizer", "terminate called")


def parse_expect(path):
    spec = {"args": None, "exit": None, "stdin": None, "generate": [], "stderr": [], "stdout": [], "absent": []}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or key not in spec:
            raise ValueError(f"{path}:{number}: expected 'key: value' with a key among {', '.join(spec)}")
        if isinstance(spec[key], list):
            spec[key].append(value)
        else:
            spec[key] = value
    if spec["args"] is None or spec["exit"] is None:
        raise ValueError(f"{path}: a case needs args: and exit:")
    return spec


def run_case(kaohe, root, expect):
    spec = parse_expect(expect)
    with tempfile.TemporaryDirectory() as tmp:
        def fill(text):
            return text.replace("{here}", str(expect.parent)).replace("{root}", str(root)).replace("{tmp}", tmp)

        for command in spec["generate"]:
            subprocess.run(shlex.split(fill(command)), check=True, timeout=120)
        stdin = open(fill(spec["stdin"]), "rb") if spec["stdin"] else subprocess.DEVNULL
        try:
            done = subprocess.run([kaohe] + shlex.split(fill(spec["args"])), stdin=stdin, capture_output=True,
                                  timeout=TIME_LIMIT)
        except subprocess.TimeoutExpired:
            return [f"took over {TIME_LIMIT} s"]
        finally:
            if spec["stdin"]:
                stdin.close()
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    problems = []
    if done.returncode < 0:
        problems.append(f"killed by signal {-done.returncode}")
    elif done.returncode != int(spec["exit"]):
        problems.append(f"exit {done.returncode}, expected {spec['exit']}")
    problems += [f"sanitizer or abort: {mark}" for mark in SANITIZER_MARKS if mark in err]
    if done.returncode != 0 and out and not spec["stdout"]:
        problems.append("printed output although it failed")
    problems += [f"stderr lacks {fragment!r}" for fragment in spec["stderr"] if fragment not in err]
    problems += [f"stdout lacks {fragment!r}" for fragment in spec["stdout"] if fragment not in out]
    problems += [f"printed {fragment!r}" for fragment in spec["absent"] if fragment in out or fragment in err]
    if problems:
        problems.append("stderr was:\n" + err[:2000])
    return problems


def main():
    kaohe, root, corpus = sys.argv[1], pathlib.Path(sys.argv[2]).resolve(), pathlib.Path(sys.argv[3]).resolve()
    cases = sorted(corpus.rglob("*.expect"))
    failed = 0
    for expect in cases:
        problems = run_case(kaohe, root, expect)
        if problems:
            failed += 1
            print(f"FAIL {expect.relative_to(corpus)}")
            for problem in problems:
                print("  " + problem.replace("\n", "\n  "))
    print(f"{len(cases) - failed} passed, {failed} failed")
    sys.exit(1 if failed or not cases else 0)


if __name__ == "__main__":
    main()
