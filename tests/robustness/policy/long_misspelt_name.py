# Writes a policy using a 100,000-character name that is defined nowhere.
import sys
with open(f"{sys.argv[1]}/misspelt.kh", "w", encoding="utf-8") as f:
    f.write("scheme 错名 2020\nentity 人 at people key id {\n  input 得分: number at a\n}\n")
    f.write("value 结果 of 人 = " + "得" * 100000 + "\noutput 人 as person {\n  score: 结果\n}\n")
