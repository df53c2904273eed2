# Writes long flat chains (30,000 terms of +, and, or, *) and a 500-branch else-if ladder: each must
# check and run, since only nesting is limited, not length.
import sys
tmp = sys.argv[1]
header = "scheme 长链 2020\nentity 人 at people key id {\n  input a: number at a\n}\n"
chains = {
    "sum": " + ".join(["a"] * 30000),
    "all": " and ".join(["a > 0"] * 30000),
    "any": " or ".join(["a > 5"] * 30000),
    "ladder": " else ".join(f"if a > {i} then {i}" for i in range(500, 0, -1)) + " else 0",
}
for name, body in chains.items():
    kind = "flag 通过 of 人 when" if name in ("all", "any") else "value 结果 of 人 ="
    output = "  score: a\n" if name in ("all", "any") else "  score: 结果\n"
    with open(f"{tmp}/{name}.kh", "w", encoding="utf-8") as f:
        f.write(header + f"{kind} {body}\noutput 人 as person {{\n{output}}}\n")
with open(f"{tmp}/people.json", "w") as f:
    f.write('{"people": [{"id": "p1", "a": 3}]}')
