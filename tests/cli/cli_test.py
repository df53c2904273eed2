#!/usr/bin/env python3
"""The command line as a user meets it: help, usage errors, exit codes and the three formats.

usage: cli_test.py KAOHE SOURCE_DIR — ends with "N passed, M failed".
"""
import csv
import io
import json
import os
import re
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
case("a missing policy file exits 3 and says so", code == 3 and "missing.kh: 文件不存在" in err)
code, out, err = run("run", policy, "missing.json")
case("a missing data file exits 3 and says so", code == 3 and "missing.json: 文件不存在" in err and out == "")
code, out, _ = run("check", policy)
case("check of the shipped policy passes", code == 0 and "检查通过" in out)

# Robustness of the command line itself (issue 11).
code, out, _ = run("--version")
case("--version prints the version", code == 0 and re.fullmatch(r"kaohe \d+\.\d+\.\d+\n", out))
case("-V is --version", run("-V") == (code, out, ""))
code, out, err = run("run", policy, example, "--format", "csv", "--format", "json")
case("a repeated option is a usage error naming it", code == 64 and "选项 --format 给了不止一次" in err and out == "")
code, _, err = run("run", policy, example, "--params=a.json", "--params", "b.json")
case("a repeated option is caught in either spelling", code == 64 and "选项 --params 给了不止一次" in err)
code, _, err = run("run", policy, example, "--strict")
case("an unknown option is named", code == 64 and err.startswith("kaohe: 未知的选项 --strict"))
with open(example, "rb") as data:
    p = subprocess.run([kaohe, "run", policy, "-", "--format", "json"], stdin=data, capture_output=True, timeout=60)
case("- reads the data from standard input",
     p.returncode == 0 and json.loads(p.stdout)["results"] == json.loads(run("run", policy, example, "--format", "json")[1])["results"])
for args in (["run", policy, example], ["run", policy, example, "--format", "json"], ["check", policy], ["--help"]):
    with open("/dev/full", "w") as full:
        p = subprocess.run([kaohe, *args], stdout=full, stderr=subprocess.PIPE, timeout=60)
    case(f"a failed write is an error: {' '.join(args[:1])}", p.returncode == 3 and "无法写出结果" in p.stderr.decode("utf-8"))
p = subprocess.run([kaohe, "run", policy, example], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60,
                   preexec_fn=lambda: os.close(1))
case("a closed standard output is an error", p.returncode == 3 and "无法写出结果" in p.stderr.decode("utf-8"))
# `kaohe run … | head`: the reader is gone before kaohe writes; exit 3 with a word, not death by SIGPIPE.
reader, writer = os.pipe()
os.close(reader)
p = subprocess.run([kaohe, "run", policy, example], stdout=writer, stderr=subprocess.PIPE, timeout=60)
os.close(writer)
case("a closed pipe is a failed write (exit 3), not SIGPIPE", p.returncode == 3 and "无法写出结果" in p.stderr.decode("utf-8"))

# Errors for programs and editors (issue 12): JSON and gcc-style text.
with tempfile.TemporaryDirectory() as tmp:
    broken = os.path.join(tmp, "broken.kh")
    with open(policy, encoding="utf-8") as f:
        text = f.read()
    with open(broken, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(民主测评权重\s+)民主测评得分", r"\1民主测评的分", text))
    code, out, err = run("check", broken, "--format", "json")
    diagnostics = json.loads(out) if out.startswith("[") else []
    case("check --format json: the diagnostics as a JSON array on stdout, exit 1",
         code == 1 and err == "" and diagnostics and diagnostics[0]["code"] == "P201"
         and diagnostics[0]["file"] == broken and diagnostics[0]["line"] > 0 and "民主测评的分" in diagnostics[0]["message"]
         and diagnostics[0]["hint"] == "是否指 民主测评得分？")
    code, out, _ = run("check", policy, "--format", "json")
    case("check --format json of a clean policy is an empty array, exit 0", code == 0 and json.loads(out) == [])
    code, _, err = run("check", broken, "--error-format", "gcc")
    case("--error-format gcc: file:line:col: error:", code == 1 and re.match(r"^.*broken\.kh:\d+:\d+: error: 未定义的名称", err))
    bad = os.path.join(tmp, "bad.json")
    with open(example, encoding="utf-8") as f:
        data = json.load(f)
    data["counties"][2]["id"] = data["counties"][0]["id"]
    data["counties"][1]["performance_score"] = "90"
    with open(bad, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    code, out, err = run("run", policy, bad, "--errors", "json")
    errors = json.loads(err) if err.startswith("[") else []
    case("run --errors json: data errors as one JSON array in row order, nothing on stdout",
         code == 2 and out == "" and [e["code"] for e in errors] == ["D104", "D112"]
         and errors[0]["path"] == "$.counties[1].performance_score" and errors[0]["input"] == "实绩得分"
         and errors[0]["severity"] == "error" and errors[1]["entity"] == "县区")
    code, _, err = run("run", policy, bad, "--errors", "gcc")
    case("run --errors gcc: each data error led by the data file and error:",
         code == 2 and err.startswith(bad + ": error: 县区 "))
code, _, err = run("run", policy, example, "--errors", "xml")
case("an unknown error format is a usage error", code == 64 and "未知的错误输出形式 xml" in err)

# Provenance: the JSON output names the scheme, hashes every file read, and gives the parameters in force.
import hashlib
def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()
with tempfile.TemporaryDirectory() as tmp:
    params = os.path.join(tmp, "p.json")
    with open(params, "w", encoding="utf-8") as f:
        f.write('{"实绩权重": 40, "目标管理权重": "25%"}')
    code, out, _ = run("run", policy, example, "--format", "json", "--params", params)
    prov = json.loads(out).get("provenance", {}) if code == 0 else {}
    case("provenance: scheme, kaohe version, the policy and its stdlib module and the data by SHA-256, parameters in force",
         prov.get("scheme") == "陇南班子成员考核" and prov.get("kaohe") == run("--version")[1].split()[1]
         and prov.get("policy") == [{"file": policy, "sha256": sha256_of(policy)},
                                    {"file": "stdlib/votes.kh", "sha256": sha256_of(os.path.join(root, "stdlib", "votes.kh"))}]
         and prov.get("data") == {"file": example, "sha256": sha256_of(example)}
         and prov.get("parameters", {}).get("实绩权重") == "40%" and prov["parameters"].get("目标管理权重") == "25%"
         and prov["parameters"].get("优秀线") == "90")

# kaohe template: the data skeleton binds as it stands; only the policy's data rules may reject
# its placeholder values, never its shape.
for name in ("policies/longnan.kh", "policies/jiangxi.kh", "policies/guangdong.kh", "examples/teams.kh"):
    code, out, _ = run("template", os.path.join(root, name))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        f.write(out)
    skeleton = json.loads(out) if code == 0 else {}
    code, _, err = run("run", os.path.join(root, name), f.name, "--errors", "json")
    os.unlink(f.name)
    codes = {e["code"] for e in json.loads(err)} if err.startswith("[") else set()
    case(f"template {name}: valid JSON whose shape binds (errors only from data rules)",
         skeleton and codes <= {"D201"} and (code == 0 or codes == {"D201"}))
longnan_skeleton = json.loads(run("template", policy)[1])
member = longnan_skeleton["counties"][0]["members"][0]
case("template notes name the input, its type and range",
     member["//democratic_votes"].startswith("民主测评票: 对象 票数") and "0 到 100" in longnan_skeleton["counties"][0]["//performance_score"]
     and longnan_skeleton["实施方案"]["实绩权重"] == "45%")

# cmake --install: the installed kaohe finds the stdlib installed beside it, not the source tree's.
with tempfile.TemporaryDirectory() as prefix:
    installed = subprocess.run(["cmake", "--install", os.path.dirname(kaohe), "--prefix", prefix], capture_output=True)
    exe = os.path.join(prefix, "bin", "kaohe")
    env = {k: v for k, v in os.environ.items() if k != "KAOHE_STDLIB"}
    with open(os.path.join(prefix, "probe.kh"), "w", encoding="utf-8") as f:
        f.write("use vote\n")
    p = subprocess.run([exe, "check", os.path.join(prefix, "probe.kh")], capture_output=True, env=env, timeout=60)
    case("the installed kaohe looks for the stdlib under its prefix",
         installed.returncode == 0 and os.path.join(prefix, "share", "kaohe", "stdlib", "vote.kh") in p.stderr.decode("utf-8"))
    examples = os.path.join(prefix, "share", "kaohe", "examples")
    p = subprocess.run([exe, "run", os.path.join(examples, "longnan.kh"), os.path.join(examples, "longnan-2017.json"),
                        "--format", "json"], capture_output=True, env=env, timeout=60, cwd=prefix)
    case("the installed kaohe runs an installed policy that uses the stdlib",
         p.returncode == 0 and json.loads(p.stdout)["results"] == json.loads(run("run", policy, example, "--format", "json")[1])["results"])

# Help in every spelling, and usage errors in Chinese naming the culprit, then the command's help.
main_help, run_help = run("--help")[1], run("run", "--help")[1]
case("-h and help are --help", run("-h") == (0, main_help, "") and run("help") == (0, main_help, ""))
case("run -h and help run are run --help", run("run", "-h") == (0, run_help, "") and run("help", "run") == (0, run_help, ""))
case("--help wins over missing arguments", run("run", "--help") == (0, run_help, ""))
case("help of an unknown command is a usage error", run("help", "frob")[0] == 64 and "未知的命令 frob" in run("help", "frob")[2])


def usage_error(args, *words, help_start="kaohe run POLICY DATA"):
    """Exit 64, nothing on stdout, "kaohe: MESSAGE" naming the words, a blank line, the help."""
    code, out, err = run(*args)
    message, _, help_text = err.partition("\n\n")
    english = re.search(r"\b(required|expected|argument|convert|missing|following|allowed|subcommand)\b", message)
    return (code == 64 and out == "" and message.startswith("kaohe: ") and all(w in message for w in words)
            and not english and help_text.startswith(help_start))


case("usage: no command", usage_error([], "缺少命令", help_start="kaohe — "))
case("usage: unknown top-level option", usage_error(["--colour"], "未知的选项 --colour", help_start="kaohe — "))
case("usage: missing data names DATA", usage_error(["run", policy], "缺少参数", "DATA"))
case("usage: missing --format value", usage_error(["run", policy, example, "--format"], "--format", "缺少值"))
case("usage: bad --format= value", usage_error(["run", policy, example, "--format=xml"], "--format", "xml", "table、json、csv"))
case("usage: unknown option, also before missing arguments", usage_error(["run", "--colour"], "未知的选项 --colour", "DATA"))
case("usage: an extra argument", usage_error(["run", policy, example, "extra.json"], "多余的参数 extra.json"))
case("usage: a second command is an extra argument", usage_error(["run", policy, example, "check"], "多余的参数 check"))
case("usage: check with two policies", usage_error(["check", policy, policy], "多余的参数", help_start="kaohe check POLICY"))
case("usage: a value given to a flag", usage_error(["run", policy, example, "--timings=abc"], "--timings"))

code, out, err = run("run", policy, example, "--format", "json")
document = json.loads(out) if code == 0 else {}
json_out = out
case("--format=json is --format json", run("run", policy, example, "--format=json") == (0, json_out, ""))
code, out, err = run("run", policy, example, "--format", "json", "--timings")
case("--timings goes to stderr only", code == 0 and json.loads(out) == document
     and [l.split()[0] for l in err.splitlines()] == ["policy", "read", "parse", "bind", "evaluate", "results", "render"])

# Warnings: `check` prints them and exits 0; `run` keeps stderr for what stopped it, unless --warnings.
with tempfile.TemporaryDirectory() as scratch:
    warned = os.path.join(scratch, "w.kh")
    with open(warned, "w", encoding="utf-8") as f:
        f.write("entity 县 at counties key id {\n  input 分: score at s\n  input 旧: score at old\n}\n"
                "output 县 as county { score: 分 }\n")
    warned_data = os.path.join(scratch, "w.json")
    with open(warned_data, "w", encoding="utf-8") as f:
        f.write('{"counties": [{"id": "A", "s": 80, "old": 1}]}')
    code, out, err = run("check", warned)
    case("check prints a warning and exits 0", code == 0 and "检查通过" in out and "1 个警告" in out
         and "警告: 输入 旧 已声明, 但没有任何规则使用它" in err)
    code, out, err = run("run", warned, warned_data, "--format", "json")
    case("run does not print warnings", code == 0 and err == "" and json.loads(out)["results"][0]["score"] == "80.00")
    code, out, err = run("run", warned, warned_data, "--format", "json", "--warnings")
    case("run --warnings prints them to stderr", code == 0 and "警告: 输入 旧" in err
         and json.loads(out)["results"][0]["score"] == "80.00")

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

    # Files saved by Windows tools start with a byte order mark; it is not part of the text.
    bom_policy = os.path.join(tmp, "bom.kh")
    bom_data = os.path.join(tmp, "bom.json")
    with open(bom_policy, "w", encoding="utf-8-sig") as f:
        f.write("# 第一条\nentity 县区 at counties key id {\n  input 得分: score at s\n}\n"
                "output 县区 as county { score: 得分 }\nvalue 甲 of 县区 = 得份\n")
    with open(bom_data, "w", encoding="utf-8-sig") as f:
        json.dump({"counties": [{"id": "A", "s": 90}]}, f)
    code, out, _ = run("run", tiny_policy, bom_data, "--format", "json")
    case("a data file with a byte order mark is read", code == 0 and json.loads(out)["results"][0]["score"] == "90.00")
    # A policy saved as GBK: one error saying so, and the output stays UTF-8.
    gbk_policy = os.path.join(tmp, "gbk.kh")
    with open(gbk_policy, "wb") as f:
        f.write("value 优秀 = 1\nvalue 差 = 2\n".encode("gbk"))
    p = subprocess.run([kaohe, "check", gbk_policy], capture_output=True, timeout=60)
    try:
        gbk_err = p.stderr.decode("utf-8")
    except UnicodeDecodeError:
        gbk_err = None
    case("a GBK policy is one error asking for UTF-8, printed as UTF-8",
         p.returncode == 1 and gbk_err is not None and gbk_err.count("错误") == 1 and "UTF-8" in gbk_err)
    code, _, err = run("check", bom_policy)
    case("a policy with a byte order mark: columns count from its first real character",
         code == 1 and "bom.kh:6:17: 错误: 未定义的名称 得份" in err)

    # --params: a parameters file changes this run's weights; a wrong one is a data error.
    params = os.path.join(tmp, "params.json")
    with open(params, "w", encoding="utf-8") as f:
        json.dump({"实绩权重": "40%", "民主测评权重": 15}, f, ensure_ascii=False)
    plain = json.loads(run("run", policy, example, "--format", "json")[1])["results"]
    code, out, _ = run("run", policy, example, "--params", params, "--format", "json")
    changed = json.loads(out)["results"] if code == 0 else []
    case("--params changes the weights of this run",
         code == 0 and len(changed) == len(plain) and any(a["score"] != b["score"] for a, b in zip(changed, plain)))
    with open(params, "w", encoding="utf-8") as f:
        json.dump({"实绩权重": "40%"}, f, ensure_ascii=False)
    code, out, err = run("run", policy, example, "--params", params)
    case("--params whose weights do not add up: exit 2, one error naming the file and parameter, no output",
         code == 2 and out == "" and "params.json: $.实绩权重" in err and "合计为 95%" in err)
    code, out, err = run("run", policy, example, "--params", os.path.join(tmp, "none.json"))
    case("a missing parameters file exits 3", code == 3 and "none.json" in err and out == "")

failed = [name for name, ok in results if not ok]
for name, ok in results:
    print(("ok   " if ok else "FAIL ") + name)
print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
