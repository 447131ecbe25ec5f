"""Prints the tables of docs/FINDINGS.md from the outputs of docs/findings/run_all.sh.

Usage: python3 docs/findings/summarise.py results/findings
"""
import csv
import sys
from collections import defaultdict
from pathlib import Path

root = Path(sys.argv[1])
MILESTONES = {"12": "1 y", "36": "3 y", "120": "10 y"}


def pts(x):
    return f"{100 * float(x):+.2f}"


print("## Paired differences ALT - BASE, AWS workload share (percentage points, 95% CI; BASE = baseline, except cell_* rows: see docs/findings/run_all.sh)\n")
print("| scenario | 1 y | 3 y | 10 y |")
print("|---|---|---|---|")
for compare in sorted(root.glob("*/compare.csv")):
    cells = {}
    for row in csv.DictReader(compare.open()):
        if row["cloud"] == "AWS" and row["tick"] in MILESTONES:
            star = "*" if row["excludes_zero"] == "1" else ""
            cells[row["tick"]] = f"{pts(row['diff'])} [{pts(row['lo95'])}, {pts(row['hi95'])}]{star}"
    print(f"| {compare.parent.name} | " + " | ".join(cells.get(t, "") for t in MILESTONES) + " |")

sweep = root / "lockin_x_silicon" / "sweep.csv"
if sweep.exists():
    keys = None
    horizon = defaultdict(dict)  # fear -> discount -> (mean, half-width)
    rows = list(csv.DictReader(sweep.open()))
    last = max(int(r["tick"]) for r in rows)
    for r in rows:
        if r["cloud"] != "AWS" or int(r["tick"]) != last:
            continue
        fear = float(r["population.lock_in_fear.mean"])
        disc = float(r["clouds.AWS.silicon_discount"])
        mean = float(r["share_workload_mean"])
        half = float(r["share_workload_hi95"]) - mean
        horizon[fear][disc] = (mean, half)
    discounts = sorted(next(iter(horizon.values())).keys())
    print(f"\n## AWS workload share at the horizon (tick {last}), by lock-in fear (rows) and "
          "silicon discount (columns): change from discount 0, percentage points\n")
    print("| lock-in fear mean | " + " | ".join(f"d = {d:g}" for d in discounts) + " |")
    print("|---|" + "---|" * len(discounts))
    for fear in sorted(horizon):
        base = horizon[fear][discounts[0]][0]
        cells = [f"{100 * base:.1f}% (level)"] + [
            f"{100 * (horizon[fear][d][0] - base):+.2f}" for d in discounts[1:]]
        print(f"| {fear:g} | " + " | ".join(cells) + " |")
