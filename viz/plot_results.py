#!/usr/bin/env python3
"""Draw moatsim's main figure: workload share per cloud over time, with 95% bands.

Usage:
    python3 viz/plot_results.py results/baseline -o figure.png
    python3 viz/plot_results.py results/baseline -o revenue.pdf --metric share_revenue

Reads only what `moatsim run` wrote: summary.csv (mean and 95% interval across replicates per
tick and cloud) and, if present, scenario.resolved.toml (its [[events]] become dashed
markers). The format follows the output file's extension (png, pdf, svg). Needs matplotlib
(Debian: python3-matplotlib; run it with /usr/bin/python3 if another python3 shadows it).
`moatsim plot DIR --svg FILE` draws the same chart without Python.
"""
import argparse
import csv
import sys
from pathlib import Path

# Okabe-Ito colours, as in moatsim's SVG charts (viz/palette.hpp): colour-blind safe.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"]


def fail(message):
    """Bad input: one message and exit code 2, as moatsim does."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def month_index(date, origin):
    """Months from origin to date, both 'YYYY-MM'."""
    (y, m), (y0, m0) = (map(int, d.split("-")) for d in (date, origin))
    return (y - y0) * 12 + (m - m0)


def read_summary(path, metric):
    """({cloud: [(tick, date, mean, lo, hi), ...]}, scenario, replicates) from summary.csv."""
    series = {}
    try:
        with open(path, newline="") as f:
            rows = csv.DictReader(f)
            missing = {"tick", "date", "cloud", f"{metric}_mean"} - set(rows.fieldnames or [])
            if missing:
                fail(f"{path}: missing column(s) {', '.join(sorted(missing))}")
            for row in rows:
                try:
                    value = lambda k: float(row[k]) if row.get(k) else float("nan")  # noqa: E731
                    series.setdefault(row["cloud"], []).append(
                        (int(row["tick"]), row["date"], value(f"{metric}_mean"),
                         value(f"{metric}_lo95"), value(f"{metric}_hi95")))
                    scenario, replicates = row.get("scenario", ""), row.get("replicates", "?")
                except (TypeError, ValueError) as e:
                    fail(f"{path}:{rows.line_num}: {e}")
    except OSError as e:
        fail(f"{path}: {e.strerror}")
    if not series:
        fail(f"{path}: no data rows")
    return series, scenario, replicates


def read_events(path):
    """[(date, label)] from a resolved scenario's [[events]], or [] if there is none."""
    try:
        import tomllib  # Python 3.11+
        with open(path, "rb") as f:
            events = tomllib.load(f).get("events", [])
    except (ImportError, OSError):
        return []
    except ValueError as e:
        fail(f"{path}: {e}")
    return [(e["date"], e.get("id") or e.get("kind", "")) for e in events if "date" in e]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="output directory of `moatsim run`")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="figure file (default DIR/figure.png)")
    parser.add_argument("--metric", choices=["share_workload", "share_revenue"],
                        default="share_workload")
    args = parser.parse_args()
    try:
        import matplotlib
        matplotlib.use("Agg")  # files only: no display needed
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        fail("matplotlib is not installed for this python3 "
             "(Debian: apt-get install python3-matplotlib, then use /usr/bin/python3)")

    series, scenario, replicates = read_summary(args.dir / "summary.csv", args.metric)
    origin = min((rows[0] for rows in series.values()), key=lambda r: r[0])
    origin_date = origin[1] if origin[0] == 0 else None
    fig, ax = plt.subplots(figsize=(9, 5), dpi=120)
    for i, (cloud, rows) in enumerate(series.items()):
        rows.sort()
        ticks = [r[0] for r in rows]
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        # A share lies in [0, 100]%: the t-interval beyond it is an artefact, so it is clipped.
        clip = lambda v: min(max(v * 100, 0.0), 100.0)  # noqa: E731
        ax.fill_between(ticks, [clip(r[3]) for r in rows], [clip(r[4]) for r in rows],
                        color=colour, alpha=0.18, linewidth=0)
        ax.plot(ticks, [r[2] * 100 for r in rows], color=colour, linewidth=2, label=cloud)
    if origin_date:
        # Events within 6 months of a labelled one share its label, so labels never overlap.
        labelled = []  # [month, [labels]]
        for date, label in read_events(args.dir / "scenario.resolved.toml"):
            t = month_index(date, origin_date)
            ax.axvline(t, color="#777777", linestyle="--", linewidth=0.8)
            if labelled and t - labelled[-1][0] < 6:
                labelled[-1][1].append(label)
            else:
                labelled.append([t, [label]])
        for t, labels in labelled:
            text = labels[0] + (f" +{len(labels) - 1} more" if len(labels) > 1 else "")
            ax.text(t, 0.99, text + " ", rotation=90, va="top", ha="right", fontsize=7,
                    color="#444444", transform=ax.get_xaxis_transform())
        # Yearly (or multi-year) ticks in January, labelled with the year.
        last = max(r[0] for rows in series.values() for r in rows)
        y0, m0 = map(int, origin_date.split("-"))
        step = 12 * max(1, (last // 12 + 5) // 6)
        first = (12 - (m0 - 1)) % 12
        ticks = list(range(first, last + 1, step))
        ax.set_xticks(ticks, [str(y0 + (m0 - 1 + t) // 12) for t in ticks])
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
    name = args.metric.replace("share_", "").capitalize()
    ax.set_ylabel(f"{name} share (%)")
    ax.set_xlabel("Month")
    ax.set_title(f"{name} share by cloud - {scenario or args.dir.name}\n"
                 f"mean of {replicates} replicate(s); shaded: 95% interval of the mean", fontsize=11)
    ax.grid(axis="y", color="#e3e3e3")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.tight_layout()
    output = args.output or args.dir / "figure.png"
    fig.savefig(output)
    print(f"Figure written to {output}")


if __name__ == "__main__":
    main()
