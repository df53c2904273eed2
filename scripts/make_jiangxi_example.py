#!/usr/bin/env python3
"""Writes a realistic Jiangxi data set: the 11 cities of the province and their counties.

usage: make_jiangxi_example.py [OUT] [--seed N] [--counties-per-city N]
Defaults write examples/jiangxi-2017.json (about 100 counties), deterministic by seed."""
import argparse
import json
import os
import random

CITIES = [("360100", "南昌市"), ("360200", "景德镇市"), ("360300", "萍乡市"), ("360400", "九江市"),
          ("360500", "新余市"), ("360600", "鹰潭市"), ("360700", "赣州市"), ("360800", "吉安市"),
          ("360900", "宜春市"), ("361000", "抚州市"), ("361100", "上饶市")]
COUNTY_COUNTS = [5, 4, 5, 13, 2, 3, 18, 13, 10, 11, 12]  # close to the real province: 96 counties
SYLLABLES = "安丰宁昌兴都江山和平阳新城乐德源溪泰永南丰广黎崇靖武修湖彭瑞余贵遂峡铜宜高上万弋横铅鄱婺玉"


def county_name(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(2)) + rng.choice(["县", "县", "县", "市", "区"])


def county(rng, code):
    population = rng.randint(3000, 60000)
    plan = rng.choice([0] + [round(population * rng.uniform(0.08, 0.25))] * 9)
    reduced = round(plan * rng.uniform(0.97, 1.2)) if plan else rng.randint(0, 500)
    exit_plan = rng.choice([0, 2, 3, 4, 5, 6, 8, 10])
    return {"id": code, "name": county_name(rng), "poor_population": population,
            "poor_reduced": reduced, "poor_reduction_plan": plan,
            "villages_exited": max(0, exit_plan + rng.choice([-2, -1, 0, 0, 0, 1])),
            "villages_exit_plan": exit_plan,
            "income_growth": round(rng.uniform(-1.0, 14.0) if rng.random() < 0.2 else rng.uniform(8.0, 14.0), 1),
            "identification_accuracy": round(rng.uniform(86.0, 100.0) if rng.random() < 0.03 else rng.uniform(95.0, 100.0), 1),
            "exit_accuracy": round(rng.uniform(88.0, 100.0) if rng.random() < 0.03 else rng.uniform(95.0, 100.0), 1),
            "satisfaction": round(rng.uniform(76.0, 99.0) if rng.random() < 0.03 else rng.uniform(85.0, 99.0), 1),
            "funds_violations": rng.choice([0] * 40 + [1, 2]),
            "prohibited_acts": rng.choice([0] * 60 + [1]),
            "fake_exit_cases": rng.choice([0] * 80 + [1])}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?",
                        default=os.path.join(os.path.dirname(__file__), "..", "examples", "jiangxi-2017.json"))
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--counties-per-city", type=int, default=0, help="0: the province's real counts")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    data = {"year": 2017, "province": {"income_growth": 9.5}, "reward_pool": 3000, "cities": []}
    for (code, name), real_count in zip(CITIES, COUNTY_COUNTS):
        count = args.counties_per_city or real_count
        data["cities"].append({
            "id": code, "name": name,
            "unhandled_discipline_cases": rng.choice([0] * 10 + [1]),
            "responsibility_failures": rng.choice([0] * 12 + [1]),
            "serious_impact": rng.random() < 0.05,
            "counties": [county(rng, f"{code[:4]}{k + 21:02d}") for k in range(count)]})
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
