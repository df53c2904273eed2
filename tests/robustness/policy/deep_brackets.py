# Writes a value nested 100,000 brackets deep: a generous limit, then a short error, not a crash.
import sys
tmp = sys.argv[1]
depth = 100000
with open(f"{tmp}/deep.kh", "w", encoding="utf-8") as f:
    f.write("scheme 深 2020\nentity 人 at people key id {\n  input a: number at a\n}\n")
    f.write("value 结果 of 人 = " + "(" * depth + "a" + ")" * depth + "\noutput 人 as person {\n  score: 结果\n}\n")
