#!/usr/bin/env bash
# End-to-end checks through the moatsim executable:
#  - --help/--version/validate work;
#  - a single-replicate run from an exported population reproduces the original CSV byte
#    for byte, and so does a run of the written scenario.resolved.toml, and --threads 1 vs 2;
#  - every kind of bad input exits non-zero with one message naming the file and the
#    line or key, and leaves no output behind;
#  - the shipped scenario library validates; compare writes its CSV and manifest; a sweep
#    killed with kill -9 and rerun gives the same sweep.csv as an uninterrupted one;
#  - plot draws well-formed SVG charts of run, compare and sweep directories, and bad input
#    exits 2 with one message and writes no file.
set -uo pipefail
moatsim=$1
src=$2
base="$src/scenarios/baseline.toml"
# shellcheck source=tests/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"

expect_ok() {  # description, command...
  local what=$1; shift
  if "$@" > "$work/out.txt" 2> "$work/err.txt"; then pass; else
    fail "$what: exit $? ($(head -c 400 "$work/err.txt"))"; fi
}

same_csv() {  # description, dir1, dir2
  local f ok=1
  for f in clouds.csv vendors.csv market.csv summary.csv; do
    cmp -s "$2/$f" "$3/$f" || { ok=0; fail "$1: $f differs"; }
  done
  [ $ok -eq 1 ] && pass
}

# expect_error description "expected text"... -- command...: non-zero exit, message contains
# every expected text, and the output directory $work/bad is empty or absent.
expect_error() {
  local what=$1; shift
  local wants=()
  while [ "$1" != "--" ]; do wants+=("$1"); shift; done
  shift
  rm -rf "$work/bad"
  "$@" > "$work/out.txt" 2> "$work/err.txt"
  local rc=$?
  if [ $rc -eq 0 ]; then fail "$what: exit code 0"; return; fi
  local w
  for w in "${wants[@]}"; do
    grep -qF -- "$w" "$work/err.txt" || { fail "$what: message lacks '$w': $(cat "$work/err.txt")"; return; }
  done
  if [ -d "$work/bad" ] && [ -n "$(ls -A "$work/bad")" ]; then
    fail "$what: left output behind: $(ls "$work/bad")"; return
  fi
  pass
}

small=(--enterprises 3000 --ticks 12 --reps 1 --quiet)

expect_ok "--help" "$moatsim" --help
expect_ok "--version" "$moatsim" --version
grep -q "moatsim" "$work/out.txt" && pass || fail "--version prints the name"
expect_ok "validate baseline" "$moatsim" validate "$base"
grep -q "valid" "$work/out.txt" && pass || fail "validate says valid"

# Reproducibility through files.
expect_ok "run + export" "$moatsim" run "$base" "${small[@]}" --out "$work/a" --export-population "$work/pop.csv"
expect_ok "run from population" "$moatsim" run "$base" --population "$work/pop.csv" --ticks 12 --reps 1 --quiet --out "$work/b"
same_csv "exported population reproduces the run" "$work/a" "$work/b"
expect_ok "run resolved scenario" "$moatsim" run "$work/a/scenario.resolved.toml" --quiet --out "$work/c"
same_csv "scenario.resolved.toml reproduces the run" "$work/a" "$work/c"
expect_ok "1 thread" "$moatsim" run "$base" --enterprises 3000 --ticks 12 --quiet --reps 2 --threads 1 --out "$work/t1"
expect_ok "2 threads" "$moatsim" run "$base" --enterprises 3000 --ticks 12 --quiet --reps 2 --threads 2 --out "$work/t2"
same_csv "1 and 2 threads" "$work/t1" "$work/t2"
head -1 "$work/a/clouds.csv" | grep -qx "scenario,rep,tick,date,cloud,share_workload,share_revenue,customers,price,capacity,utilization,silicon_fraction,revenue_usage,revenue_training" && pass || fail "clouds.csv header"
ls "$work/a" | grep -q "tmp" && fail "temporary files left in output" || pass

# Bad input. Each file is the baseline with one thing broken.
bad() { sed "$1" "$base" > "$work/$2"; echo "$work/$2"; }
f=$(bad 's/^\[globals\]$/[globals/' malformed.toml)
expect_error "malformed TOML" "malformed.toml" "malformed" -- "$moatsim" run "$f" --out "$work/bad"
f=$(bad 's/^review_rate *=/reveiw_rate =/' misspelled.toml)
expect_error "misspelled key" "misspelled.toml" "reveiw_rate" -- "$moatsim" run "$f" --out "$work/bad"
f=$(bad 's/^ticks *= *120/ticks = "120"/' wrongtype.toml)
expect_error "wrong type" "wrongtype.toml" "run.ticks" -- "$moatsim" run "$f" --out "$work/bad"
f=$(bad 's/^enterprises *= *[0-9_]*/enterprises = 0/' zero.toml)
expect_error "zero enterprises" "zero.toml" "population.enterprises" -- "$moatsim" run "$f" --out "$work/bad"
expect_error "negative enterprises option" "enterprises" -- "$moatsim" run "$base" --enterprises -5 --out "$work/bad"
f=$(bad '0,/^target_share *= *[0-9.]*/s//target_share = 0.9/' shares.toml)
expect_error "targets not summing to 1" "shares.toml" "target_share" -- "$moatsim" run "$f" --out "$work/bad"
f=$(bad '0,/"Anthropic"/s//"Anthropik"/' catalog.toml)
expect_error "unknown vendor in catalog" "catalog.toml" "Anthropik" -- "$moatsim" run "$f" --out "$work/bad"
f=$(bad '0,/^cloud *= *"AWS"/s//cloud = "AWZ"/' event.toml)
expect_error "unknown cloud in event" "event.toml" "AWZ" -- "$moatsim" run "$f" --out "$work/bad"
f=$(bad '0,/^date *= *"2025-08"/s//date = "2024-12"/' early_event.toml)
expect_error "event before the start" "early_event.toml" "before the start date 2025-01" -- "$moatsim" run "$f" --out "$work/bad"
expect_error "missing scenario file" "nope.toml" -- "$moatsim" run "$work/nope.toml" --out "$work/bad"
expect_error "missing population file" "nope.csv" -- "$moatsim" run "$base" --population "$work/nope.csv" --out "$work/bad"
cut -d, -f1-4,6- "$work/pop.csv" > "$work/nocol.csv"
expect_error "population missing a column" "nocol.csv" "phi" -- "$moatsim" run "$base" --population "$work/nocol.csv" --out "$work/bad"
awk -F, 'BEGIN{OFS=","} NR==5{$3="abc"} {print}' "$work/pop.csv" > "$work/badnum.csv"
expect_error "population bad number" "badnum.csv" ":5" "alpha" -- "$moatsim" run "$base" --population "$work/badnum.csv" --out "$work/bad"
touch "$work/afile"
expect_error "unwritable output directory" "$work/afile/out" -- "$moatsim" run "$base" "${small[@]}" --out "$work/afile/out"
expect_error "bad --mode" "--mode" -- "$moatsim" run "$base" --mode fast --out "$work/bad"
expect_error "unknown option" "unrecognised" -- "$moatsim" run "$base" --fast --out "$work/bad"

# Experiments (issue #3).
for f in "$src"/scenarios/*.toml; do
  expect_ok "validate $(basename "$f")" "$moatsim" validate "$f"
done
expect_ok "compare" "$moatsim" compare "$base" "$src/scenarios/no_optionality.toml" --enterprises 3000 --ticks 12 --reps 3 --quiet --out "$work/cmp"
head -1 "$work/cmp/compare.csv" | grep -qx "tick,date,cloud,metric,mean_base,mean_alt,diff,lo95,hi95,excludes_zero" && pass || fail "compare.csv header"
# The base keeps its calibrated brands: in expected mode its tick-0 AWS share is the target.
expect_ok "compare, expected mode" "$moatsim" compare "$base" "$src/scenarios/no_optionality.toml" --enterprises 3000 --ticks 12 --reps 1 --mode expected --quiet --out "$work/cmpx"
awk -F, '$1==0 && $3=="AWS" { exit !($5 > 0.2999 && $5 < 0.3001 && $6 < 0.29) }' "$work/cmpx/compare.csv" && pass || fail "compare: base AWS share at tick 0 is the 0.30 target, no_optionality's lower"
for f in manifest.json base.resolved.toml alt.resolved.toml; do
  [ -s "$work/cmp/$f" ] && pass || fail "compare wrote $f"
done
grep -q '"sha256"' "$work/cmp/manifest.json" && pass || fail "manifest has input hashes"
printf '%s\n' 'name = "other_world"' 'start = "2025-01"' '[clouds.P]' 'target_share = 0.5' 'price = 3.0' \
  'catalog = ["V"]' '[clouds.Q]' 'target_share = 0.5' 'price = 3.0' 'catalog = ["V"]' \
  '[vendors.V]' 'training_split = { P = 1.0 }' > "$work/other_world.toml"
expect_error "compare: no cloud in common" "no cloud in common" -- "$moatsim" compare "$base" "$work/other_world.toml" --ticks 12 --out "$work/bad"
expect_error "compare: unknown cloud" "--cloud" "AWZ" -- "$moatsim" compare "$base" "$src/scenarios/no_optionality.toml" --cloud AWZ --out "$work/bad"

printf '%s\n' 'name = "killme"' "base = \"$base\"" 'replicates = 2' 'enterprises = 4000' 'ticks = 60' \
  '[design]' 'kind = "grid"' '[[parameters]]' 'key = "clouds.AWS.silicon_discount"' \
  'values = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]' '[[parameters]]' 'key = "globals.switch_cost_cloud"' \
  'values = [2.0, 3.5, 5.0]' > "$work/sweep.toml"
expect_ok "sweep, 1 thread" "$moatsim" sweep "$work/sweep.toml" --threads 1 --quiet --out "$work/sw_full"
"$moatsim" sweep "$work/sweep.toml" --threads 2 --quiet --out "$work/sw_cut" > /dev/null 2>&1 &
pid=$!
for _ in $(seq 1 600); do  # wait until a few runs are on disk, then kill -9 mid-sweep
  [ -f "$work/sw_cut/runs.csv" ] && [ "$(wc -l < "$work/sw_cut/runs.csv")" -ge 4 ] && break
  sleep 0.02
done
kill -9 $pid 2> /dev/null; wait $pid 2> /dev/null
runs_before=$(($(wc -l < "$work/sw_cut/runs.csv") - 1))
[ "$runs_before" -lt 18 ] && pass || fail "sweep was not interrupted (finished $runs_before runs)"
expect_ok "sweep resumed" "$moatsim" sweep "$work/sweep.toml" --threads 2 --out "$work/sw_cut"
grep -q "already done (resumed)" "$work/out.txt" && pass || fail "resumed sweep says so: $(cat "$work/out.txt")"
cmp -s "$work/sw_full/sweep.csv" "$work/sw_cut/sweep.csv" && pass || fail "resumed sweep.csv differs from uninterrupted"
[ "$(wc -l < "$work/sw_cut/runs.csv")" -eq 19 ] && pass || fail "runs.csv: 18 runs once each"
sed 's/clouds.AWS.silicon_discount/clouds.AWS.silicon_discont/' "$work/sweep.toml" > "$work/badsweep.toml"
expect_error "sweep: unknown dotted key" "badsweep.toml" "silicon_discont" -- "$moatsim" sweep "$work/badsweep.toml" --out "$work/bad"

# Charts (issue #5): moatsim plot on the directories written above.
well_formed() {  # file: parses as XML (python3's minidom), when python3 is available
  if ! command -v python3 > /dev/null; then pass; return; fi
  python3 -c 'import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])' "$1" 2> "$work/xml.txt" \
    && pass || fail "$1 is not well-formed XML: $(cat "$work/xml.txt")"
}
# expect_clear_error description "expected text"... -- command...: exit code 2, one line of
# message holding every text, and nothing left in $work/bad (which exists for the command to
# write into, unlike expect_error's).
expect_clear_error() {
  local what=$1; shift
  local wants=()
  while [ "$1" != "--" ]; do wants+=("$1"); shift; done
  shift
  rm -rf "$work/bad"; mkdir -p "$work/bad"
  "$@" > "$work/out.txt" 2> "$work/err.txt"
  local rc=$? w
  if [ $rc -ne 2 ]; then fail "$what: exit code $rc, expected 2"; return 1; fi
  for w in "${wants[@]}"; do
    grep -qF -- "$w" "$work/err.txt" || { fail "$what: message lacks '$w': $(cat "$work/err.txt")"; return 1; }
  done
  [ "$(wc -l < "$work/err.txt")" -eq 1 ] || { fail "$what: more than one line of message"; return 1; }
  [ -z "$(ls -A "$work/bad")" ] || { fail "$what: left output behind: $(ls "$work/bad")"; return 1; }
}
# expect_plot_error description "expected text"... -- plot arguments...: a clear error, and
# the chart file $work/bad/chart.svg is not written.
expect_plot_error() {
  local what=$1; shift
  local wants=()
  while [ "$1" != "--" ]; do wants+=("$1"); shift; done
  shift
  expect_clear_error "$what" "${wants[@]}" -- "$moatsim" plot "$@" --svg "$work/bad/chart.svg" && pass
}
expect_ok "plot run" "$moatsim" plot "$work/t2" --svg "$work/run.svg"
well_formed "$work/run.svg"
[ "$(grep -o '<path class="line"' "$work/run.svg" | wc -l)" -eq 4 ] && pass || fail "plot run: one line per cloud"
for c in AWS Azure Google Other; do
  grep -q "class=\"legend-entry\"[^>]*>$c</text>" "$work/run.svg" && pass || fail "plot run: legend names $c"
done
grep -q '>Workload share (%)</text>' "$work/run.svg" && pass || fail "plot run: y-axis label"
grep -q '>claude_on_foundry' "$work/run.svg" && pass || fail "plot run: event marker from scenario.resolved.toml"
for m in price capacity utilization vendor_share vendor_quality share_revenue; do
  expect_ok "plot run --metric $m" "$moatsim" plot "$work/t2" --svg "$work/run_$m.svg" --metric "$m" --quiet
  well_formed "$work/run_$m.svg"
done
[ "$(grep -o '<path class="line"' "$work/run_vendor_share.svg" | wc -l)" -eq "$(($(cut -d, -f5 "$work/t2/vendors.csv" | sort -u | wc -l) - 1))" ] \
  && pass || fail "plot vendor_share: one line per vendor"
expect_ok "plot compare" "$moatsim" plot "$work/cmp" --svg "$work/cmp.svg"
well_formed "$work/cmp.svg"
grep -q '>Difference in workload share (pp)</text>' "$work/cmp.svg" && pass || fail "plot compare: y-axis label"
expect_ok "plot sweep" "$moatsim" plot "$work/sw_full" --svg "$work/sweep.svg"
well_formed "$work/sweep.svg"
[ "$(grep -o 'class="cell"' "$work/sweep.svg" | wc -l)" -eq 18 ] && pass || fail "plot sweep: 6 x 3 cells"
grep -q '>clouds.AWS.silicon_discount</text>' "$work/sweep.svg" && pass || fail "plot sweep: x-axis label"
expect_plot_error "plot: unknown metric" "--metric" "'bogus'" "share_workload" -- "$work/t2" --metric bogus
expect_plot_error "plot: compare metric differs" "--metric price" "share_workload" -- "$work/cmp" --metric price
expect_plot_error "plot: sweep metric not kept" "price" -- "$work/sw_full" --metric price
expect_plot_error "plot: missing directory" "$work/nope" -- "$work/nope"
expect_plot_error "plot: not an output directory" "not a moatsim output directory" -- "$src/scenarios"
mkdir -p "$work/broken" && cp "$work/t2/scenario.resolved.toml" "$work/broken/"
awk -F, 'BEGIN{OFS=","} NR==6{$6="abc"} {print}' "$work/t2/summary.csv" > "$work/broken/summary.csv"
expect_plot_error "plot: malformed summary.csv" "summary.csv:6" "share_workload_mean" "abc" -- "$work/broken"
head -4 "$work/t2/summary.csv" > "$work/broken/summary.csv"; echo "cut,short" >> "$work/broken/summary.csv"
expect_plot_error "plot: truncated summary.csv" "summary.csv:5" "fields" -- "$work/broken"
"$moatsim" plot "$work/t2" > /dev/null 2> "$work/err.txt"
[ $? -eq 2 ] && grep -q -- "--svg" "$work/err.txt" && pass || fail "plot without --svg: exit 2 naming --svg"
# viz/plot_results.py, when some python3 here has matplotlib (Debian: python3-matplotlib).
py=""
for p in python3 /usr/bin/python3; do
  command -v "$p" > /dev/null && "$p" -c 'import matplotlib' 2> /dev/null && { py=$p; break; }
done
if [ -n "$py" ]; then
  expect_ok "plot_results.py" "$py" "$src/viz/plot_results.py" "$work/t2" -o "$work/figure.png"
  [ "$(head -c 4 "$work/figure.png" | tail -c 3)" = "PNG" ] && pass || fail "plot_results.py wrote a PNG"
  "$py" "$src/viz/plot_results.py" "$work/cmp" -o "$work/bad.png" > /dev/null 2> "$work/err.txt"
  [ $? -eq 2 ] && grep -q "summary.csv" "$work/err.txt" && [ ! -e "$work/bad.png" ] && pass \
    || fail "plot_results.py on a compare directory: exit 2 naming summary.csv"
else
  echo "SKIP: viz/plot_results.py (no python3 with matplotlib)"
fi

# Reports (issue #5): one self-contained HTML page per output directory.
self_contained() {  # file: no address to fetch but the SVG namespace, no scripts
  local n
  n=$(grep -o 'https\?://[^"<> ]*' "$1" | grep -vcx 'http://www.w3.org/2000/svg')
  [ "$n" -eq 0 ] && ! grep -qi '<script\|src=\|href=\|@import\|url(' "$1" && pass \
    || fail "$1 refers to something outside itself"
}
expect_ok "report run" "$moatsim" report "$work/t2"
grep -q "report.html" "$work/out.txt" && [ -s "$work/t2/report.html" ] && pass || fail "report run: DIR/report.html by default"
well_formed "$work/t2/report.html"
self_contained "$work/t2/report.html"
[ "$(grep -o '<svg ' "$work/t2/report.html" | wc -l)" -eq 7 ] && pass || fail "report run: 7 charts"
grep -q '<td>claude_on_foundry</td>' "$work/t2/report.html" && pass || fail "report run: events table"
grep -q '<td>20250101</td>' "$work/t2/report.html" && pass || fail "report run: seed from manifest.json"
expect_ok "report compare -o" "$moatsim" report "$work/cmp" -o "$work/cmp_report.html" --quiet
well_formed "$work/cmp_report.html"
self_contained "$work/cmp_report.html"
grep -q '2026-01 (1 y)' "$work/cmp_report.html" && pass || fail "report compare: table at 1 year"
[ "$(grep -o '<svg ' "$work/cmp_report.html" | wc -l)" -eq 1 ] && pass || fail "report compare: 1 chart"
expect_ok "report sweep" "$moatsim" report "$work/sw_full" --quiet
well_formed "$work/sw_full/report.html"
[ "$(grep -o 'class="cell"' "$work/sw_full/report.html" | wc -l)" -eq 18 ] && pass || fail "report sweep: 6 x 3 heatmap"
[ "$(grep -o '<svg ' "$work/sw_full/report.html" | wc -l)" -eq 4 ] && pass || fail "report sweep: heatmap + 3 run groups"
# expect_report_error description "expected text"... -- DIR: a clear error, and no report
# written (neither DIR/report.html nor -o's file).
expect_report_error() {
  local what=$1; shift
  local wants=()
  while [ "$1" != "--" ]; do wants+=("$1"); shift; done
  shift
  expect_clear_error "$what" "${wants[@]}" -- "$moatsim" report "$1" -o "$work/bad/report.html" || return
  [ ! -e "$1/report.html" ] && pass || fail "$what: left a report behind"
}
expect_report_error "report: missing directory" "$work/nope" -- "$work/nope"
expect_report_error "report: not an output directory" "not a moatsim output directory" -- "$src/scenarios"
head -4 "$work/t2/summary.csv" > "$work/broken/summary.csv"; echo "cut,short" >> "$work/broken/summary.csv"
expect_report_error "report: truncated summary.csv" "summary.csv:5" "fields" -- "$work/broken"
mkdir -p "$work/badman" && cp "$work/t2"/*.csv "$work/t2/scenario.resolved.toml" "$work/badman/"
head -5 "$work/t2/manifest.json" > "$work/badman/manifest.json"
expect_report_error "report: truncated manifest.json" "manifest.json:6" -- "$work/badman"
"$moatsim" report > /dev/null 2> "$work/err.txt"
[ $? -eq 2 ] && grep -q "DIR" "$work/err.txt" && pass || fail "report without DIR: exit 2 naming DIR"

# moatsim live into a pipe: plain lines, the same numbers as `moatsim run`'s replicate 0.
"$moatsim" live "$base" --enterprises 3000 --ticks 12 > "$work/live.txt" 2> "$work/err.txt" \
  && pass || fail "live, piped: exit $? ($(head -c 300 "$work/err.txt"))"
[ "$(grep -c '^20[0-9][0-9]-[0-9][0-9]  AWS [0-9.]*%  Azure [0-9.]*%  Google [0-9.]*%  Other [0-9.]*%$' "$work/live.txt")" -eq 13 ] \
  && pass || fail "live, piped: one line per month 0..12: $(head -3 "$work/live.txt")"
grep -q '^2025-08: OpenAI gpt-oss on Bedrock .*\[gpt_oss_bedrock: catalog_add OpenAI-oss on AWS\]$' "$work/live.txt" \
  && pass || fail "live, piped: announces the Bedrock event"
grep -q $'\x1b' "$work/live.txt" && fail "live, piped: escape codes in plain output" || pass
aws_run=$(awk -F, '$2==0 && $3==12 && $5=="AWS" { printf "%.1f%%", 100 * $6 }' "$work/a/clouds.csv")
tail -1 "$work/live.txt" | grep -qF "AWS $aws_run " && pass \
  || fail "live: AWS share at month 12 is run's replicate 0 ($aws_run): $(tail -1 "$work/live.txt")"
expect_error "live: missing scenario" "nope.toml" -- "$moatsim" live "$work/nope.toml"
expect_error "live: bad --speed" "--speed" -- "$moatsim" live "$base" --speed -5
# --seed is one option with one parser in every command (it once failed in live with
# boost::bad_any_cast): live --seed 7 shows run --seed 7's replicate 0.
expect_ok "run --seed 7" "$moatsim" run "$base" --enterprises 3000 --ticks 12 --reps 1 --quiet --seed 7 --out "$work/seed7"
"$moatsim" live "$base" --enterprises 3000 --ticks 12 --seed 7 > "$work/live7.txt" 2> "$work/err.txt" \
  && pass || fail "live --seed 7: exit $? ($(head -c 300 "$work/err.txt"))"
aws_seed7=$(awk -F, '$2==0 && $3==12 && $5=="AWS" { printf "%.1f%%", 100 * $6 }' "$work/seed7/clouds.csv")
tail -1 "$work/live7.txt" | grep -qF "AWS $aws_seed7 " && pass \
  || fail "live --seed 7: AWS share at month 12 is run --seed 7's ($aws_seed7): $(tail -1 "$work/live7.txt")"
expect_error "live: negative --seed" "--seed: expected an integer in [0," -- "$moatsim" live "$base" --seed -1
expect_error "absurd --threads" "--threads: expected an integer in [1, 4096], got 2147483647" -- \
  "$moatsim" run "$base" --threads 2147483647 --out "$work/bad"

# moatsim live on a terminal (a tmux pseudo-terminal): the screen shows the clouds and the
# date, keys work, and the terminal settings are restored after q, Ctrl-C and SIGINT.
if command -v tmux > /dev/null; then
  sock="$work/tmux.sock"
  # live_in_tmux name extra-options...: starts moatsim live in a 100x32 pane; the wrapper
  # records the terminal settings before and after, the exit code and moatsim's pid.
  live_in_tmux() {
    local name=$1; shift
    printf '%s\n' "stty -g > '$work/$name.before'" \
      "bash -c 'echo \$\$ > \"$work/$name.pid\"; exec \"\$@\"' live '$moatsim' live '$base' --enterprises 2000 --ticks 12 $*" \
      "echo \$? > '$work/$name.rc'" "stty -g > '$work/$name.after'" "sleep 30" > "$work/$name.sh"
    tmux -S "$sock" new-session -d -s "$name" -x 100 -y 32 "bash '$work/$name.sh'"
  }
  screen_shows() {  # session text: waits up to 15 s for text on the screen
    for _ in $(seq 1 150); do
      tmux -S "$sock" capture-pane -p -t "$1" > "$work/$1.screen" 2> /dev/null
      grep -qF -- "$2" "$work/$1.screen" && return 0
      sleep 0.1
    done
    return 1
  }
  finished() {  # session: waits up to 15 s for the exit code file
    for _ in $(seq 1 150); do [ -s "$work/$1.rc" ] && [ -s "$work/$1.after" ] && return 0; sleep 0.1; done
    return 1
  }
  live_in_tmux keyq --speed 20
  if screen_shows keyq "month 12 of 12"; then
    ok=1
    for w in AWS Azure Google Other 2026-01 "Workload share by cloud" "claude_on_foundry" "q quit" \
        "one scale, 0 to" "pts since 2025-01" "(· not offered)" "Anthropic"; do
      grep -qF -- "$w" "$work/keyq.screen" || { ok=0; fail "live, terminal: screen lacks '$w': $(cat "$work/keyq.screen")"; }
    done
    [ $ok -eq 1 ] && pass
    tmux -S "$sock" send-keys -t keyq q
    finished keyq && [ "$(cat "$work/keyq.rc")" = 0 ] && pass || fail "live, terminal: q exits 0"
    cmp -s "$work/keyq.before" "$work/keyq.after" && pass || fail "live, terminal: settings restored after q"
  else
    fail "live, terminal: never reached month 12: $(cat "$work/keyq.screen")"
  fi
  # Paused at the start: one step moves one month; Ctrl-C quits with 130 and restores.
  live_in_tmux keyc --speed 2000
  screen_shows keyc "month 0 of 12" && tmux -S "$sock" send-keys -t keyc ' '
  screen_shows keyc "paused" && tmux -S "$sock" send-keys -t keyc n
  screen_shows keyc "month 1 of 12" && grep -qF "2025-02" "$work/keyc.screen" && pass || fail "live, terminal: n steps one month"
  tmux -S "$sock" send-keys -t keyc C-c
  finished keyc && [ "$(cat "$work/keyc.rc")" = 130 ] && pass || fail "live, terminal: Ctrl-C exits 130"
  cmp -s "$work/keyc.before" "$work/keyc.after" && pass || fail "live, terminal: settings restored after Ctrl-C"
  live_in_tmux sigint --speed 2000
  screen_shows sigint "month 0 of 12" && kill -INT "$(cat "$work/sigint.pid")"
  finished sigint && [ "$(cat "$work/sigint.rc")" = 130 ] && pass || fail "live, terminal: SIGINT exits 130"
  cmp -s "$work/sigint.before" "$work/sigint.after" && pass || fail "live, terminal: settings restored after SIGINT"
  tmux -S "$sock" capture-pane -p -t sigint > "$work/sigint.screen"
  grep -qF "Workload share by cloud" "$work/sigint.screen" && fail "live, terminal: alternate screen left" || pass
  tmux -S "$sock" kill-server 2> /dev/null
else
  echo "SKIP: moatsim live on a terminal (tmux is not installed; Debian package tmux)"
fi

report_checks
