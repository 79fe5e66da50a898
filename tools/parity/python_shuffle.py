"""Python's own seeded shuffle, the reference for lib/preferthinker/python-random.ts.

    python3 tools/parity/python_shuffle.py
"""
import json
import os
import random

LENGTHS = [0, 1, 2, 3, 10, 250, 500, 894, 2500]
SEEDS = [42, 0, 7, 2**40 + 5]

rows = []
for seed in SEEDS:
    for length in LENGTHS:
        items = list(range(length))
        random.seed(seed)
        random.shuffle(items)
        rows.append({"seed": seed, "length": length, "order": items})
out = os.path.join(os.path.dirname(__file__), "..", "..", "lib", "preferthinker", "__fixtures__", "python-shuffle.json")
with open(out, "w", encoding="utf-8") as handle:
    json.dump(rows, handle)
    handle.write("\n")
print("wrote %d shuffles to %s" % (len(rows), os.path.normpath(out)))
