#!/usr/bin/env python3
"""Runs the language feature tests: small policies whose expectations are comments in them.

usage: run_language.py KAOHE LANGUAGE_DIR

Every LANGUAGE_DIR/<feature>/NAME.kh is one test, run in its own folder through the real
executable. Its data is NAME.json beside it, or the lines of the .kh that start with `#|`
(joined, without the `#|`). README.md in this folder describes the expectations:

  # expect: ID FIELD VALUE        a field of the result row with that id, as the JSON prints it
  # expect rows: N                the number of result rows
  # expect error: MESSAGE         at the end of the line the diagnostic must point at;
  # expect warning: MESSAGE         either may end with  = 提示: HINT
  # expect data error: TEXT       one line of stderr, after "数据错误: "

A test with `expect error` runs `kaohe check NAME.kh` and must exit 1. Any other runs
`kaohe run NAME.kh DATA --format json --warnings` and must exit 2 if it has `expect data error`
lines (then stderr holds exactly those, in order, and stdout nothing), else 0. Diagnostics must
be exactly the expected errors and warnings, in any order. Ends with the line
"N passed, M failed"; exits non-zero when any test fails.

Local modules: a .kh that another .kh in the same folder names in `use "./FILE.kh"` is a module,
not a test. Its `# expect error` / `# expect warning` lines belong to every test that uses it
(directly or through other modules), at their line in the module's file.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

USE_PATH = re.compile(r'^\s*use\s+"([^"]+)"', re.M)
EXPECT = re.compile(r"#\s*expect(?: (rows|error|warning|data error))?:\s?(.*)$")
DIAGNOSTIC = re.compile(r"^([^\s:][^:]*):(\d+):(\d+): (错误|警告): (.*)$")
# the source line, the caret, the hint, and a related place (注: 首次定义在这里) with its own lines
DIAGNOSTIC_BODY = re.compile(r"^\s*\d* \| |^\s+= 提示: |^[^\s:][^:]*:\d+:\d+: 注: ")
HINT = re.compile(r"^\s+= 提示: (.*)$")
SEVERITY = {"error": "错误", "warning": "警告"}


class Test:
    """One .kh file: its expectations, each with the line it was written on."""

    def __init__(self, path, modules=()):
        self.path = path
        self.name = os.path.basename(path)
        self.fields, self.rows, self.diagnostics, self.data_errors, self.data_lines = [], [], [], [], []
        self.problems = []
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                self.read_line(number, line.rstrip("\n"))
        self.diagnostics = [(self.name,) + d for d in self.diagnostics]
        for module in modules:  # what the modules it uses expect, at their own lines
            used = Test(module)
            self.diagnostics += used.diagnostics
            self.problems += used.problems
        self.checks_only = any(d[2] == "错误" for d in self.diagnostics)

    def read_line(self, number, line):
        if line.startswith("#|"):
            self.data_lines.append(line[2:])
            return
        match = EXPECT.search(line)
        if not match:
            if re.search(r"#\s*expect\b", line):
                self.problems.append(f"{self.name}:{number}: cannot read this expectation")
            return
        kind, rest = match.group(1), match.group(2).strip()
        if kind is None:
            parts = rest.split(" ", 2)
            if len(parts) < 2:
                self.problems.append(f"{self.name}:{number}: write `# expect: ID FIELD VALUE`")
            else:
                self.fields.append((number, parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
        elif kind == "rows":
            self.rows.append((number, rest))
        elif kind in SEVERITY:
            if line.lstrip().startswith("#"):
                self.problems.append(f"{self.name}:{number}: put `# expect {kind}` at the end of the line it is about")
            message, _, hint = rest.partition(" = 提示: ")
            self.diagnostics.append((number, SEVERITY[kind], message, hint or None))
        else:
            self.data_errors.append((number, rest))


def run(kaohe, args, cwd):
    try:
        p = subprocess.run([kaohe] + args, capture_output=True, timeout=60, cwd=cwd)
    except subprocess.TimeoutExpired:
        return None
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def printed(value):
    """A JSON value as the expectation writes it: text bare, a list joined with ", "."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(printed(v) for v in value)
    return json.dumps(value, ensure_ascii=False)


def split_stderr(stderr):
    """([file, line, severity, message, hint] for each rendered diagnostic, [every other line])."""
    diagnostics, other = [], []
    lines = stderr.splitlines()
    i = 0
    while i < len(lines):
        m = DIAGNOSTIC.match(lines[i])
        i += 1
        if not m:
            other.append(lines[i - 1])
            continue
        diagnostic = [m.group(1), int(m.group(2)), m.group(4), m.group(5), None]
        while i < len(lines) and DIAGNOSTIC_BODY.match(lines[i]):
            if hint := HINT.match(lines[i]):
                diagnostic[4] = hint.group(1)
            i += 1
        diagnostics.append(diagnostic)
    return diagnostics, other


def shown(severity, message, hint):
    return f"{severity}: {message}" + (f" = 提示: {hint}" if hint else "")


def compare_diagnostics(test, found):
    """Each expected diagnostic on its line; anything else found is unexpected."""
    failures = []
    for file, number, severity, message, hint in test.diagnostics:
        match = next((d for d in found if d[0] == file and d[1] == number and d[2] == severity
                      and d[3] == message and (hint is None or d[4] == hint)), None)
        if match:
            found.remove(match)
            continue
        same_line = [d for d in found if d[0] == file and d[1] == number]
        got = "; ".join(shown(*d[2:]) for d in same_line) or "nothing on this line"
        if same_line:
            found.remove(same_line[0])  # shown here, not again as unexpected
        failures.append(f"{file}:{number}: expected {shown(severity, message, hint)}\n      got: {got}")
    return failures + [f"{d[0]}:{d[1]}: unexpected {shown(*d[2:])}" for d in found]


def check_policy(test, kaohe, folder):
    result = run(kaohe, ["check", test.name], folder)
    if result is None:
        return [f"{test.name}: timed out"]
    code, _, err = result
    found, other = split_stderr(err)
    failures = [] if code == 1 else [f"{test.name}: exit {code}, expected 1"]
    failures += [f"{test.name}: unexpected output: {line}" for line in other]
    return failures + compare_diagnostics(test, found)


def check_run(test, kaohe, folder):
    data = os.path.splitext(test.name)[0] + ".json"
    with tempfile.TemporaryDirectory() as scratch:
        if test.data_lines:
            if os.path.exists(os.path.join(folder, data)):
                return [f"{test.name}: data both inline (#|) and in {data}"]
            data = os.path.join(scratch, data)
            with open(data, "w", encoding="utf-8") as f:
                f.write("\n".join(test.data_lines) + "\n")
        elif not os.path.exists(os.path.join(folder, data)):
            return [f"{test.name}: no data: add {data} or #| lines"]
        result = run(kaohe, ["run", test.name, data, "--format", "json", "--warnings"], folder)
    if result is None:
        return [f"{test.name}: timed out"]
    code, out, err = result
    found, other = split_stderr(err)
    if test.data_errors:
        return check_data_errors(test, code, out, other) + compare_diagnostics(test, found)
    if code != 0:
        return [f"{test.name}: exit {code}, expected 0; stderr:\n{err}"]
    failures = [f"{test.name}: unexpected output: {line}" for line in other]
    failures += compare_diagnostics(test, found)
    try:
        rows = json.loads(out)["results"]
    except (ValueError, KeyError) as e:
        return failures + [f"{test.name}: the output is not {{\"results\": [...]}}: {e}"]
    return failures + check_rows(test, rows)


def check_rows(test, rows):
    failures = [f"{test.name}:{n}: expected {want} rows, got {len(rows)}"
                for n, want in test.rows if str(len(rows)) != want]
    for number, row_id, field, want in test.fields:
        matching = [r for r in rows if str(r.get("id")) == row_id]
        if len(matching) != 1:
            failures.append(f"{test.name}:{number}: {len(matching)} rows have id {row_id}, expected 1")
            continue
        value = matching[0]
        for key in field.split("."):
            value = value.get(key, KeyError) if isinstance(value, dict) else KeyError
        got = f"no field {field}" if value is KeyError else printed(value)
        if got != want:
            failures.append(f"{test.name}:{number}: {row_id} {field}: expected {want}\n      got: {got}")
    return failures


def check_data_errors(test, code, out, got):
    failures = [] if code == 2 else [f"{test.name}: exit {code}, expected 2"]
    if out:
        failures.append(f"{test.name}: results were printed despite data errors")
    want = [(f"{test.name}:{n}", f"数据错误: {text}") for n, text in test.data_errors]
    want.append((test.name, f"{len(test.data_errors)} 处数据错误, 未输出结果"))
    for i, (where, line) in enumerate(want):
        actual = got[i] if i < len(got) else "(nothing)"
        if actual != line:
            failures.append(f"{where}: expected: {line}\n      got: {actual}")
    return failures + [f"{test.name}: unexpected: {line}" for line in got[len(want):]]


def check(test, kaohe):
    if test.problems:
        return test.problems
    if not (test.fields or test.rows or test.diagnostics or test.data_errors):
        return [f"{test.name}: has no expectations"]
    if test.checks_only and (test.fields or test.rows or test.data_errors):
        return [f"{test.name}: a policy with errors has no results or data errors to expect"]
    if test.data_errors and (test.fields or test.rows):
        return [f"{test.name}: data errors mean no results; expect one or the other"]
    folder = os.path.dirname(test.path)
    return check_policy(test, kaohe, folder) if test.checks_only else check_run(test, kaohe, folder)


def local_uses(path):
    """The .kh files `path` names in `use "./…"`, resolved beside it."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    folder = os.path.dirname(path)
    return [os.path.normpath(os.path.join(folder, used)) for used in USE_PATH.findall(text)]


def modules_of(path):
    """Every existing local module `path` uses, directly or through others, each once."""
    seen, stack = [], [path]
    while stack:
        for used in local_uses(stack.pop()):
            if used != path and used not in seen and os.path.exists(used):
                seen.append(used)
                stack.append(used)
    return seen


def main():
    kaohe, root = (os.path.abspath(a) for a in sys.argv[1:3])
    every = sorted(glob.glob(os.path.join(root, "*", "*.kh")))
    used = {m for path in every for m in local_uses(path)}
    paths = [p for p in every if p not in used]
    failed = 0
    for path in paths:
        failures = check(Test(path, modules_of(path)), kaohe)
        shown_path = os.path.relpath(path, root)
        if failures:
            failed += 1
            print(f"FAIL {shown_path}")
            for failure in failures:
                print(f"  {os.path.dirname(shown_path)}/{failure}")
        else:
            print(f"ok   {shown_path}")
    print(f"{len(paths) - failed} passed, {failed} failed")
    sys.exit(1 if failed or not paths else 0)


if __name__ == "__main__":
    main()
