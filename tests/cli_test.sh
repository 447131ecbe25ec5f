#!/usr/bin/env bash
# End-to-end checks through the moatsim executable:
#  - --help/--version/validate work;
#  - a single-replicate run from an exported population reproduces the original CSV byte
#    for byte, and so does a run of the written scenario.resolved.toml, and --threads 1 vs 2;
#  - every kind of bad input exits non-zero with one message naming the file and the
#    line or key, and leaves no output behind.
set -uo pipefail
moatsim=$1
src=$2
base="$src/scenarios/baseline.toml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }

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
expect_error "event past the horizon" "baseline.toml" "horizon" -- "$moatsim" run "$base" --ticks 3 --out "$work/bad"
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

echo "$((checks - failures)) passed, $failures failed"
[ $failures -eq 0 ]
