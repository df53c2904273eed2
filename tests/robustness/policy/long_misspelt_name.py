# Writes a policy that defines a 100,000-character name and uses it misspelt by one character:
# the "是否指" search compares the two, which was quadratic in their length.
import sys
name = "得" * 100000
with open(f"{sys.argv[1]}/misspelt.kh", "w", encoding="utf-8") as f:
    f.write("scheme 错名 2020\nentity 人 at people key id {\n  input a: number at a\n}\n")
    f.write(f"value {name} of 人 = a\n")
    f.write(f"value 结果 of 人 = {name[:-1]}分\noutput 人 as person {{\n  score: 结果\n}}\n")
