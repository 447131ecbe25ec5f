#!/usr/bin/env bash
# End-to-end: extreme parameters never give NaN, inf or empty cells with exit 0 (issue 9,
# section 2). Each case is a small scenario inheriting the baseline:
#  - beyond a documented range: exit 2, the message names the key and the range;
#  - in range but driving the model out of floating-point range: exit 1, the message names
#    the tick, date, quantity and likely parameters, in run (both modes, both kernels),
#    compare, sweep and live; nothing is written under the final names;
#  - in range and extreme but finite: exit 0 and every CSV cell a finite number.
set -uo pipefail
moatsim=$1
src=$2
# shellcheck source=tests/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"

# scenario NAME LINES...: $work/NAME.toml inheriting the baseline, 300 enterprises, 24 months.
scenario() {
  local name=$1; shift
  { echo "base = \"$src/scenarios/baseline.toml\""; echo "name = \"$name\""
    echo "[run]"; echo "ticks = 24"; echo "replicates = 2"
    echo "[population]"; echo "enterprises = 300"; printf '%s\n' "$@"; } > "$work/$name.toml"
}

# expect_exit CODE DESCRIPTION "text"... -- COMMAND...: exit code, every text in stderr, and
# no output directory $work/out.
expect_exit() {
  local code=$1 what=$2; shift 2
  local wants=()
  while [ "$1" != "--" ]; do wants+=("$1"); shift; done
  shift
  rm -rf "$work/out"
  "$@" > "$work/stdout.txt" 2> "$work/err.txt"
  local rc=$? ok=1
  [ $rc -eq "$code" ] || { ok=0; fail "$what: exit $rc, expected $code ($(head -c 300 "$work/err.txt"))"; }
  local w
  for w in "${wants[@]}"; do
    grep -qF -- "$w" "$work/err.txt" || { ok=0; fail "$what: message lacks '$w': $(head -c 300 "$work/err.txt")"; }
  done
  [ -e "$work/out" ] && [ -n "$(ls -A "$work/out" 2>/dev/null)" ] && { ok=0; fail "$what: wrote $(ls "$work/out")"; }
  [ $ok -eq 1 ] && pass
}

# all_finite DESCRIPTION DIR: every data cell of the run's CSVs is non-empty and finite.
all_finite() {
  local bad
  bad=$(awk -F, 'FNR > 1 { for (i = 1; i <= NF; ++i) if ($i == "" || tolower($i) ~ /^-?(nan|inf)/) { print FILENAME ":" FNR; exit } }' \
        "$2"/clouds.csv "$2"/vendors.csv "$2"/market.csv "$2"/summary.csv)
  if [ -z "$bad" ]; then pass; else fail "$1: empty or non-finite cell at $bad"; fi
}

# --- beyond the documented ranges: exit 2, naming the key ---
scenario msize "market_size = 1e308"
expect_exit 2 "market_size = 1e308" "population.market_size" "(0, 1e+30]" -- \
  "$moatsim" run "$work/msize.toml" --out "$work/out" -q
scenario dgrow "[globals]" "demand_growth = 10.0"
expect_exit 2 "demand_growth = 10" "globals.demand_growth" "(-1, 1]" -- \
  "$moatsim" run "$work/dgrow.toml" --out "$work/out" -q
scenario head "[globals]" "headroom = 1e308"
expect_exit 2 "headroom = 1e308" "globals.headroom" "[0, 100]" -- \
  "$moatsim" run "$work/head.toml" --out "$work/out" -q
scenario cscale "[vendors.OpenAI]" "compute_scale = 1e-300"
expect_exit 2 "compute_scale = 1e-300" "vendors.OpenAI.compute_scale" ">= 1e-06" -- \
  "$moatsim" run "$work/cscale.toml" --out "$work/out" -q
scenario fund "[[events]]" 'date = "2025-06"' 'kind = "funding"' 'vendor = "OpenAI"' \
  'amount = 1e308' 'months = 12'
expect_exit 2 "a funding event of 1e308" "amount" "[0, 1e+15]" -- \
  "$moatsim" run "$work/fund.toml" --out "$work/out" -q
scenario setev "[[events]]" 'date = "2025-06"' 'kind = "set"' 'parameter = "globals.headroom"' \
  'value = 1e300'
expect_exit 2 "a set event beyond the range" "[0, 100]" -- \
  "$moatsim" run "$work/setev.toml" --out "$work/out" -q

# --- in range, out of floating-point range: exit 1 naming tick, date, quantity, parameters ---
# A price war with a unit cost falling to nothing: prices toward 1e-321.
scenario war "[globals]" "lerner_min = 0.0" "lerner_max = 0.0" "markup_speed = 1.0" \
  "gpu_cost = 1e-300" "gpu_cost_decline = 0.9"
for mode in stochastic expected; do
  for kernel in fast reference; do
    expect_exit 1 "price war ($mode, $kernel)" "numeric failure at tick " "globals.lerner_max" \
      "globals.markup_speed" -- \
      "$moatsim" run "$work/war.toml" --mode "$mode" --kernel "$kernel" --out "$work/out" -q
  done
done
expect_exit 1 "price war in compare" "war.toml: numeric failure at tick " "globals.lerner_max" -- \
  "$moatsim" compare "$src/scenarios/baseline.toml" "$work/war.toml" --out "$work/out" -q
expect_exit 1 "price war in live" "numeric failure at tick " "globals.lerner_max" -- \
  "$moatsim" live "$work/war.toml" --plain
# A price floor of 1e-300 $/unit from the start: tiny prices, the same failure.
scenario floor "[clouds.AWS]" "price = 1e-300" "[globals]" "pricing = \"fixed\""
expect_exit 1 "a price of 1e-300" "numeric failure at tick 0 (2025-01)" -- \
  "$moatsim" run "$work/floor.toml" --out "$work/out" -q
# A sweep whose runs blow up: exit 1. (A sweep keeps its finished runs for resuming, so its
# directory is not checked here; issue 9 section 1 covers what it leaves.)
cat > "$work/sweep.toml" <<SWEEP
name = "war_sweep"
base = "$work/war.toml"
replicates = 1
enterprises = 300
metrics = ["share_workload"]
[design]
kind = "grid"
[[parameters]]
key = "globals.markup_speed"
values = [0.5, 1.0]
SWEEP
expect_exit 1 "price war in sweep" "numeric failure at tick " -- \
  "$moatsim" sweep "$work/sweep.toml" --out "$work/sweep_out" -q

# --- extreme but finite: exit 0 and every cell a finite number ---
scenario fast_growth "market_size = 1e30" "[globals]" "demand_growth = 1.0" "headroom = 100.0"
if "$moatsim" run "$work/fast_growth.toml" --ticks 12 --out "$work/ok" -q 2> "$work/err.txt"; then
  all_finite "doubling demand, headroom 100, market_size 1e30" "$work/ok"
else
  fail "doubling demand for 12 months: exit $? ($(head -c 300 "$work/err.txt"))"
fi
rm -rf "$work/ok"
if "$moatsim" run "$src/scenarios/baseline.toml" --enterprises 2000 --out "$work/ok" -q 2> "$work/err.txt"; then
  all_finite "baseline" "$work/ok"
  # Share intervals in summary.csv lie in [0, 1].
  out_of=$(awk -F, 'NR > 1 && ($7 < 0 || $8 > 1 || $10 < 0 || $11 > 1)' "$work/ok/summary.csv" | head -1)
  if [ -z "$out_of" ]; then pass; else fail "summary.csv interval outside [0, 1]: $out_of"; fi
else
  fail "baseline: exit $?"
fi

report_checks
