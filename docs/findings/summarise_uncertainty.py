"""Prints the "how sure are we" tables of docs/FINDINGS.md from the outputs of
docs/findings/run_uncertainty.sh.

Usage: python3 docs/findings/summarise_uncertainty.py results/findings
"""
import csv
import sys
from pathlib import Path

root = Path(sys.argv[1])
LEVERS = ["no_optionality", "no_silicon_discount", "no_custom_silicon", "azure_exclusive",
          "openai_on_bedrock", "gpu_shortage_severe"]
TICK = "120"


def pts(x):
    return f"{100 * float(x):+.2f}"


print("## AWS effect at 10 years over parameter draws (moatsim uncertainty, 64 draws; points)\n")
print("| lever | mean | median | 5–95% | 25–75% | P(effect > 0) |")
print("|---|---|---|---|---|---|")
for lever in LEVERS:
    f = root / f"unc_{lever}" / "uncertainty.csv"
    if not f.exists():
        continue
    for r in csv.DictReader(f.open()):
        if r["cloud"] == "AWS" and r["tick"] == TICK:
            print(f"| {lever} | {pts(r['mean'])} | {pts(r['median'])} | [{pts(r['p05'])}, {pts(r['p95'])}] "
                  f"| [{pts(r['p25'])}, {pts(r['p75'])}] | {float(r['p_positive']):.2f} |")

print("\n## Sobol total indices of the AWS effect at 10 years (moatsim sensitivity, N = 128)\n")
print("| lever | parameters by ST [95% bootstrap interval] |")
print("|---|---|")
for lever in LEVERS:
    f = root / f"sa_{lever}" / "sensitivity.csv"
    if not f.exists():
        continue
    st = [(float(r["value"]), r["parameter"], r["lo"], r["hi"]) for r in csv.DictReader(f.open())
          if r["tick"] == TICK and r["index"] == "ST"]
    st.sort(reverse=True)
    cells = [f"{p.split('.')[-1]} {v:.2f} [{float(lo):.2f}, {float(hi):.2f}]" for v, p, lo, hi in st]
    print(f"| {lever} | " + "; ".join(cells) + " |")

bt = root / "backtest" / "backtest.csv"
if bt.exists():
    rows = list(csv.DictReader(bt.open()))
    print("\n## Backtest, scenarios/history_2023.toml (expected mode)\n")
    print("| series | points | RMSE (points) | inside band |")
    print("|---|---|---|---|")
    for series in sorted({r["series"] for r in rows}) + ["all"]:
        sel = [r for r in rows if series in ("all", r["series"])]
        res = [100 * float(r["residual"]) for r in sel]
        rmse = (sum(x * x for x in res) / len(res)) ** 0.5
        inside = sum(r["inside_band"] in ("1", "true") for r in sel) / len(sel)
        print(f"| {series} | {len(sel)} | {rmse:.2f} | {100 * inside:.0f}% |")

for cell in ("cell_no_optionality_scarcity", "cell_no_custom_silicon_scarcity"):
    f = root / cell / "compare.csv"
    if f.exists():
        for r in csv.DictReader(f.open()):
            if r["cloud"] == "AWS" and r["tick"] == TICK:
                print(f"\n{cell}: AWS at 10 y {pts(r['diff'])} [{pts(r['lo95'])}, {pts(r['hi95'])}]")
