# Makes a sparse file one byte over 4 GiB: no disk used, and kaohe must refuse it by its size.
import os, sys
with open(f"{sys.argv[1]}/huge.json", "wb") as f:
    f.truncate(4 * 1024**3 + 1)
