#!/usr/bin/env python3
"""Writes examples/longnan-2018.json, the data for the revised 2018 scheme (examples/longnan-2018.kh):
the 2017 example with the two inputs 2018 adds — each county's 营商环境得分 (business_score) and
each member's 受处分次数 (discipline_cases, a few of them 1) — deterministic by seed. The same file
serves both schemes, so `kaohe diff` can compare them on it.

usage: make_longnan_2018_example.py [IN] [OUT] [--seed N]"""
import argparse
import json
import os
import random

examples = os.path.join(os.path.dirname(__file__), "..", "examples")
parser = argparse.ArgumentParser()
parser.add_argument("source", nargs="?", default=os.path.join(examples, "longnan-2017.json"))
parser.add_argument("out", nargs="?", default=os.path.join(examples, "longnan-2018.json"))
parser.add_argument("--seed", type=int, default=2018)
args = parser.parse_args()
rng = random.Random(args.seed)
with open(args.source, encoding="utf-8") as f:
    data = json.load(f)
data["year"] = 2018
for county in data["counties"]:
    county["business_score"] = round(rng.uniform(70, 98), 1)
    for member in county["members"]:
        member["discipline_cases"] = 1 if rng.random() < 0.04 else 0
with open(args.out, "w", encoding="utf-8") as f:
    json.dump(data, f, ensure_ascii=False, indent=1)
    f.write("\n")
