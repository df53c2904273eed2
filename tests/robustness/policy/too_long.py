# Writes a sum of 150,000 terms, past the limit of one declaration.
import sys
with open(f"{sys.argv[1]}/long.kh", "w", encoding="utf-8") as f:
    f.write("scheme 长 2020\nentity 人 at people key id {\n  input a: number at a\n}\n")
    f.write("value 结果 of 人 = " + " + ".join(["a"] * 150000) + "\noutput 人 as person {\n  score: 结果\n}\n")
