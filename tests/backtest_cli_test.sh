#!/usr/bin/env bash
# End-to-end checks of `moatsim backtest` and `moatsim calibrate` through the executable:
# output files, the report's backtest charts, byte-identical CSV for 1 and 2 threads, exit 2
# with one message naming file and line for bad input, exit 1 for non-convergence, and no
# output left behind on failure. Small and fast (a few seconds).
set -uo pipefail
moatsim=$1
src=$2
hist="$src/scenarios/history_2023.toml"
# shellcheck source=tests/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"

run_code() {  # expected exit code, description, command...
  local want=$1 what=$2; shift 2
  "$@" > "$work/out.txt" 2> "$work/err.txt"
  local rc=$?
  [ $rc -eq "$want" ] && pass || fail "$what: exit $rc, expected $want ($(head -c 400 "$work/err.txt"))"
}
contains() {  # description, file, text
  grep -qF -- "$3" "$2" && pass || fail "$1: '$3' not in $(head -c 400 "$2")"
}
nothing_written() {  # description, dir
  if [ -e "$2" ]; then fail "$1: left output behind in $2"; else pass; fi
}

small=(--enterprises 500 --quiet)
run_code 0 "backtest" "$moatsim" backtest "$hist" --data "$src/data/history" "${small[@]}" --threads 1 --out "$work/b1"
for f in backtest.csv clouds.csv vendors.csv manifest.json scenario.resolved.toml; do
  [ -s "$work/b1/$f" ] && pass || fail "backtest wrote no $f"
done
contains "backtest.csv header" "$work/b1/backtest.csv" "date,series,measure,entity,observed,band,model,residual,inside_band,source"
[ "$(wc -l < "$work/b1/backtest.csv")" -eq 55 ] && pass || fail "backtest.csv has 54 observations"
run_code 0 "backtest, 2 threads" "$moatsim" backtest "$hist" --data "$src/data/history" "${small[@]}" --threads 2 --out "$work/b2"
cmp -s "$work/b1/backtest.csv" "$work/b2/backtest.csv" && pass || fail "backtest.csv differs between 1 and 2 threads"
run_code 0 "report of a backtest" "$moatsim" report "$work/b1" -o "$work/b1/report.html"
contains "report has the backtest charts" "$work/b1/report.html" 'id="chart-backtest-0"'
contains "report draws observation points" "$work/b1/report.html" 'class="points"'

# Bad history: exit 2, one message with file:line:column, nothing written.
printf 'date,series,measure,entity,observed,band,source\n2022-06,s,cloud_share,AWS,0.3,0.02,x\n' > "$work/early.csv"
run_code 2 "observation before the run" "$moatsim" backtest "$hist" --data "$work/early.csv" "${small[@]}" --out "$work/bad"
contains "date outside run" "$work/err.txt" "early.csv:2:1: date: observation dated 2022-06 lies outside the run"
nothing_written "date outside run" "$work/bad"
printf 'date,series,measure,entity,observed,band,source\n2024-06,s,vendor_share,xAI,0.3,0.02,x\n' > "$work/xai.csv"
run_code 2 "unknown vendor" "$moatsim" backtest "$hist" --data "$work/xai.csv" "${small[@]}" --out "$work/bad"
contains "unknown vendor" "$work/err.txt" "xai.csv:2:4: entity: unknown vendor 'xAI'"
nothing_written "unknown vendor" "$work/bad"
printf 'date,series,measure,entity,observed,band,source\n2024-06,s,cloud_share,AWS,0.3\n' > "$work/short.csv"
run_code 2 "short row" "$moatsim" backtest "$hist" --data "$work/short.csv" "${small[@]}" --out "$work/bad"
contains "short row" "$work/err.txt" "short.csv:2"

# Calibration: a small fit, bad input, non-convergence.
cal() {  # name, extra TOML lines -> file
  cat > "$work/$1.toml" <<TOML
name = "$1"
scenario = "$hist"
data = "$src/data/history"
enterprises = 300
[optimizer]
starts = 1
global_evaluations = 10
local_evaluations = ${3:-200}
tolerance = 1e-3
[uncertainty]
points = 3
evaluations = 5
[[parameters]]
key = "globals.review_rate"
lower = ${2:-0.01}
upper = 0.1
scale = 0.02
TOML
}
cal ok
run_code 0 "calibrate" "$moatsim" calibrate "$work/ok.toml" --fit-until 2024-12 --quiet --out "$work/c"
for f in calibration.json calibration.csv residuals.csv errors.csv profile.csv correlation.csv calibrated.toml manifest.json; do
  [ -s "$work/c/$f" ] && pass || fail "calibrate wrote no $f"
done
contains "errors.csv marks 2025 out of sample" "$work/c/errors.csv" "2025-08,out,"
contains "calibrated.toml inherits the baseline" "$work/c/calibrated.toml" 'base = "'
cal badbounds 0.2
run_code 2 "lower >= upper" "$moatsim" calibrate "$work/badbounds.toml" --quiet --out "$work/bad"
contains "lower >= upper" "$work/err.txt" "badbounds.toml:16:1: parameters[0].upper: expected upper > lower"
nothing_written "lower >= upper" "$work/bad"
cal stuck 0.01 2
run_code 1 "non-convergence" "$moatsim" calibrate "$work/stuck.toml" --quiet --out "$work/bad"
contains "non-convergence message" "$work/err.txt" "did not converge"
contains "non-convergence last state" "$work/err.txt" "last state: globals.review_rate = "
nothing_written "non-convergence" "$work/bad"
report_checks
