#!/usr/bin/env bash
# End-to-end checks that a result directory is all-or-nothing (docs/RESULTS.md):
#  - run and compare killed with SIGKILL at named points (the MOATSIM_FAULT_AT testing hook)
#    leave the previous complete result byte for byte, and the next run removes what the
#    killed one left (including an interrupted swap, which it restores);
#  - SIGINT/SIGTERM/SIGHUP remove the temporaries and exit 128 + the signal number;
#  - a full file system (a small tmpfs, or an injected write error where mounting is not
#    allowed) exits 1 naming the path and the OS error, and keeps the old result;
#  - stale temporaries of dead processes are removed, live ones are not; report.html of an
#    old result does not survive a new one; --out '' and directories that are not results
#    are refused with exit 2;
#  - a sweep killed after a run resumes byte-exact; a damaged sweep.csv row is detected,
#    said so, and recomputed.
set -uo pipefail
moatsim=$1
src=$2
base="$src/scenarios/baseline.toml"
alt="$src/scenarios/no_optionality.toml"
# shellcheck source=tests/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"
trap 'umount "$work/small" 2> /dev/null; rm -rf "$work"' EXIT

small=(--enterprises 2000 --ticks 24 --reps 2 --quiet)
dead_pid=999999999  # above any pid_max: never a running process

snapshot() { (cd "$1" && find . -type f | sort | xargs sha256sum); }
# no_temporaries description dir: nothing of ours is left in dir or beside it.
no_temporaries() {
  local left
  left=$(find "$(dirname "$2")" -maxdepth 2 \( -name '.*.tmp-*' -o -name '.*.old-*' -o -name '*.tmp-[0-9]*' \) \
         ! -name "*.tmp-$$" 2> /dev/null)
  [ -z "$left" ] && pass || fail "$1: temporaries left: $left"
}
intact() {  # description dir snapshot-file
  [ "$(snapshot "$2" 2> /dev/null)" = "$(cat "$3")" ] && pass || fail "$1: $2 is not the old result"
}
expect_rc() {  # description rc-wanted command...
  local what=$1 want=$2; shift 2
  "$@" > "$work/out.txt" 2> "$work/err.txt"
  local rc=$?
  [ $rc -eq "$want" ] && pass || fail "$what: exit $rc, expected $want ($(head -c 300 "$work/err.txt"))"
}

# A complete result to protect (manifest.json differs from run to run: its time stamps), and
# the result the killed runs were making.
renew() {  # a fresh complete seed-1 result in $work/r and its snapshot in old.sha
  "$moatsim" run "$base" "${small[@]}" --out "$work/r" > /dev/null 2>&1 || fail "run into $work/r"
  snapshot "$work/r" > "$work/old.sha"
}
renew
"$moatsim" run "$base" "${small[@]}" --seed 7 --out "$work/ref7" || fail "reference run"

# SIGKILL before the swap: the old result stays, whole.
for point in after_file:clouds.csv after_file:vendors.csv after_file:summary.csv \
             after_file:scenario.resolved.toml after_file:manifest.json before_swap; do
  MOATSIM_FAULT_AT=$point expect_rc "run killed at $point" 137 "$moatsim" run "$base" "${small[@]}" --seed 7 --out "$work/r"
  intact "run killed at $point" "$work/r" "$work/old.sha"
done
# SIGKILL after the swap: the new result is there, whole.
MOATSIM_FAULT_AT=after_swap expect_rc "run killed after the swap" 137 "$moatsim" run "$base" "${small[@]}" --seed 7 --out "$work/r"
cmp -s "$work/r/clouds.csv" "$work/ref7/clouds.csv" && cmp -s "$work/r/summary.csv" "$work/ref7/summary.csv" \
  && pass || fail "after_swap: the new result is in place"
cp "$work/old.sha" "$work/first.sha"
renew
grep -v manifest.json "$work/first.sha" > "$work/first_csv.sha"
grep -v manifest.json "$work/old.sha" | cmp -s - "$work/first_csv.sha" && pass || fail "a rerun gives the same files"
no_temporaries "after kill -9 and a rerun" "$work/r"

# A swap by two renames killed between them: the next run restores the old result (and here,
# itself killed before its own swap, leaves exactly that).
MOATSIM_FAULT_AT=no_exchange,after_aside expect_rc "killed between renames" 137 "$moatsim" run "$base" "${small[@]}" --seed 7 --out "$work/r"
MOATSIM_FAULT_AT=before_swap "$moatsim" run "$base" --enterprises 2000 --ticks 24 --reps 2 --out "$work/r" > "$work/out.txt" 2>&1
grep -q "restored" "$work/out.txt" && pass || fail "the interrupted swap is reported: $(cat "$work/err.txt")"
intact "restored after an interrupted swap" "$work/r" "$work/old.sha"
MOATSIM_FAULT_AT=no_exchange expect_rc "swap by two renames" 0 "$moatsim" run "$base" "${small[@]}" --seed 7 --out "$work/r"
cmp -s "$work/r/clouds.csv" "$work/ref7/clouds.csv" && pass || fail "two-rename swap puts the new result in place"
no_temporaries "after the two-rename swap" "$work/r"
renew

# Signals: temporaries removed, exit 128 + signal, the old result kept.
for sig in INT:130 TERM:143 HUP:129; do
  MOATSIM_FAULT_AT=hang:after_file:market.csv "$moatsim" run "$base" "${small[@]}" --seed 7 --out "$work/r" 2> "$work/err.txt" &
  pid=$!
  for _ in $(seq 1 500); do [ -f "$work/.r.tmp-$pid/market.csv" ] && break; sleep 0.02; done
  [ -f "$work/.r.tmp-$pid/market.csv" ] && pass || fail "SIG${sig%:*}: the run did not reach its pause"
  kill -"${sig%:*}" $pid
  wait $pid
  rc=$?
  [ $rc -eq "${sig#*:}" ] && pass || fail "SIG${sig%:*}: exit $rc, expected ${sig#*:}"
  no_temporaries "SIG${sig%:*}" "$work/r"
  intact "SIG${sig%:*}" "$work/r" "$work/old.sha"
done

# compare: the same guarantees.
cmp_args=("$base" "$alt" "${small[@]}" --out "$work/c")
"$moatsim" compare "${cmp_args[@]}" || fail "first compare"
snapshot "$work/c" > "$work/cold.sha"
for point in after_file:compare.csv after_file:base.resolved.toml after_file:alt.resolved.toml before_swap; do
  MOATSIM_FAULT_AT=$point expect_rc "compare killed at $point" 137 "$moatsim" compare "${cmp_args[@]}" --seed 7
  intact "compare killed at $point" "$work/c" "$work/cold.sha"
done
MOATSIM_FAULT_AT=write_error:compare.csv expect_rc "compare, write error" 1 "$moatsim" compare "${cmp_args[@]}" --seed 7
grep -q "No space left on device" "$work/err.txt" && grep -q "compare.csv" "$work/err.txt" && pass \
  || fail "compare write error message: $(cat "$work/err.txt")"
intact "compare after a write error" "$work/c" "$work/cold.sha"
expect_rc "compare rerun" 0 "$moatsim" compare "${cmp_args[@]}" --seed 7
no_temporaries "compare rerun" "$work/c"

# A write error (injected): exit 1, path and OS error named, old result and nothing else.
for file in clouds.csv summary.csv manifest.json; do
  MOATSIM_FAULT_AT=write_error:$file expect_rc "write error in $file" 1 "$moatsim" run "$base" "${small[@]}" --seed 7 --out "$work/r"
  grep -q "cannot write '.*$file': No space left on device" "$work/err.txt" && pass \
    || fail "write error names $file and the OS error: $(cat "$work/err.txt")"
  intact "write error in $file" "$work/r" "$work/old.sha"
  no_temporaries "write error in $file" "$work/r"
done

# A really full file system, where this machine lets us mount one.
mkdir -p "$work/small"
if mount -t tmpfs -o size=256k tmpfs "$work/small" 2> /dev/null; then
  "$moatsim" run "$base" --enterprises 2000 --ticks 12 --reps 1 --quiet --out "$work/small/r" || fail "small run on tmpfs"
  snapshot "$work/small/r" > "$work/small.sha"
  expect_rc "full disk" 1 "$moatsim" run "$base" --enterprises 2000 --ticks 120 --reps 2 --quiet --out "$work/small/r"
  grep -q "cannot write '$work/small/.*': No space left on device" "$work/err.txt" && pass \
    || fail "full disk message: $(cat "$work/err.txt")"
  intact "full disk" "$work/small/r" "$work/small.sha"
  no_temporaries "full disk" "$work/small/r"
  expect_rc "a mount point as --out" 2 "$moatsim" run "$base" "${small[@]}" --out "$work/small"
  grep -q "mount point" "$work/err.txt" && pass || fail "mount point message: $(cat "$work/err.txt")"
  umount "$work/small"
else
  echo "note: cannot mount a tmpfs here; the full disk is covered by the injected write errors"
fi

# Stale temporaries of dead processes go; a live process's stay; old report.html goes.
mkdir -p "$work/.r.tmp-$dead_pid" "$work/.r.tmp-$$"
echo junk > "$work/.r.tmp-$dead_pid/clouds.csv"
echo junk > "$work/r/clouds.csv.tmp-$dead_pid"
echo junk > "$work/rep.html.tmp-$dead_pid"
"$moatsim" report "$work/r" -o "$work/r/report.html" > /dev/null 2>&1 || fail "report"
[ -f "$work/r/report.html" ] && pass || fail "report.html written"
expect_rc "run over stale temporaries" 0 "$moatsim" run "$base" "${small[@]}" --out "$work/r"
grep -q "removed $work/.r.tmp-$dead_pid" "$work/out.txt" && pass || fail "stale removal is logged: $(cat "$work/out.txt")"
snapshot "$work/r" > "$work/old.sha"
[ ! -e "$work/.r.tmp-$dead_pid" ] && [ ! -e "$work/r/clouds.csv.tmp-$dead_pid" ] && pass || fail "stale temporaries removed"
[ -d "$work/.r.tmp-$$" ] && pass || fail "a live process's temporary is left alone"
rmdir "$work/.r.tmp-$$"
[ ! -e "$work/r/report.html" ] && pass || fail "report.html of the old result survived"
"$moatsim" report "$work/r" -o "$work/rep.html" > /dev/null 2>&1 || fail "report beside a stale temporary"
[ ! -e "$work/rep.html.tmp-$dead_pid" ] && pass || fail "report removes its stale temporary"

# A population exported into the result, or read from it, is part of the new result.
expect_rc "export into the result" 0 "$moatsim" run "$base" "${small[@]}" --out "$work/p" --export-population "$work/p/pop.csv"
cp "$work/p/pop.csv" "$work/pop_copy.csv"
[ -f "$work/p/pop.csv" ] && [ -f "$work/p/clouds.csv" ] && pass || fail "the exported population is in the result"
expect_rc "run from a population in the result" 0 "$moatsim" run "$base" --ticks 24 --reps 1 --quiet --out "$work/p" --population "$work/p/pop.csv"
cmp -s "$work/p/pop.csv" "$work/pop_copy.csv" && pass || fail "the population the run read is kept in its result"

# Bad --out: exit 2, nothing touched.
expect_rc "run --out ''" 2 "$moatsim" run "$base" "${small[@]}" --out ''
grep -q -- "--out" "$work/err.txt" && pass || fail "--out '' message: $(cat "$work/err.txt")"
expect_rc "compare --out ''" 2 "$moatsim" compare "$base" "$alt" "${small[@]}" --out ''
printf '%s\n' 'name = "rd"' "base = \"$base\"" 'replicates = 2' 'enterprises = 2000' 'ticks = 24' \
  '[design]' 'kind = "grid"' '[[parameters]]' 'key = "clouds.AWS.silicon_discount"' \
  'values = [0.0, 0.2, 0.4]' '[[parameters]]' 'key = "globals.switch_cost_cloud"' \
  'values = [2.0, 5.0]' > "$work/sweep.toml"
expect_rc "sweep --out ''" 2 "$moatsim" sweep "$work/sweep.toml" --quiet --out ''
mkdir -p "$work/mine/sub" && echo keep > "$work/mine/notes.txt"
expect_rc "--out a directory that is not a result" 2 "$moatsim" run "$base" "${small[@]}" --out "$work/mine"
[ -f "$work/mine/notes.txt" ] && [ -d "$work/mine/sub" ] && pass || fail "a non-result directory was touched"
cd "$work/r" || exit 1
expect_rc "--out ." 2 "$moatsim" run "$base" "${small[@]}" --out .
cd - > /dev/null || exit 1
intact "--out . refused" "$work/r" "$work/old.sha"

# Sweeps: killed after a run, resumed byte-exact; a damaged row detected and recomputed.
"$moatsim" sweep "$work/sweep.toml" --quiet --out "$work/sw_full" || fail "full sweep"
MOATSIM_FAULT_AT=after_run:2 expect_rc "sweep killed after run 2" 137 "$moatsim" sweep "$work/sweep.toml" --quiet --out "$work/sw"
[ "$(wc -l < "$work/sw/runs.csv")" -eq 4 ] && pass || fail "runs 0-2 listed after the kill"
expect_rc "sweep resumed" 0 "$moatsim" sweep "$work/sweep.toml" --out "$work/sw"
cmp -s "$work/sw/sweep.csv" "$work/sw_full/sweep.csv" && pass || fail "resumed sweep.csv differs"
no_temporaries "resumed sweep" "$work/sw"
line=$(grep -n '^1,' "$work/sw/sweep.csv" | sed -n 5p | cut -d: -f1)
sed -i "${line}s/,0\.\([0-9]\)/,0.9\1/" "$work/sw/sweep.csv"
cmp -s "$work/sw/sweep.csv" "$work/sw_full/sweep.csv" && fail "the row was not damaged" || pass
"$moatsim" report "$work/sw" -o "$work/sw/report.html" > /dev/null 2>&1
expect_rc "sweep over a damaged row" 0 "$moatsim" sweep "$work/sweep.toml" --out "$work/sw"
grep -q "run 1: .*recomputing" "$work/err.txt" "$work/out.txt" && pass || fail "the damaged run is named: $(cat "$work/err.txt")"
cmp -s "$work/sw/sweep.csv" "$work/sw_full/sweep.csv" && pass || fail "recomputed sweep.csv differs"
[ "$(wc -l < "$work/sw/runs.csv")" -eq 7 ] && pass || fail "runs.csv lists each run once"
[ ! -e "$work/sw/report.html" ] && pass || fail "a report of the old sweep survived"
MOATSIM_FAULT_AT=write_error:sweep.csv expect_rc "sweep write error" 1 "$moatsim" sweep "$work/sweep.toml" --quiet --out "$work/sw2"
grep -q "sweep.csv': No space left on device" "$work/err.txt" && pass || fail "sweep write error message: $(cat "$work/err.txt")"

report_checks
