#!/usr/bin/env python3
"""The tools for next year's scheme, through the real executable: kaohe test, kaohe diff, kaohe fmt.

usage: scheme_tools_test.py KAOHE SOURCE_DIR — ends with "N passed, M failed".
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

kaohe, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
longnan = os.path.join(root, "policies", "longnan.kh")
longnan_2018 = os.path.join(root, "examples", "longnan-2018.kh")
data_2018 = os.path.join(root, "examples", "longnan-2018.json")
results = []


def run(*args, cwd=root):
    p = subprocess.run([kaohe, *args], capture_output=True, timeout=120, cwd=cwd)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def case(name, condition):
    results.append((name, bool(condition)))


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


tmp = tempfile.mkdtemp(prefix="kaohe-tools-")

# ---------------------------------------------------------------- kaohe test
code, out, err = run("test", "policies")
summary = re.search(r"^(\d+) passed, (\d+) failed$", out, re.M)
case("test: the shipped policies' tests all pass, the last line says how many",
     code == 0 and summary and int(summary.group(1)) > 100 and summary.group(2) == "0" and out.endswith(summary.group(0) + "\n"))
for name in ("longnan", "jiangxi", "guangdong"):
    case(f"test: {name}.kh ships with tests", os.path.exists(os.path.join(root, "policies", name + ".khtest")))

# The example in docs/testing.md, as a staff member would copy it next to the scheme and data.
example = re.search(r"```\n(# 陇南.*?)```", read(os.path.join(root, "docs", "testing.md")), re.S).group(1)
shutil.copy(longnan, tmp)
shutil.copy(os.path.join(root, "examples", "longnan-2017.json"), tmp)
write(os.path.join(tmp, "example.khtest"), example)
code, out, _ = run("test", "example.khtest", cwd=tmp)
case("test: the example of docs/testing.md passes", code == 0 and out.strip().endswith("passed, 0 failed"))
write(os.path.join(tmp, "example.khtest"), example.replace("expect LN01-M02 score 89.95", "expect LN01-M02 score 89.59"))
code, out, _ = run("test", "example.khtest", cwd=tmp)
line = example.split("\n").index("  expect LN01-M02 score 89.95") + 1
case("test: a wrong expectation fails with its line, the expected and the actual value, exit 1",
     code == 1 and f"example.khtest:{line}: 失败" in out and "期望: 89.59" in out and "实际: 89.95" in out
     and out.strip().endswith("1 failed"))
write(os.path.join(tmp, "broken.khtest"), 'policy "longnan.kh"\ntest "a"\n  expect LN01-M02\n')
code, out, err = run("test", "broken.khtest", cwd=tmp)
case("test: a mistake in a test file is reported at file:line:col with a caret, exit 1, and the file counts as failed",
     code == 1 and "broken.khtest:3:" in err and "^" in err and "测试文件有错" in out and out.endswith("0 passed, 1 failed\n"))
write(os.path.join(tmp, "kind.khtest"), 'policy "longnan.kh"\ndata "longnan-2017.json"\ntest "a"\n  expect membr LN01-M07 grade 优秀\n')
code, out, _ = run("test", "kind.khtest", cwd=tmp)
case("test: a kind no row has fails naming the kinds there are", code == 1 and "没有种类为 membr 的结果行 (结果行的种类: member)" in out)
with open(os.path.join(tmp, "windows.khtest"), "wb") as f:  # as Notepad saves it: a BOM and CRLF
    f.write('\ufeffpolicy "longnan.kh"\r\ndata "longnan-2017.json"\r\ntest "a"\r\n  expect LN01-M07 grade 优秀\r\n'.encode("utf-8"))
code, out, _ = run("test", "windows.khtest", cwd=tmp)
case("test: a test file with a byte order mark and CRLF line ends is read", code == 0 and out == "1 passed, 0 failed\n")
code, out, err = run("test", "nowhere.khtest", cwd=tmp)
case("test: a missing test file exits 3", code == 3 and "nowhere.khtest" in err)
# Next year's scheme against this year's tests: the higher 优秀 line shows as failures.
code, out, _ = run("test", "--policy", longnan_2018, "policies/longnan.khtest")
case("test --policy: next year's scheme runs against this year's tests and fails where it differs",
     code == 1 and "failed" in out and "期望" in out)

# ---------------------------------------------------------------- kaohe diff
code, out, err = run("diff", longnan, longnan_2018)
case("diff: weights, the 优秀 line, the new indicator and veto, each with its lines",
     code == 0 and re.search(r"33 → 37\s+修改\s+权重 实绩权重 默认值: 45% → 40%", out)
     and "分数线 优秀线 默认值: 90 → 92" in out and "新增  输入 县区.营商环境得分" in out
     and re.search(r"— → \d+\s+新增\s+一票否决 of 成员 when", out))
for name in ("longnan", "jiangxi", "guangdong"):
    scheme = os.path.join(root, "policies", name + ".kh")
    code, out, _ = run("diff", scheme, scheme)
    case(f"diff: {name}.kh against itself has no changes (inputs of one name in two entities are two inputs)",
         code == 0 and "方案没有变化" in out)

# A moved line redistributes Jiangxi's rewards: the money is listed, though no rank moved for it.
jiangxi = os.path.join(root, "policies", "jiangxi.kh")
write(os.path.join(tmp, "jiangxi-93.kh"), read(jiangxi).replace("param 好线 = 90", "param 好线 = 93"))
code, out, _ = run("diff", jiangxi, os.path.join(tmp, "jiangxi-93.kh"), "--data", os.path.join(root, "examples", "jiangxi-2017.json"),
                   "--format", "json")
fields = json.loads(out)["impact"]["fields"] if code == 0 else []
jx_before = {r["id"]: r for r in json.loads(run("run", jiangxi, os.path.join(root, "examples", "jiangxi-2017.json"), "--format", "json")[1])["results"]}
case("diff --data: other output fields that changed (the reward) are listed with both values",
     fields and all(f["field"] == "reward" and jx_before[f["id"]]["reward"] == f["before"] for f in fields))

# Ids that are numbers, as Jiangxi's administrative codes are.
shutil.copy(jiangxi, tmp)
shutil.copy(os.path.join(root, "examples", "jiangxi-2017.json"), tmp)
write(os.path.join(tmp, "codes.khtest"), 'policy "jiangxi.kh"\ndata "jiangxi-2017.json"\ntest "a"\n'
      '  expect 360100 grade 好\n  expect city 360100 reward 645.73\n  expect 360300 no flag 资金奖励\n'
      '  expect 4 rows city grade 好\n')
code, out, _ = run("test", "codes.khtest", cwd=tmp)
case("test: a number is read as an id, a count says rows", code == 0 and out == "4 passed, 0 failed\n")
code, out, _ = run("test", "jiangxi.kh", cwd=tmp)
case("test: a scheme given for a test file is one failure that says so", code == 1 and "这是方案文件" in out and out.endswith("0 passed, 1 failed\n"))

code, out, err = run("diff", longnan, longnan_2018, "--data", data_2018, "--format", "json")
diff = json.loads(out) if code == 0 else {}
before = json.loads(run("run", longnan, data_2018, "--format", "json")[1])["results"]
after = json.loads(run("run", longnan_2018, data_2018, "--format", "json")[1])["results"]
joined = {(r["entity"], r["id"]): [r] for r in before}
for r in after:
    joined[(r["entity"], r["id"])].append(r)
grade_moved = {k[1] for k, (a, b) in joined.items() if a["grade"] != b["grade"]}
rank_moved = {k[1] for k, (a, b) in joined.items() if a["rank"] != b["rank"]}
changed = diff.get("impact", {}).get("changed", [])
case("diff --data: exactly the entities whose grade changed, as two runs joined by id say",
     grade_moved and {c["id"] for c in changed if c["before"]["grade"] != c["after"]["grade"]} == grade_moved)
case("diff --data: changed lists every row whose grade or rank changed, and no other",
     {c["id"] for c in changed} == grade_moved | rank_moved)
case("diff --data: each changed row has both sides' score (decimal string), grade and rank, and a cause",
     all(isinstance(c["before"]["score"], str) and isinstance(c["after"]["rank"], int) and c["causes"] for c in changed))
counts = lambda rows: {g: sum(1 for r in rows if r["grade"] == g) for g in {r["grade"] for r in before + after}}
case("diff --data: the grade distribution before and after",
     diff.get("impact", {}).get("grades") == {"before": counts(before), "after": counts(after)})
vetoed = [c for c in changed if "一票否决:受到党纪政务处分" in c["after"]["flags"]]
case("diff --data: a row the new veto moved names the veto", vetoed and all("veto" in c["causes"] for c in vetoed))
case("diff --format json: changes carry action, kind, name and both lines",
     any(c["kind"] == "threshold" and c["before"] == "90" and c["after"] == "92" and c["old_line"] and c["new_line"]
         for c in diff.get("changes", [])))

code, out, err = run("diff", longnan, longnan_2018, "--data", os.path.join(root, "examples", "longnan-2017.json"))
case("diff --data: inputs the new scheme needs and the data lacks are reported, exit 2",
     code == 2 and "营商环境得分" in err and "新方案" in err and out == "")

# Weights and a line moved at once: a row whose score rose yet whose grade fell was moved by the line;
# a new flag rule shows in the flag counts.
both = read(longnan)
for before_text, after_text in (("param 实绩权重 = 45%", "param 实绩权重 = 40%"), ("param 目标管理权重 = 20%", "param 目标管理权重 = 25%"),
                                ("param 称职线 = 80", "param 称职线 = 82")):
    both = both.replace(before_text, after_text)
both += '\nflag "民主测评偏低" of 成员 when 民主测评得分 < 80\n'
write(os.path.join(tmp, "both.kh"), both)
code, out, _ = run("diff", longnan, os.path.join(tmp, "both.kh"), "--data", os.path.join(root, "examples", "longnan-2017.json"),
                   "--format", "json")
impact = json.loads(out)["impact"] if code == 0 else {}
order = ["优秀", "称职", "基本称职", "不称职"]
rose_fell = [c for c in impact.get("changed", []) if float(c["after"]["score"]) > float(c["before"]["score"])
             and order.index(c["after"]["grade"]) > order.index(c["before"]["grade"])]
fell_by_score = [c for c in impact.get("changed", []) if c["after"]["grade"] != c["before"]["grade"] and "threshold" not in c["causes"]]
case("diff --data: a score that rose while the grade fell names the line, not the score",
     rose_fell and all(c["causes"] == ["threshold"] for c in rose_fell))
case("diff --data: a grade moved by the new weights alone names the weights",
     fell_by_score and all("weight" in c["causes"] for c in fell_by_score))
case("diff --data: flag counts before and after (a new rule's flag from 0)",
     impact.get("flags", {}).get("before", {}).get("民主测评偏低") == 0 and impact["flags"]["after"]["民主测评偏低"] > 0)

# Weights and a quota share moved: the share (reached through the value 优秀比例) reads as a quota;
# a grade lost to fewer slots names the quota, one moved by the new weights names the weights.
shares = read(longnan)
for before_text, after_text in (("param 实绩权重 = 45%", "param 实绩权重 = 40%"), ("param 目标管理权重 = 20%", "param 目标管理权重 = 25%"),
                                ("param 一般优秀比例 = 15%", "param 一般优秀比例 = 12%")):
    shares = shares.replace(before_text, after_text)
write(os.path.join(tmp, "shares.kh"), shares)
code, out, _ = run("diff", longnan, os.path.join(tmp, "shares.kh"), "--data", os.path.join(root, "examples", "longnan-2017.json"),
                   "--format", "json")
result = json.loads(out) if code == 0 else {}
case("diff: a parameter a quota's share is computed from is a quota change",
     any(c["kind"] == "quota" and c["name"] == "一般优秀比例" and c["before"] == "15%" and c["after"] == "12%"
         for c in result.get("changes", [])))
moved = result.get("impact", {}).get("changed", [])
same_score_lost = [c for c in moved if c["before"]["score"] == c["after"]["score"] or
                   (c["before"]["grade"] == "优秀" and c["after"]["grade"] == "称职" and float(c["after"]["score"]) >= 90)]
case("diff --data: 优秀 lost to fewer slots names the quota", same_score_lost and all("quota" in c["causes"] for c in same_score_lost))
case("diff --data: with only weights changed, a moved score is put down to the weights",
     any(c["causes"] == ["weight"] for c in moved) and not any("score" in c["causes"] for c in moved))

renamed = read(longnan).replace("民主测评得分", "民主评议得分")
write(os.path.join(tmp, "renamed.kh"), renamed)
code, out, _ = run("diff", longnan, os.path.join(tmp, "renamed.kh"))
case("diff: a renamed indicator is one rename, and the formulas that use it do not show as changed",
     code == 0 and "1 处变化" in out and "改名  指标 民主测评得分 → 民主评议得分" in out)
write(os.path.join(tmp, "typo.kh"), read(longnan).replace("综合得分 desc", "综合的分 desc"))
code, out, err = run("diff", longnan, os.path.join(tmp, "typo.kh"))
case("diff: a policy with errors prints them and exits 1", code == 1 and "综合的分" in err and out == "")

# ---------------------------------------------------------------- kaohe fmt
code, out, err = run("fmt", "--check", "policies", "stdlib", "examples")
case("fmt --check: every shipped policy, stdlib module and example is formatted", code == 0 and out == "" and err == "")

messy = os.path.join(tmp, "messy.kh")
messy_text = read(longnan)
for before, after in (("  实绩权重         实绩得分", "\t实绩权重 实绩得分"), ("use votes\n", "use votes\n\n\n"),
                      ("value 正职评价 of 成员 = mean(正职评分)", "value 正职评价   of 成员 =mean( 正职评分 )  "),
                      ("  优秀 >= 优秀线", "      优秀>=优秀线")):
    assert before in messy_text, before
    messy_text = messy_text.replace(before, after)
write(messy, messy_text)
code, out, _ = run("fmt", "--check", messy)
unchanged = read(messy)
case("fmt --check: names the file that would change, exit 1, and changes nothing", code == 1 and "messy.kh" in out)
case("fmt --check leaves the file as it was", read(messy) == unchanged)
code, out, _ = run("fmt", messy)
formatted = read(messy)
case("fmt: rewrites in place to the canonical layout (here the layout of the shipped policy)",
     code == 0 and formatted == read(longnan))
case("fmt: formatting a formatted file changes nothing", run("fmt", "--check", messy)[0] == 0)
case("fmt: comments are kept", all(line.strip() in formatted for line in read(longnan).splitlines() if line.strip().startswith("#")))

# Every language test policy, formatted, still does what its comments say: same meaning, new layout.
copy = os.path.join(tmp, "language")
shutil.copytree(os.path.join(root, "tests", "language"), copy)
code, out, err = run("fmt", copy)
refused = sorted(set(re.findall(r"kaohe: (\S+) 有语法错误, 未格式化", err)))
case("fmt: of the language tests only those with syntax errors are refused (exit 1), nothing is a changed meaning",
     code == 1 and refused and all("/errors/" in f or "/modules/" in f for f in refused) and "含义" not in err)
case("fmt: a second run over the formatted language tests changes nothing",
     "需要格式化" not in run("fmt", "--check", copy)[1])
p = subprocess.run([sys.executable, os.path.join(root, "tests", "language", "run_language.py"), kaohe, copy],
                   capture_output=True, timeout=600)
case("fmt: the formatted language tests all still pass", p.returncode == 0)
# A minus inside a data path is part of the name, not an operator (found by the policy fuzzer).
dashed = os.path.join(tmp, "dashed.kh")
write(dashed, "scheme 示例 2024\n\nentity 人员 at people key person-id {\n  input 分: score at score-1\n}\n"
              "value 差 of 人员 = 分-1\noutput 人员 as person { score: 差 }\n")
code, out, err = run("fmt", dashed)
case("fmt: a dash in a data path stays, and the policy still reads the same",
     code == 0 and "key person-id" in read(dashed) and "at score-1" in read(dashed) and run("check", dashed)[0] == 0)
code, out, err = run("fmt", os.path.join(tmp, "missing.kh"))
case("fmt: a missing file exits 3", code == 3 and "missing.kh" in err)

# Every example line of `kaohe --help` runs as it is written.
code, out, _ = run("--help")
examples = [line.strip().split()[1:] for line in out.split("例如:")[1].split("\n\n")[0].splitlines() if line.strip()]
for args in examples:
    if ">" in args:
        args = args[:args.index(">")]
    code, _, err = run(*args)
    case(f"kaohe --help example runs: kaohe {' '.join(args)}", code == 0)

shutil.rmtree(tmp)
failed = [name for name, ok in results if not ok]
for name, ok in results:
    print(("ok   " if ok else "FAIL ") + name)
print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
