#!/usr/bin/env bash
# Hostile input, end to end (issue 9, section 3): every case exits 2 with one clear message
# naming the cause, echoes no control character and no huge text, and writes nothing.
# Inputs are generated into the scratch directory: deep base chains, NUL and ESC bytes,
# huge keys, devices and FIFOs, oversized files.
set -uo pipefail
moatsim=$1
src=$2
base="$src/scenarios/baseline.toml"
# shellcheck source=tests/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"

# expect_bad description "expected text"... -- command...: exit 2, message has every text,
# stderr short (< 4 KiB) and free of control characters but newline, $work/out absent/empty.
expect_bad() {
  local what=$1; shift
  local wants=()
  while [ "$1" != "--" ]; do wants+=("$1"); shift; done
  shift
  rm -rf "$work/out"
  timeout 60 "$@" > "$work/stdout.txt" 2> "$work/err.txt" < /dev/null
  local rc=$?
  if [ $rc -ne 2 ]; then fail "$what: exit $rc, expected 2 ($(head -c 300 "$work/err.txt"))"; return; fi
  local w
  for w in "${wants[@]}"; do
    grep -qF -- "$w" "$work/err.txt" || { fail "$what: message lacks '$w': $(head -c 600 "$work/err.txt")"; return; }
  done
  if [ "$(wc -c < "$work/err.txt")" -gt 4096 ]; then fail "$what: message of $(wc -c < "$work/err.txt") bytes"; return; fi
  if LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\n' < "$work/err.txt"); then
    fail "$what: control character in the message: $(cat -v "$work/err.txt" | head -c 300)"; return; fi
  if [ -d "$work/out" ] && [ -n "$(ls -A "$work/out")" ]; then
    fail "$what: wrote $(ls "$work/out")"; return; fi
  pass
}

run=(run --ticks 12 --reps 1 --enterprises 2000 --quiet --out "$work/out")
# The baseline with its name line replaced by $1 (a TOML line).
named() { sed "s|^name = .*|$1|" "$base" > "$work/named.toml"; echo "$work/named.toml"; }

# --- base chains: 64 files are fine, 65 are refused with the chain named; cycles too.
cp "$base" "$work/l0.toml"
for i in $(seq 1 200); do printf 'base = "l%d.toml"\nname = "l%d"\n' $((i - 1)) "$i" > "$work/l$i.toml"; done
"$moatsim" validate "$work/l63.toml" > /dev/null 2>&1 && pass || fail "a chain of 64 files validates"
expect_bad "65-level base chain" "chain deeper than 64" "l64.toml" "l0.toml" -- "$moatsim" validate "$work/l64.toml"
expect_bad "200-level base chain" "chain deeper than 64" -- "$moatsim" validate "$work/l200.toml"
printf 'base = "cy2.toml"\nname = "cy1"\n' > "$work/cy1.toml"
printf 'base = "cy1.toml"\nname = "cy2"\n' > "$work/cy2.toml"
expect_bad "base cycle" "inheritance cycle" "cy1.toml" -- "$moatsim" validate "$work/cy1.toml"

# --- files that are not regular, or too large, are refused before reading.
mkfifo "$work/fifo.toml"
expect_bad "/dev/zero scenario" "/dev/zero" "not a regular file" -- "$moatsim" validate /dev/zero
expect_bad "FIFO scenario" "fifo.toml" "not a regular file" -- "$moatsim" validate "$work/fifo.toml"
expect_bad "directory scenario" "Is a directory" -- "$moatsim" validate "$work"
printf 'base = "/dev/zero"\nname = "z"\n' > "$work/zbase.toml"
expect_bad "/dev/zero base" "zbase.toml:1" "base" "not a regular file" -- "$moatsim" validate "$work/zbase.toml"
truncate -s 65M "$work/huge.toml"
expect_bad "65 MiB scenario" "the limit is 67108864" -- "$moatsim" validate "$work/huge.toml"
printf 'name = "s"\nbase = "/dev/zero"\n[design]\nkind = "grid"\n[[parameters]]\nkey = "globals.bass_p"\nvalues = [0.01]\n' > "$work/sweep_zero.toml"
expect_bad "sweep with /dev/zero base" "not a regular file" -- "$moatsim" sweep "$work/sweep_zero.toml" --out "$work/out"
expect_bad "/dev/zero sweep" "not a regular file" -- "$moatsim" sweep /dev/zero --out "$work/out"
expect_bad "/dev/zero population" "population file" "not a regular file" -- \
  "$moatsim" run "$base" --population /dev/zero --ticks 12 --reps 1 --quiet --out "$work/out"
expect_bad "FIFO population" "not a regular file" -- \
  "$moatsim" run "$base" --population "$work/fifo.toml" --ticks 12 --reps 1 --quiet --out "$work/out"

# --- names and ids with control characters (TOML escapes) or invalid UTF-8.
expect_bad "ESC in the scenario name" "U+001B" "name" -- "$moatsim" "${run[@]}" "$(named 'name = "a\\u001b[31mb"')"
expect_bad "NUL in the scenario name" "U+0000" -- "$moatsim" "${run[@]}" "$(named 'name = "a\\u0000b"')"
expect_bad "DEL in the scenario name" "U+007F" -- "$moatsim" validate "$(named 'name = "a\\u007f"')"
sed 's/^\[clouds\.AWS\]/["clouds"."A\\u0007WS"]/' "$base" > "$work/cloud.toml"
expect_bad "BEL in a cloud name" "U+0007" "cloud name" -- "$moatsim" validate "$work/cloud.toml"
{ cat "$base"; printf '[[events]]\nid = "x\\u001b"\ndate = "2025-03"\nkind = "gpu_shock"\nfactor = 1.0\nmonths = 1\n'; } > "$work/event.toml"
expect_bad "ESC in an event id" "U+001B" "event id" -- "$moatsim" validate "$work/event.toml"
{ printf 'name = "\xff\xfe"\n'; tail -n +2 "$base"; } > "$work/utf8.toml"
expect_bad "invalid UTF-8 in a name" "utf8.toml" -- "$moatsim" validate "$work/utf8.toml"

# --- echoes are cut and escaped: a 10 MB key, a NUL in an unknown key.
python3 - "$base" "$work/bigkey.toml" <<'PY'
import sys
text = open(sys.argv[1]).read()
open(sys.argv[2], "w").write(text.replace("[globals]", "[globals]\n" + "k" * 10_000_000 + " = 1", 1))
PY
expect_bad "10 MB unknown key" "unknown key" "bytes)" -- "$moatsim" validate "$work/bigkey.toml"
sed 's/^\[globals\]/[globals]\n"ke\\u0000y" = 1/' "$base" > "$work/nulkey.toml"
expect_bad "NUL in an unknown key" 'ke\x00y' -- "$moatsim" validate "$work/nulkey.toml"

# --- options: no prefix guessing, no negative seed.
expect_bad "--thread guessed" "unrecognised option '--thread'" -- "$moatsim" "${run[@]}" --thread 2 "$base"
expect_bad "--o guessed" "unrecognised option '--o'" -- "$moatsim" run "$base" --o "$work/out"
expect_bad "--q guessed" "unrecognised option '--q'" -- "$moatsim" "${run[@]}" --q "$base"
expect_bad "--seed -1" "--seed" "got '-1'" -- "$moatsim" "${run[@]}" --seed -1 "$base"
expect_bad "compare --thread" "unrecognised option '--thread'" -- "$moatsim" compare "$base" "$base" --thread 2 --out "$work/out"
"$moatsim" run "$base" --ticks 12 --reps 1 --enterprises 2000 -q --out "$work/out" > /dev/null 2>&1 && pass || fail "short option -q still works"
rm -rf "$work/out"

# --- memory: an impossible population is refused before allocating, with the numbers.
expect_bad "2^63-1 enterprises" "bytes per enterprise" "available" "9223372036854775807" -- \
  "$moatsim" run "$base" --enterprises 9223372036854775807 --ticks 12 --reps 1 --quiet --out "$work/out"

# --- misleading messages made plain.
sed 's/^replicates = .*/replicates = 1e12/' "$base" > "$work/reps.toml"
expect_bad "replicates = 1e12" "2147483647" -- "$moatsim" validate "$work/reps.toml"
sed 's/^start = .*/start = "9995-01"/' "$base" > "$work/late.toml"
expect_bad "horizon past 9999" "9999-12" -- "$moatsim" validate "$work/late.toml" --ticks 100
expect_bad "one enterprise, none adopted" "none of the 1 enterprises is adopted" -- \
  "$moatsim" run "$base" --enterprises 1 --ticks 12 --reps 1 --quiet --out "$work/out"
"$moatsim" run "$base" --ticks 12 --reps 1 --enterprises 500 --quiet --out "$work/pop_run" \
  --export-population "$work/pop.csv" > /dev/null 2>&1
awk -F, 'BEGIN { OFS = "," } NR > 1 { $NF = 0 } { print }' "$work/pop.csv" > "$work/pop0.csv"
expect_bad "population file with no adopter" "none of the 500 enterprises is adopted" "adopted column" -- \
  "$moatsim" run "$base" --population "$work/pop0.csv" --ticks 12 --reps 1 --quiet --out "$work/out"
awk -F, 'BEGIN { OFS = "," } NR == 2 { $2 = "1e308" } { print }' "$work/pop.csv" > "$work/pop_big.csv"
expect_bad "population value 1e308" "pop_big.csv:2" "out of range" -- \
  "$moatsim" run "$base" --population "$work/pop_big.csv" --ticks 12 --reps 1 --quiet --out "$work/out"

# --- report and plot never overwrite what they read.
"$moatsim" run "$base" --ticks 12 --reps 1 --enterprises 2000 --quiet --out "$work/res" > /dev/null 2>&1
before=$(sha256sum "$work/res/summary.csv")
expect_bad "report -o summary.csv" "same file" -- "$moatsim" report "$work/res" -o "$work/res/summary.csv"
ln "$work/res/clouds.csv" "$work/link.csv"
expect_bad "plot --svg hard link to clouds.csv" "same file" -- "$moatsim" plot "$work/res" --svg "$work/link.csv"
expect_bad "plot --svg the directory" "directory" -- "$moatsim" plot "$work/res" --svg "$work/res/."
[ "$before" = "$(sha256sum "$work/res/summary.csv")" ] && pass || fail "summary.csv changed"

report_checks
