#!/usr/bin/env python3
"""`kaohe sensitivity`: a spread of 0 keeps every row at its baseline grade and rank, on all three
seed policies; a seed reproduces its report and another seed gives another; each row's grade
counts add up to the kept samples; a sample's reported values, fed to `kaohe run --set`, give the
grades and ranks the sample counted; a --vary name that is nothing is a usage error with 是否指.

usage: sensitivity_test.py KAOHE SOURCE_DIR — ends with "N passed, M failed".
"""
import json
import sys

from harness import kaohe, run, case, finish


def sensitivity(policy, data, vary, *options):
    code, out, err = run("sensitivity", policy, data, "--vary", vary, "--format", "json", *options)
    if code != 0:
        print(f"sensitivity {policy} {vary} {options}: exit {code}\n{err}", file=sys.stderr)
        return None
    return json.loads(out)


def standings(policy, data, *sets):
    """(entity, id) → (grade, rank) as `kaohe run` gives them."""
    args = []
    for s in sets:
        args += ["--set", s]
    code, out, err = run("run", policy, data, "--format", "json", *args)
    if code != 0:
        print(f"run {policy} {sets}: exit {code}\n{err}", file=sys.stderr)
        return {}
    return {(r["entity"], r["id"]): (r.get("grade"), r.get("rank")) for r in json.loads(out)["results"]}


seeds = {
    "longnan": ("longnan-2017.json", "综合得分.实绩得分,综合得分.民主测评得分,等次.优秀,一般优秀比例"),
    "jiangxi": ("jiangxi-2017.json", "等次.好,等次.较好,资金违规每起扣分"),
    "guangdong": ("guangdong-2012.json", "等次.优秀,等次.良好,纸电不一致每户扣分"),
}
for scheme, (data, vary) in seeds.items():
    policy = f"policies/{scheme}.kh"
    data = f"examples/{data}"
    baseline = standings(policy, data)

    # spread 0: every sample is the baseline
    report = sensitivity(policy, data, vary, "--samples", "20", "--spread", "0", "--seed", "3")
    ok = report is not None and report["skipped"] == 0 and len(report["entities"]) > 0
    graded = 0
    for e in (report or {"entities": []})["entities"]:
        grade, rank = baseline.get((e["entity"], e["id"]), (None, None))
        if e["grades"] is not None:
            graded += 1
            ok &= e["baseline"]["grade"] == grade and e["grades"][grade] == 20 and not e["fragile"]
        if e["rank"] is not None:
            ok &= e["baseline"]["rank"] == rank and e["rank"] == {"min": rank, "max": rank}
    case(f"{scheme}: spread 0 keeps every row at its baseline grade and rank", ok and graded > 0)
    case(f"{scheme}: spread 0 moves no grade in the influence samples",
         report is not None and all(i["grade_changes"] == 0 for i in report["influence"]))

    # a seed reproduces its report, another seed gives another
    first = run("sensitivity", policy, data, "--vary", vary, "--samples", "200", "--seed", "7", "--format", "json")
    again = run("sensitivity", policy, data, "--vary", vary, "--samples", "200", "--seed", "7", "--format", "json",
                "--threads", "1")
    other = run("sensitivity", policy, data, "--vary", vary, "--samples", "200", "--seed", "8", "--format", "json")
    case(f"{scheme}: the same seed gives the same report (whatever the thread count)",
         first[0] == 0 and first[1] == again[1])
    case(f"{scheme}: another seed gives another report", first[0] == 0 and other[0] == 0 and first[1] != other[1])
    report = json.loads(first[1]) if first[0] == 0 else None
    case(f"{scheme}: each row's grade counts add up to the kept samples",
         report is not None and all(sum(e["grades"].values()) == report["samples"] - report["skipped"]
                                    for e in report["entities"] if e["grades"] is not None))
    case(f"{scheme}: some grade moves at spread 5", report is not None and any(e["fragile"] for e in report["entities"]))
    case(f"{scheme}: one influence line per varied parameter",
         report is not None and sorted(i["name"] for i in report["influence"]) == sorted(vary.split(",")))

    # one sample, replayed through `kaohe run --set`
    replayed = False
    for seed in range(1, 20):
        report = sensitivity(policy, data, vary, "--samples", "1", "--spread", "10", "--seed", str(seed), "--show-samples")
        if report is None or report["skipped"]:
            continue
        sets = [f"{name}={value}" for name, value in report["sample_values"][0]["set"].items()]
        again = standings(policy, data, *sets)
        ok = len(again) > 0
        moved = False
        for e in report["entities"]:
            grade, rank = again.get((e["entity"], e["id"]), (None, None))
            if e["grades"] is not None:
                ok &= e["grades"].get(grade) == 1
                moved |= grade != e["baseline"]["grade"]
            if e["rank"] is not None:
                ok &= e["rank"] == {"min": rank, "max": rank}
        case(f"{scheme}: sample 0 of seed {seed} replayed by run --set gives the same grades and ranks", ok)
        replayed = True
        break
    case(f"{scheme}: a sample was kept to replay", replayed)

# table output: the summary, the fragile rows and the influence
code, out, err = run("sensitivity", "policies/longnan.kh", "examples/longnan-2017.json", "--vary",
                     "综合得分.实绩得分,等次.优秀", "--samples", "300", "--seed", "1")
case("table: summary, fragile rows and influence",
     code == 0 and "抽样 300 次" in out and "种子 1" in out and "等次不稳" in out and "哪个参数影响最大" in out
     and "实绩权重" in out)

# names that are nothing
code, out, err = run("sensitivity", "policies/longnan.kh", "examples/longnan-2017.json", "--vary", "优秀先",
                     "--samples", "10")
case("an unknown parameter is a usage error with 是否指", code == 64 and "是否指 优秀线" in err)
code, out, err = run("sensitivity", "policies/longnan.kh", "examples/longnan-2017.json", "--vary",
                     "综合得分.实绩得,等次.优秀", "--samples", "10")
case("an unknown component is a usage error with 是否指", code == 64 and "是否指 实绩得分" in err)
code, out, err = run("sensitivity", "policies/longnan.kh", "examples/longnan-2017.json", "--vary", "优秀线",
                     "--samples", "10", "--spread", "0.001")
case("a spread finer than 0.01 is a usage error", code == 64)
for samples in ["-3", "100000000", "1e6"]:
    code, out, err = run("sensitivity", "policies/longnan.kh", "examples/longnan-2017.json", "--vary", "优秀线",
                         "--samples", samples)
    case(f"--samples {samples} is refused, not run for ever", code == 64 and out == "" and "--samples" in err)

# Under --set, every sample replays with the --set it was drawn under.
code, out, err = run("sensitivity", "policies/longnan.kh", "examples/longnan-2017.json", "--vary", "综合得分.实绩得分",
                     "--samples", "1", "--seed", "3", "--set", " 优秀线 = 88", "--show-samples", "--format", "json")
report = json.loads(out) if code == 0 else {}
replay = ["--set 优秀线=88"] + [f"--set {k}={v}" for k, v in report.get("sample_values", [{}])[0].get("set", {}).items()]
got = standings("policies/longnan.kh", "examples/longnan-2017.json", *[w.split(" ", 1)[1] for w in replay])
counted = {(r["entity"], r["id"]): next(g for g, n in r["grades"].items() if n) for r in report.get("entities", []) if r.get("grades")}
case("under --set, the report names it and a sample replays with it",
     report and report["with"] == ["--set 优秀线=88"] and counted and
     all(got[key][0] == grade for key, grade in counted.items() if key in got))

finish()
