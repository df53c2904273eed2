#!/usr/bin/env python3
"""Work split over threads (base/parallel.hpp) changes nothing a user sees: every format, every
seed scheme, data errors and failing output fields give the same bytes, on stdout and stderr,
and the same exit code on 1 thread as on 2, 3 or 7. The data are large enough to be split
(over 2,048 rows per step), made by the example generators."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import kaohe, root, case, finish


def run_with(threads, *args):
    env = dict(os.environ, KAOHE_THREADS=str(threads))
    p = subprocess.run([kaohe, *args], capture_output=True, cwd=root, env=env, timeout=300)
    return p.returncode, p.stdout, p.stderr


def same_on_all_thread_counts(name, *args):
    one = run_with(1, *args)
    for threads in (2, 3, 7):
        many = run_with(threads, *args)
        case(f"{name}: {threads} threads give the bytes 1 thread gives", many == one)
        # under scripts/test.sh's ThreadSanitizer build: no race reported
        case(f"{name}: {threads} threads, no sanitizer report", b"Sanitizer" not in many[2])
    return one


work = tempfile.mkdtemp(prefix="kaohe-threads-")
scripts = os.path.join(root, "scripts")


def generate(script, name, *options):
    path = os.path.join(work, name)
    subprocess.run([sys.executable, os.path.join(scripts, script), path, *options], check=True)
    return path


longnan = generate("make_longnan_example.py", "longnan.json", "--counties", "400", "--members", "12", "--seed", "5")
# over 2,048 counties: ranks within a county and the 优秀 quota per county are split by county
many_counties = generate("make_longnan_example.py", "longnan-counties.json", "--counties", "2100", "--members", "3",
                         "--seed", "6")
guangdong = generate("make_guangdong_example.py", "guangdong.json", "--villages", "40", "--households", "100")
jiangxi = generate("make_jiangxi_example.py", "jiangxi.json")

for scheme, data in [("longnan", longnan), ("longnan", many_counties), ("guangdong", guangdong), ("jiangxi", jiangxi)]:
    for fmt in ("json", "csv", "table"):
        name = f"{scheme} {os.path.basename(data)} --format {fmt}"
        code, out, _ = same_on_all_thread_counts(name, "run", f"policies/{scheme}.kh", data, "--format", fmt)
        case(f"{name} runs", code == 0 and out)

# A KAOHE_THREADS that is no thread count is said, and the run goes on on every core.
for wrong in ("0", "abc", "100000", "-1"):
    code, out, err = run_with(wrong, "run", "policies/longnan.kh", longnan, "--format", "json")
    case(f"KAOHE_THREADS={wrong} is said and ignored",
         code == 0 and out == run_with(1, "run", "policies/longnan.kh", longnan, "--format", "json")[1]
         and f"KAOHE_THREADS={wrong} 应为 1 到 1024 之间的整数".encode() in err)

# Data errors found on rows in different chunks are all reported, in row order, and nothing printed.
with open(longnan, encoding="utf-8") as f:
    text = f.read()
broken = os.path.join(work, "longnan-zero-votes.json")
zero = '"democratic_votes": {"excellent": 0, "competent": 0, "basic": 0, "incompetent": 0}'

votes = [m.start() for m in re.finditer(r'"democratic_votes": \{[^}]*\}', text)]
for start in reversed([votes[3], votes[len(votes) // 2], votes[-2]]):
    end = text.index("}", start) + 1
    text = text[:start] + zero + text[end:]
with open(broken, "w", encoding="utf-8") as f:
    f.write(text)
code, out, err = same_on_all_thread_counts("zero votes in three chunks", "run", "policies/longnan.kh", broken,
                                           "--all-errors", "--format", "json")
case("zero votes: exit 2, nothing on stdout, three rows named", code == 2 and out == b"" and err.count(b"LN") >= 3)

# Binding errors of every kind, in rows bound by different threads: a county without its members
# array, one whose members are not an array, a member that is not an object, a member missing a field.
doc = json.loads(open(longnan, encoding="utf-8").read())
counties = doc["counties"]
del counties[10]["members"]
counties[len(counties) // 2]["members"] = "none"
counties[-3]["members"][4] = 17
del counties[-2]["members"][0]["chief_scores"]
del counties[-1]["members"]  # the very last rows: reported after every row
broken = os.path.join(work, "longnan-bind-errors.json")
with open(broken, "w", encoding="utf-8") as f:
    json.dump(doc, f, ensure_ascii=False)
code, out, err = same_on_all_thread_counts("binding errors in several chunks", "run", "policies/longnan.kh", broken,
                                           "--all-errors", "--format", "json")
case("binding errors: exit 2, nothing on stdout, each named in document order",
     code == 2 and out == b"" and 0 <= err.find(b"counties[10].members") < err.find(b"counties[%d].members" % (len(counties) // 2))
     < err.find(b"counties[%d].members[4]" % (len(counties) - 3))
     < err.find(b"counties[%d].members[0].chief_scores" % (len(counties) - 2))
     < err.find(b"counties[%d].members" % (len(counties) - 1)))

# A value step and an output field that divide by zero on rows far apart.
rows = ",\n".join(f'{{"id": "U{i:05d}", "a": {i % 7 + 1}, "b": {0 if i in (5, 2500, 4990) else 2}}}' for i in range(5000))
data = os.path.join(work, "units.json")
with open(data, "w", encoding="utf-8") as f:
    f.write('{"units": [\n' + rows + "\n]}\n")
for where, body in [("a value step", "value q of 单位 = a / b\noutput 单位 as unit { score: q }"),
                    ("an output field", "output 单位 as unit { score: a / b }")]:
    policy = os.path.join(work, "units.kh")
    with open(policy, "w", encoding="utf-8") as f:
        f.write("scheme 分块\nentity 单位 at units key id {\n  input a: number at a\n  input b: number at b\n}\n"
                + body + "\n")
    code, out, err = same_on_all_thread_counts(f"division by zero in {where}", "run", policy, data, "--all-errors",
                                               "--format", "json")
    case(f"division by zero in {where}: exit 2, rows U00005, U02500, U04990 in order, nothing printed",
         code == 2 and out == b"" and 0 <= err.find(b"U00005") < err.find(b"U02500") < err.find(b"U04990"))

shutil.rmtree(work)
finish()
