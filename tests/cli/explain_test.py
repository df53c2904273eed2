#!/usr/bin/env python3
"""`kaohe explain POLICY DATA --id ID`: the derivation of one result agrees with `run` for every
output row of the three seeds (id, score, grade, rank and components exactly; the weighted
contributions sum exactly to the unrounded score, which rounds half up to the score); a quota
cut, a tie at the cut and a veto are told with their numbers; --set moves the explanation as it
moves `run`; an unknown id is a usage error with 是否指, bad data exits 2 with nothing on stdout.

usage: explain_test.py KAOHE SOURCE_DIR — ends with "N passed, M failed".
"""
import copy
import json
import os
import tempfile
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

from harness import kaohe, root, run, case, finish


def run_rows(policy, data, *options):
    code, out, err = run("run", policy, data, "--format", "json", *options)
    assert code == 0, err
    return json.loads(out)["results"]


def explain(policy, data, row_id, *options):
    code, out, err = run("explain", policy, data, "--id", row_id, "--format", "json", *options)
    return json.loads(out) if code == 0 else {"error": err, "code": code}


def round2(fraction):
    # exact half-up rounding of a Fraction to 2 places
    scaled = fraction * 100
    whole = scaled.numerator // scaled.denominator
    rest = scaled - whole
    if fraction >= 0:
        whole += 1 if rest >= Fraction(1, 2) else 0
    else:
        whole += 1 if rest > Fraction(1, 2) else 0
    return Fraction(whole, 100)


def check_weighted(node, where):
    """A weighted score: contribution = weight × value; their sum is the value before rounding."""
    weighted = node.get("weighted")
    if not weighted:
        return True
    terms = weighted["terms"]
    each = all(Fraction(t["contribution"]) == Fraction(t["weight"]) * Fraction(t["value"]) for t in terms)
    total = sum((Fraction(t["contribution"]) for t in terms), Fraction(0))
    before = Fraction(node["rounding"]["before"]) if "rounding" in node else Fraction(node["exact"])
    return each and total == Fraction(weighted["sum"]) == before


# ---------------------------------------------------------------- every row of every seed

seeds = [("longnan.kh", "longnan-2017.json"), ("jiangxi.kh", "jiangxi-2017.json"), ("guangdong.kh", "guangdong-2012.json")]
for policy_name, data_name in seeds:
    policy, data = os.path.join("policies", policy_name), os.path.join("examples", data_name)
    rows = run_rows(policy, data)
    same_top, same_components, sums, rounding = [], [], [], []
    for row in rows:
        e = explain(policy, data, row["id"])
        if "error" in e:
            same_top.append(row["id"])
            continue
        if isinstance(e, list):  # an id in several entities: the one run printed
            e = next(x for x in e if x.get("entity") == row["entity"])
        # exactly as run gives it, JSON types included (a rank is a number, a score a string)
        if any(k not in e or e[k] != row[k] or type(e[k]) is not type(row[k]) for k in ("id", "score", "grade", "rank", "flags")
               if k in row):
            same_top.append(row["id"])
        components = e["derivation"]["components"]
        if {k: v["value"] for k, v in components.items()} != row.get("components", {}):
            same_components.append(row["id"])
        score = e["derivation"]["fields"].get("score")
        if score is None:
            continue
        if not check_weighted(score, row["id"]):
            sums.append(row["id"])
        if "rounding" in score and "round2" in score["rounding"]["rule"]:
            if round2(Fraction(score["rounding"]["before"])) != Fraction(row["score"]):
                rounding.append(row["id"])
        if score["value"] != row["score"]:
            rounding.append(row["id"])
    case(f"{policy_name}: all {len(rows)} rows: id, score, grade, rank, flags as run gives them {same_top[:3]}",
         rows and not same_top)
    case(f"{policy_name}: components equal run's {same_components[:3]}", not same_components)
    case(f"{policy_name}: weighted contributions sum exactly to the unrounded score {sums[:3]}", not sums)
    case(f"{policy_name}: the unrounded score rounds half up to the score {rounding[:3]}", not rounding)

longnan, data = "policies/longnan.kh", "examples/longnan-2017.json"
rows = run_rows(longnan, data)
weighted_rows = [r for r in rows if "weighted" in explain(longnan, data, r["id"])["derivation"]["fields"]["score"]]
case("longnan: every member's score is told as a weighted sum", len(weighted_rows) == len(rows))

# ---------------------------------------------------------------- a quota cut

cut_rows = [r for r in rows if "超出优秀名额" in r["flags"]]
case("the example has members cut by the quota", cut_rows)
for row in cut_rows[:3]:
    e = explain(longnan, data, row["id"])
    quota = e["derivation"]["fields"]["grade"]["grade"]["quotas"][0]
    places = {p["position"]: p for p in quota["places"]}
    me = [p for p in quota["places"] if p["this"]]
    case(f"{row['id']}: pool, slots, its position past the cut, the neighbour at the cut",
         quota["cut"] and quota["pool"]["entity"] == "县区" and quota["pool"]["size"] > 0
         and quota["slots"] == int(Fraction(quota["exact_slots"])) and quota["position"] > quota["slots"]
         and quota["reached"] > quota["slots"] and me and me[0]["position"] == quota["position"] and not me[0]["kept"]
         and quota["slots"] in places and places[quota["slots"]]["kept"] and len(places[quota["slots"]]["keys"]) == 3
         and quota["flag"] == "超出优秀名额" and quota["order"][0] == "综合得分 desc")
    share = quota["share_derivation"]
    case(f"{row['id']}: the share rule that fired, and its value is the quota's share",
         share["name"] == "优秀比例" and share["branch"]["chosen"].endswith("优秀比例")
         and Fraction(share["exact"]) == Fraction(quota["share"])
         and Fraction(quota["exact_slots"]) == Fraction(quota["share"]) * quota["pool"]["size"])
    grade = e["derivation"]["fields"]["grade"]["grade"]
    case(f"{row['id']}: 优秀 by score, 称职 after the quota", grade["by_score"] == "优秀" and grade["final"] == "称职" == row["grade"])
    code, text, _ = run("explain", longnan, data, "--id", row["id"])
    case(f"{row['id']}: the text names the cut and the flag",
         code == 0 and "名额线" in text and "← 本人" in text and "标记 超出优秀名额" in text and f"名额 = " in text)

# ---------------------------------------------------------------- a tie across the cut (built)

document = json.load(open(os.path.join(root, data), encoding="utf-8"))
county = document["counties"][0]
best = explain(longnan, data, "LN01-M07")  # LN01's one 优秀 place
twin = copy.deepcopy(next(m for m in county["members"] if m["id"] == "LN01-M07"))
twin["id"] = "LN01-M99"
county["members"].append(twin)
tmp = tempfile.mkdtemp(prefix="kaohe-explain-")
tie_data = os.path.join(tmp, "tie.json")
with open(tie_data, "w", encoding="utf-8") as f:
    json.dump(document, f, ensure_ascii=False)
tie_rows = {r["id"]: r for r in run_rows(longnan, tie_data)}
e = explain(longnan, tie_data, "LN01-M99")
quota = e["derivation"]["fields"]["grade"]["grade"]["quotas"][0]
tied = [p for p in quota["places"] if p["tied"]]
case("a twin of the best member: both tied across the cut, flagged 并列待定",
     "并列待定" in tie_rows["LN01-M99"]["flags"] and quota["flag"] == "并列待定" and quota["cut"]
     and {p["id"] for p in tied} >= {"LN01-M07", "LN01-M99"} and all(p["keys"] == tied[0]["keys"] for p in tied)
     and e["grade"] == tie_rows["LN01-M99"]["grade"] == "称职")
code, text, _ = run("explain", longnan, tie_data, "--id", "LN01-M07")
case("the tie in the text", code == 0 and "并列跨过名额线" in text and "并列待定" in text)

# ---------------------------------------------------------------- a veto

vetoed = [r for r in rows if any(f.startswith("一票否决") for f in r["flags"])]
case("the example has vetoed members", vetoed)
for row in vetoed[:2]:
    e = explain(longnan, data, row["id"])
    grade = e["derivation"]["fields"]["grade"]["grade"]
    veto = grade["vetoes"][0]
    flag_rules = [f for f in e["derivation"]["flags"] if f["text"].startswith("一票否决")]
    case(f"{row['id']}: the veto fired with its rule, the grade capped at 称职",
         veto["fired"] and veto["cap"] == "称职" and veto["formula"] == "not empty(否决事项)" and veto["at"].startswith("policies/longnan.kh:")
         and veto["reads"][0]["name"] == "否决事项" and veto["reads"][0]["value"]
         and grade["after_vetoes"] in ("称职", "基本称职", "不称职") and grade["final"] == row["grade"]
         and flag_rules and "一票否决" in flag_rules[0]["rule"])
not_vetoed = explain(longnan, data, rows[0]["id"])["derivation"]["fields"]["grade"]["grade"]["vetoes"][0]
case("a member without vetoes: the veto did not fire", not not_vetoed["fired"])

# ---------------------------------------------------------------- --set moves it as it moves run

changed = run_rows(longnan, data, "--set", "等次.优秀=95")
moved = [r for r in changed if r["grade"] != next(x for x in rows if x["id"] == r["id"])["grade"]]
case("--set 等次.优秀=95 changes some grades", moved)
for row in (moved[:3] + changed[:2]):
    e = explain(longnan, data, row["id"], "--set", "等次.优秀=95")
    bands = e["derivation"]["fields"]["grade"]["grade"]["bands"]
    case(f"--set 等次.优秀=95: {row['id']} graded {row['grade']} as by run --set, with the line at 95",
         e["grade"] == row["grade"] and e["derivation"]["fields"]["grade"]["grade"]["final"] == row["grade"]
         and bands[0]["threshold"] == "95")

# ---------------------------------------------------------------- text, other entities, mistakes

code, text, _ = run("explain", longnan, data, "--id", "LN01-M02")
case("text: the score with its line and article, its inputs with JSON paths, the rounding",
     code == 0 and "综合得分 = 89.95  (policies/longnan.kh:42 第九条)" in text
     and "输入 $.counties[0].members[1].democratic_votes" in text and "round2 四舍五入到两位小数 → 89.95" in text
     and "实绩得分 91.5 × 45% 实绩权重 = 41.175" in text)
code, out, err = run("explain", longnan, data, "--id", "LN01")
case("a county (no output shows it) is explained by its values", code == 0 and "县区 LN01" in out and "优秀比例" in out)
code, out, err = run("explain", longnan, data, "--id", "LN01-M2")
case("an unknown id: exit 64 with 是否指, nothing on stdout", code == 64 and out == "" and "是否指 LN01-M" in err)
code, out, err = run("explain", longnan, data)
case("no --id: exit 64", code == 64 and out == "")
bad = json.load(open(os.path.join(root, data), encoding="utf-8"))
del bad["counties"][0]["members"][1]["chief_scores"]
bad_data = os.path.join(tmp, "bad.json")
with open(bad_data, "w", encoding="utf-8") as f:
    json.dump(bad, f, ensure_ascii=False)
code, out, err = run("explain", longnan, bad_data, "--id", "LN01-M01")
case("bad data: exit 2, the data error on stderr, no explanation", code == 2 and out == "" and "chief_scores" in err)
code, out, err = run("explain", longnan, os.path.join(tmp, "missing.json"), "--id", "LN01-M01")
case("an unreadable data file: exit 3", code == 3 and out == "")

finish()
