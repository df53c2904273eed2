# Writes a number of a million digits: read exactly and at once, not in quadratic time.
import sys
with open(f"{sys.argv[1]}/million.json", "w") as f:
    f.write('{"people": [{"id": "p1", "a": ' + "7" * 1000000 + ', "tags": []}]}')
