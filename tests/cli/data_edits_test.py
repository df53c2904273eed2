#!/usr/bin/env python3
"""`--set-data ID.INPUT=VALUE` (issue 13): a changed input gives exactly what an edited copy of the
data gives — a record's field, a list's element, a whole list, a parent's input, a field the row
did not have — on all three seed policies; a changed value is checked like data (its JSON path in
the error), and targets that name nothing are refused with 是否指.

usage: data_edits_test.py KAOHE SOURCE_DIR — ends with "N passed, M failed".
"""
import json
import os
import tempfile

from harness import kaohe, root, run, case, results_of, finish


def load(name):
    with open(os.path.join(root, "examples", name), encoding="utf-8") as f:
        return json.load(f)  # short decimals read back as the same digits (repr is shortest)


tmp = tempfile.mkdtemp(prefix="kaohe-set-data-")


def written(document, name):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False)
    return path


def policy(scheme):
    return os.path.join(root, "policies", scheme + ".kh")


longnan, example = policy("longnan"), os.path.join(root, "examples", "longnan-2017.json")
baseline = results_of(longnan, example)

# Each: the edits, and the same change made to a copy of the data by hand.
def member(document, county, index):
    return document["counties"][county]["members"][index]


def votes(d):
    member(d, 0, 2)["democratic_votes"]["excellent"] = 60


def chief(d):
    member(d, 0, 2)["chief_scores"][1] = 99


def veto_list(d):
    member(d, 0, 2)["vetoes"] = ["安全生产"]


def county(d):
    d["counties"][0]["performance_score"] = 99


def added(d):
    m = member(d, 0, 2)
    m["previous_grade"] = "优秀"
    m["chief_scores"] = [99, 99]
    m["democratic_votes"] = {"excellent": 70, "competent": 0, "basic": 0, "incompetent": 0}


longnan_edits = [
    ("a record's field by the policy's names", ["LN01-M03.民主测评票.优秀=60"], votes),
    ("a record's field by JSON keys", ["LN01-M03.democratic_votes.excellent=60"], votes),
    ("a list's element", ["LN01-M03.正职评分[1]=99"], chief),
    ("a whole list, and a text read as JSON", ['LN01-M03.否决事项=["安全生产"]'], veto_list),
    ("a parent's input", ["LN01.实绩得分=99"], county),
    ("several, a later one of a place winning, a whole record",
     ["LN01-M03.上年等次=优秀", "LN01-M03.正职评分=[99, 99]", "LN01-M03.民主测评票.优秀=1",
      'LN01-M03.民主测评票={"excellent": 70, "competent": 0, "basic": 0, "incompetent": 0}'], added),
]
for name, edits, change in longnan_edits:
    document = load("longnan-2017.json")
    change(document)
    expected = results_of(longnan, written(document, "edited.json"))
    got = results_of(longnan, example, *[arg for e in edits for arg in ("--set-data", e)])
    case(f"longnan --set-data, {name}: equals the edited data", isinstance(got, list) and got == expected and got != baseline)

# The other seed schemes: a count of the first row, one more than it was.
for scheme, data, top, field in [("jiangxi", "jiangxi-2017.json", "cities", "unhandled_discipline_cases"),
                                 ("guangdong", "guangdong-2012.json", "villages", "projects_done")]:
    document = load(data)
    row = document[top][0]
    row[field] += 1
    expected = results_of(policy(scheme), written(document, "edited.json"))
    got = results_of(policy(scheme), os.path.join(root, "examples", data), "--set-data", f"{row['id']}.{field}={row[field]}")
    case(f"{scheme} --set-data {row['id']}.{field}={row[field]}: equals the edited data",
         isinstance(got, list) and got == expected and got != results_of(policy(scheme), os.path.join(root, "examples", data)))

code, out, err = run("run", longnan, example, "--set-data", "LN01-M03.民主测评票.优秀=-3")
case("a changed value is checked like data: exit 2, the JSON path and the input named, nothing on stdout",
     code == 2 and out == "" and "$.counties[0].members[2].democratic_votes.excellent (民主测评票)" in err)
code, out, err = run("run", longnan, example, "--set-data", "LN01-M03.民主测评票={\"excellent\": 0, \"competent\": 0, \"basic\": 0, \"incompetent\": 0}")
case("a changed record is checked by its rules (zero valid votes)", code == 2 and "有效票数为 0" in err)
code, out, err = run("run", longnan, example, "--set-data", "LN01-M3.民主测评票.优秀=6")
case("an id that is nothing: exit 64 with 是否指", code == 64 and "是否指 LN01-M03" in err and out == "")
code, out, err = run("run", longnan, example, "--set-data", "LN01-M03.民主测评.优秀=6")
case("an input that is nothing: exit 64, the entity's inputs listed, 是否指", code == 64 and "是否指 民主测评票" in err)
code, out, err = run("run", longnan, example, "--set-data", "LN01-M03.民主测评票.优良=6")
case("a record field that is nothing: exit 64, the record's fields listed", code == 64 and "优秀、称职" in err)
code, out, err = run("run", longnan, example, "--set-data", "LN01-M03.正职评分[5]=6")
case("a list element past the end: exit 64, how many there are", code == 64 and "共 2 项" in err)
code, out, err = run("run", longnan, example, "--set-data", "LN01-M03")
case("no '=': exit 64 with the form", code == 64 and "编号.输入=值" in err)
code, out, err = run("run", longnan, example, "--set-data", "LN01-M03=1")
case("an id without an input: exit 64, the input's name asked for", code == 64 and "缺少输入的名称" in err)

# A household: ids repeat from village to village, so one is named under its village.
guangdong, guangdong_data = policy("guangdong"), os.path.join(root, "examples", "guangdong-2012.json")
code, out, err = run("run", guangdong, guangdong_data, "--set-data", "H0001.纸电一致=false")
case("an id many rows share: exit 64, a few paths, and how to name one under its parent",
     code == 64 and "GD-00001.H0001.纸电一致" in err and len(err) < 1000)
document = load("guangdong-2012.json")
document["villages"][0]["households"][0]["paper_matches_system"] = False
got = results_of(guangdong, guangdong_data, "--set-data", "GD-00001.H0001.纸电一致=false")
case("a household named under its village: equals the edited data",
     isinstance(got, list) and got == results_of(guangdong, written(document, "edited.json")) and
     got != results_of(guangdong, guangdong_data))

# A scheme-level input, with no id: Jiangxi's reward pool.
jiangxi, jiangxi_data = policy("jiangxi"), os.path.join(root, "examples", "jiangxi-2017.json")
document = load("jiangxi-2017.json")
document["reward_pool"] = 5000
got = results_of(jiangxi, jiangxi_data, "--set-data", "奖励资金=5000")
case("a scheme-level input by its name: equals the edited data",
     isinstance(got, list) and got == results_of(jiangxi, written(document, "edited.json")) and
     got != results_of(jiangxi, jiangxi_data))
code, out, err = run("run", longnan, example, "--set-data", "LN01-M03.姓名=王五", "--format", "json")
document = json.loads(out) if code == 0 else {}
case("the provenance records the edits; a text value needs no quotes",
     document and document["provenance"]["data"]["edits"] == ["LN01-M03.姓名=王五"] and
     next(r for r in document["results"] if r["id"] == "LN01-M03")["name"] == "王五")

# whatif with data edits: the scenario is the edited data, against the baseline.
edit = "LN01-M02.正职评分[0]=96.77"
code, out, err = run("whatif", longnan, example, "--set-data", edit, "--format", "json")
scenario = json.loads(out)["scenarios"][0] if code == 0 else None
after = results_of(longnan, example, "--set-data", edit)
moved = {r["id"] for r, b in zip(after, baseline) if (r["grade"], r["rank"]) != (b["grade"], b["rank"])}
case("whatif --set-data: the rows whose grade or rank changed are those of run --set-data",
     scenario and scenario["set_data"] == [edit] and {c["id"] for c in scenario["impact"]["changed"]} == moved and
     "LN01-M02" in moved)
code, out, err = run("whatif", longnan, example, "--set-data", edit)
case("whatif text: a score that only rose names no largest fall", code == 0 and "最大升 +0.28" in out and "最大降" not in out)
code, out, err = run("whatif", longnan, example, "--set-data", "LN01-M99.正职评分[0]=1")
case("whatif --set-data naming nothing: exit 64", code == 64 and "是否指" in err)

finish()
