#!/usr/bin/env python3
"""The command line as a user meets it: help, usage errors, exit codes and the three formats.

usage: cli_test.py KAOHE SOURCE_DIR — ends with "N passed, M failed".
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

kaohe, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
policy = os.path.join(root, "policies", "longnan.kh")
example = os.path.join(root, "examples", "longnan-2017.json")
results = []


def run(*args):
    p = subprocess.run([kaohe, *args], capture_output=True, timeout=60, cwd=root)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def case(name, condition):
    results.append((name, bool(condition)))


def width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


code, out, _ = run("--help")
case("--help exits 0 and shows the commands", code == 0 and "kaohe run" in out and "kaohe check" in out)
code, out, _ = run("run", "--help")
case("run --help explains the formats", code == 0 and "--format json" in out)
code, out, _ = run("check", "--help")
case("check --help exits 0", code == 0 and "kaohe check" in out)
code, _, err = run()
case("no command is a usage error", code == 64 and "用法" in err)
code, _, err = run("frob")
case("an unknown command is a usage error", code == 64 and "未知的命令 frob" in err)
code, _, err = run("run", policy)
case("run without data is a usage error", code == 64)
code, _, err = run("run", policy, example, "--format", "xml")
case("an unknown format is a usage error", code == 64 and "xml" in err)
code, _, err = run("run", policy, example, "--colour")
case("an unknown option is a usage error", code == 64 and "--colour" in err)
code, _, err = run("run", "missing.kh", example)
case("a missing policy file exits 3", code == 3 and "missing.kh" in err)
code, out, err = run("run", policy, "missing.json")
case("a missing data file exits 3", code == 3 and "missing.json" in err and out == "")
code, out, _ = run("check", policy)
case("check of the shipped policy passes", code == 0 and "检查通过" in out)

code, out, err = run("run", policy, example, "--format", "json")
document = json.loads(out) if code == 0 else {}
members = sum(len(c["members"]) for c in json.load(open(example, encoding="utf-8"))["counties"])
case("json: one result per member", code == 0 and len(document.get("results", [])) == members)
case("json: contract keys", all({"id", "entity", "score", "grade", "rank", "flags"} <= set(r) for r in document["results"]))
case("json: scores are two-place decimal strings",
     all(isinstance(r["score"], str) and len(r["score"].split(".")[1]) == 2 for r in document["results"]))

code, out, _ = run("run", policy, example)
lines = [l for l in out.splitlines() if l and not l.startswith("[")]
header = lines[0]
# Every row's second column starts at the same display cell as the header's.
second = width(header[:header.index("name")])
aligned = all(width(l[:len(l) - len(l[len(l.split("  ")[0]):].lstrip())]) == second for l in lines[1:])
case("table: one line per member plus a header", code == 0 and len(lines) == members + 1)
case("table: columns line up under Chinese text", aligned)

code, out, _ = run("run", policy, example, "--format", "csv")
case("csv: starts with a byte order mark for spreadsheets", code == 0 and out.startswith("\ufeff"))
rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
case("csv: a header and one row per member", rows[0][:3] == ["entity", "id", "name"] and len(rows) == members + 1)

with tempfile.TemporaryDirectory() as tmp:
    tiny_policy = os.path.join(tmp, "tiny.kh")
    tiny_data = os.path.join(tmp, "tiny.json")
    with open(tiny_policy, "w", encoding="utf-8") as f:
        f.write("entity 县区 at counties key id {\n  input 得分: score at s\n}\noutput 县区 as county { score: 得分 }\n")
    awkward = 'C"1\\\n\u0001县'
    with open(tiny_data, "w", encoding="utf-8") as f:
        json.dump({"counties": [{"id": awkward, "s": 89.995}]}, f, ensure_ascii=False)
    code, out, _ = run("run", tiny_policy, tiny_data, "--format", "json")
    result = json.loads(out)["results"][0] if code == 0 else {}
    case("json: ids with quotes, backslashes and control characters survive", result.get("id") == awkward)
    case("json: numbers are read exactly (89.995 stays 89.995)", result.get("score") == "89.995")

failed = [name for name, ok in results if not ok]
for name, ok in results:
    print(("ok   " if ok else "FAIL ") + name)
print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
