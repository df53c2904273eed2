#!/usr/bin/env python3
"""Writes a realistic Guangdong 双到 data set: helped villages with their household records.

usage: make_guangdong_example.py [OUT] [--seed N] [--villages N] [--households N] [--cycle-year N]
Defaults write examples/guangdong-2012.json (300 villages, about 30 households each)."""
import argparse
import json
import os
import random

STEPS = ["申请", "村评议公示", "镇核查", "县核查", "工作组核实", "村内公示"]
SYLLABLES = "石岭坑塘田洞坪岗湾背头寨围水竹沙新和平安福龙凤山江河湖林"
HELPERS = ["省直单位", "中直驻粤单位", "广州市", "深圳市", "佛山市", "东莞市", "中山市", "珠海市"]


def village(rng, index, households, cycle_year):
    target = rng.choice([50, 80, 100, 120, 150, 200])
    quality = rng.uniform(0.3, 1.0)
    planned = rng.randint(0, 12)
    roads, water = rng.randint(0, 5), rng.randint(0, 4)

    def pct(low):
        return round(rng.uniform(low + (100 - low) * quality * 0.5, 100), 1)

    house_records = []
    for h in range(households):
        steps = list(STEPS)
        if rng.random() > 0.85 + 0.15 * quality:
            steps.remove(rng.choice(STEPS))
        house_records.append({"id": f"H{h + 1:04d}", "steps": steps,
                              "paper_matches_system": rng.random() < 0.93 + 0.07 * quality})
    record = {
        "id": f"GD-{index + 1:05d}", "name": "".join(rng.choice(SYLLABLES) for _ in range(2)) + "村",
        "helper": f"{rng.choice(HELPERS)}{rng.randint(1, 200)}",
        "top_leader_visits": rng.choice([0, 1, 2, 2, 3, 4]), "deputy_visits": rng.randint(1, 8),
        "resident_team": rng.random() < 0.85,
        "fund_input": round(target * rng.uniform(0.6, 1.6) * (0.6 + 0.4 * quality), 1), "fund_target": target,
        "projects_done": min(planned, round(planned * rng.uniform(0.5, 1.1))), "projects_planned": planned,
        "security_rates": {k: pct(70) for k in ("housing", "dibao", "medical", "schooling", "water")},
        "roads_done": min(roads, rng.randint(0, roads)), "roads_planned": roads,
        "water_projects_done": min(water, rng.randint(0, water)), "water_projects_planned": water,
        "training_rate": pct(40), "cooperative": rng.random() < 0.3 + 0.6 * quality,
        "unit_survey": [pct(60) for _ in range(5)], "farmer_survey": [pct(55) for _ in range(5)],
        "exit_rate": pct(30), "income_growth": round(rng.uniform(-3.0, 20.0), 1),
        "income_growth_target": rng.choice([8.0, 10.0, 12.0]),
        "fake_data": rng.random() < 0.01,
        "households": house_records}
    if rng.random() < 0.8:
        record["previous_grade"] = rng.choice(["优秀", "良好", "良好", "一般", "差"])
    return record


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?",
                        default=os.path.join(os.path.dirname(__file__), "..", "examples", "guangdong-2012.json"))
    parser.add_argument("--seed", type=int, default=2012)
    parser.add_argument("--villages", type=int, default=300)
    parser.add_argument("--households", type=int, default=0, help="0: 15–45 per village")
    parser.add_argument("--cycle-year", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    villages = [village(rng, i, args.households or rng.randint(15, 45), args.cycle_year) for i in range(args.villages)]
    with open(args.out, "w", encoding="utf-8") as out:
        # One village a line: readable, and small enough to keep in the repository.
        out.write('{"year": 2012, "cycle_year": %d, "villages": [\n' % args.cycle_year)
        out.write(",\n".join(json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in villages))
        out.write("\n]}\n")


if __name__ == "__main__":
    main()
