#!/usr/bin/env python3
"""Writes a realistic Longnan data set: by default examples/longnan-2017.json, the city's 9
counties with 10–15 members each, deterministic by seed.

usage: make_longnan_example.py [OUT] [--seed N] [--counties N] [--members N]
(--counties beyond 9 invents county names; --members fixes the members per county)"""
import argparse
import json
import os
import random

parser = argparse.ArgumentParser()
parser.add_argument("out", nargs="?",
                    default=os.path.join(os.path.dirname(__file__), "..", "examples", "longnan-2017.json"))
parser.add_argument("--seed", type=int, default=2017)
parser.add_argument("--counties", type=int, default=9)
parser.add_argument("--members", type=int, default=0, help="0: 10–15 per county")
args = parser.parse_args()
rng = random.Random(args.seed)
counties = ["武都区", "成县", "宕昌县", "康县", "文县", "西和县", "礼县", "两当县", "徽县"]
counties += [f"第{k + 1}县" for k in range(len(counties), args.counties)]
counties = counties[:args.counties]
roles = ["县委副书记", "常务副县长", "副县长", "副县长", "副县长", "组织部长", "宣传部长", "纪委书记",
         "政法委书记", "统战部长", "县委办主任", "人武部长", "副县长", "副县长", "副县长"]
surnames = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程苏魏吕丁任"
given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文斌志宏海波晓东亮俊峰"
veto_areas = ["安全生产", "环境保护", "信访维稳", "党风廉政建设"]


def name():
    return rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.choice([1, 2])))


def votes(total, quality):
    excellent = round(total * rng.uniform(quality - 0.15, quality + 0.1))
    excellent = max(0, min(total, excellent))
    rest = total - excellent
    competent = round(rest * rng.uniform(0.6, 0.95))
    basic = round((rest - competent) * rng.uniform(0.3, 1.0))
    return {"excellent": excellent, "competent": competent, "basic": basic,
            "incompetent": rest - competent - basic}


data = {"year": 2017, "counties": []}
history = list(range(1, len(counties) + 1))
rng.shuffle(history)
for i, county in enumerate(counties):
    code = f"LN{i + 1:02d}" if len(counties) < 100 else f"LN{i + 1:04d}"
    c = {"id": code, "name": county,
         "performance_score": round(rng.uniform(72, 95), 1),
         "target_score": round(rng.uniform(75, 97), 1),
         "city_leader_scores": [round(rng.uniform(80, 97), 1) for _ in range(rng.choice([1, 2, 3]))],
         "rank_history": [history[i], max(1, min(len(counties), history[i] + rng.choice([-1, 0, 1])))],
         "members": []}
    for m in range(args.members or rng.randint(10, 15)):
        quality = rng.uniform(0.1, 0.95)
        member = {"id": f"{code}-M{m + 1:02d}", "name": name(), "role": roles[m % len(roles)],
                  "chief_scores": [round(rng.uniform(40 + 55 * quality, 60 + 38 * quality), 1) for _ in range(2)],
                  "democratic_votes": votes(rng.randint(45, 70), quality),
                  "interview_votes": votes(rng.randint(10, 18), quality),
                  "vetoes": [rng.choice(veto_areas)] if rng.random() < 0.04 else []}
        if rng.random() < 0.7:
            good = ["优秀", "优秀", "称职"] if quality > 0.8 else ["称职", "称职", "基本称职"]
            member["previous_grade"] = rng.choice(good)
        c["members"].append(member)
    data["counties"].append(c)

with open(args.out, "w", encoding="utf-8") as out:
    json.dump(data, out, ensure_ascii=False, indent=1 if len(counties) < 100 else None)
    out.write("\n")
