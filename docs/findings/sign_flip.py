"""Finds where a paired effect changes sign: the value of one scenario key at which
ALT - BASE (one cloud's share at one tick) crosses zero, by bisection on real runs.

Each probe writes two overlay scenarios that inherit BASE and ALT and set KEY to the probed
value, then runs `moatsim compare` on them (paired on common random numbers; ALT keeps the
brands calibrated on the probed BASE world, as every compare does). Bisection stops when the
bracket is narrower than --tol. It prints every probe with the effect's 95% interval, so the
reader sees both the root and how far noise blurs it.

Usage (from the repository root, after building):
  python3 docs/findings/sign_flip.py --alt scenarios/no_custom_silicon.toml \
      --key globals.silicon_lockin_weight --lo 0 --hi 1
"""
import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path


def overlay(path: Path, parent: Path, key: str, value: float, name: str) -> None:
    table, field = key.rsplit(".", 1)
    path.write_text(f'base = "{parent.resolve()}"\nname = "{name}"\n[{table}]\n{field} = {value!r}\n')


def effect(args, value: float, work: Path) -> tuple[float, float, float]:
    """ALT - BASE at (cloud, tick) with the key set to `value`: (mean, lo95, hi95) in points."""
    base, alt, out = work / "base.toml", work / "alt.toml", work / "out"
    overlay(base, Path(args.base), args.key, value, "probe_base")
    overlay(alt, Path(args.alt), args.key, value, "probe_alt")
    cmd = [args.moatsim, "compare", str(base), str(alt), "--quiet", "--out", str(out),
           "--reps", str(args.reps), "--enterprises", str(args.enterprises), "--mode", args.mode]
    subprocess.run(cmd, check=True)
    for row in csv.DictReader((out / "compare.csv").open()):
        if row["cloud"] == args.cloud and row["tick"] == str(args.tick):
            return tuple(100 * float(row[c]) for c in ("diff", "lo95", "hi95"))
    sys.exit(f"sign_flip: no row for cloud {args.cloud} at tick {args.tick} in compare.csv")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--base", default="scenarios/baseline.toml")
    p.add_argument("--alt", required=True)
    p.add_argument("--key", required=True, help="dotted scenario key, e.g. globals.silicon_lockin_weight")
    p.add_argument("--lo", type=float, required=True)
    p.add_argument("--hi", type=float, required=True)
    p.add_argument("--cloud", default="AWS")
    p.add_argument("--tick", type=int, default=120)
    p.add_argument("--reps", type=int, default=16)
    p.add_argument("--enterprises", type=int, default=100000)
    p.add_argument("--mode", default="stochastic", choices=["stochastic", "expected"])
    p.add_argument("--tol", type=float, default=0.01, help="stop when the bracket is this narrow")
    p.add_argument("--moatsim", default="./build/cli/moatsim")
    args = p.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        lo, hi = args.lo, args.hi
        f_lo, f_hi = effect(args, lo, work), effect(args, hi, work)
        for x, f in ((lo, f_lo), (hi, f_hi)):
            print(f"{args.key} = {x:.4f}: {f[0]:+.2f} [{f[1]:+.2f}, {f[2]:+.2f}] points")
        if (f_lo[0] > 0) == (f_hi[0] > 0):
            sys.exit(f"sign_flip: no sign change of the mean effect between {lo} and {hi}")
        while hi - lo > args.tol:
            mid = 0.5 * (lo + hi)
            f_mid = effect(args, mid, work)
            print(f"{args.key} = {mid:.4f}: {f_mid[0]:+.2f} [{f_mid[1]:+.2f}, {f_mid[2]:+.2f}] points")
            if (f_mid[0] > 0) == (f_lo[0] > 0):
                lo, f_lo = mid, f_mid
            else:
                hi, f_hi = mid, f_mid
        # Linear interpolation inside the final bracket.
        root = lo + (hi - lo) * f_lo[0] / (f_lo[0] - f_hi[0])
        print(f"sign change of {Path(args.alt).stem} - {Path(args.base).stem} ({args.cloud}, tick {args.tick}) "
              f"at {args.key} = {root:.3f} (bracket [{lo:.4f}, {hi:.4f}])")


if __name__ == "__main__":
    main()
