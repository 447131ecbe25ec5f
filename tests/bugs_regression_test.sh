#!/usr/bin/env bash
# End-to-end regressions for issue 9 section 4 ("bugs found"), each failing on the code
# before the fix:
#  - a population exported from the baseline runs with a scenario that inherits from it;
#  - `compare` prints every metric in its own unit, columns never running together;
#  - a horizon shorter than a scenario's events runs (run, compare, sweep, validate, live),
#    the skipped events named in the log and in manifest.json; an event before the start fails;
#  - manifest.json holds numbers as numbers, the compiler, build flags and kernel;
#  - a partial sweep's report says how many runs are missing; report and plot refuse CSVs
#    that end before the scenario's horizon.
set -uo pipefail
moatsim=$1
src=$2
base="$src/scenarios/baseline.toml"
# shellcheck source=tests/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"

ok() {  # description, command...: exit 0 (stdout in $work/out.txt, stderr in $work/err.txt,
        # both in $work/log.txt: spdlog's default logger writes to stdout)
  local what=$1; shift
  if "$@" > "$work/out.txt" 2> "$work/err.txt"; then pass; else
    fail "$what: exit $? ($(head -c 400 "$work/err.txt"))"; fi
  cat "$work/out.txt" "$work/err.txt" > "$work/log.txt"
}
has() {  # description, file, fixed text
  grep -qF -- "$3" "$2" && pass || fail "$1: '$3' not in $(head -c 600 "$2")"
}
exits2() {  # description, expected text, command...: exit 2 with the text in the message
  local what=$1 want=$2; shift 2
  "$@" > "$work/out.txt" 2> "$work/err.txt"
  local rc=$?
  [ $rc -eq 2 ] && pass || fail "$what: exit $rc, expected 2 ($(head -c 400 "$work/err.txt"))"
  has "$what" "$work/err.txt" "$want"
}

small=(--enterprises 2000 --reps 1 --quiet)

# 1. --population with an inheriting scenario (calibrate = "base" on the root's vendors).
# (12 ticks: every baseline event is within the horizon, so only the population is tested.)
ok "export baseline population" "$moatsim" run "$base" "${small[@]}" --ticks 12 --out "$work/a" --export-population "$work/pop.csv"
ok "inheriting scenario with --population" "$moatsim" run "$src/scenarios/no_optionality.toml" --population "$work/pop.csv" --ticks 12 --reps 1 --quiet --out "$work/inh"
[ -s "$work/inh/clouds.csv" ] && pass || fail "inheriting scenario with --population wrote clouds.csv"

# 2. compare prints each metric in its own unit, and columns stay apart.
for metric in price revenue_usage share_workload; do
  ok "compare --metric $metric" "$moatsim" compare "$base" "$src/scenarios/no_optionality.toml" --metric "$metric" --enterprises 2000 --ticks 40 --reps 2 --out "$work/cmp_$metric"
  cp "$work/out.txt" "$work/cmp_$metric.txt"
done
has "compare price: unit" "$work/cmp_price.txt" "in price (\$ per compute unit)"
grep -q "percentage points" "$work/cmp_price.txt" && fail "compare price labelled percentage points" || pass
has "compare revenue_usage: unit" "$work/cmp_revenue_usage.txt" "in revenue_usage (\$ / month)"
has "compare share: unit" "$work/cmp_share_workload.txt" "in share_workload (percentage points)"
# The printed price difference is compare.csv's diff (in $), not 100 times it.
awk -F, '$1==12 && $3=="AWS" { printf "%+.2f\n", $7 }' "$work/cmp_price/compare.csv" > "$work/aws_price.txt"
has "compare price: the AWS value is compare.csv's" "$work/cmp_price.txt" "$(cat "$work/aws_price.txt")"
# Columns never run together: "]" or "]*" is followed by at least two spaces or the line end.
if grep -E '\]([^ *]|\*[^ ]| [^ ]|\* [^ ])' "$work/cmp_revenue_usage.txt" > /dev/null; then
  fail "compare revenue_usage: columns run together: $(cat "$work/cmp_revenue_usage.txt")"; else pass; fi

# 3. A horizon shorter than the scenario's events: skipped, said, and recorded.
ok "run with events past --ticks" "$moatsim" run "$src/scenarios/openai_on_bedrock.toml" "${small[@]}" --ticks 12 --out "$work/short"
has "run: skipped event logged" "$work/log.txt" "past the horizon 2026-01"
has "run: skipped event named" "$work/log.txt" "2026-04 catalog_add [openai_bedrock]"
has "run: skipped event in manifest" "$work/short/manifest.json" '{"scenario": "scenario", "id": "openai_bedrock", "date": "2026-04", "kind": "catalog_add"}'
ok "report on a short run" "$moatsim" report "$work/short" --quiet
has "report: skipped events in the facts" "$work/short/report.html" "2026-04 catalog_add [openai_bedrock]"
has "report: build facts" "$work/short/report.html" "kernel on "
ok "resolved scenario of a short run" "$moatsim" run "$work/short/scenario.resolved.toml" --quiet --out "$work/short_again"
for f in clouds.csv vendors.csv market.csv summary.csv; do
  cmp -s "$work/short/$f" "$work/short_again/$f" && pass || fail "resolved toml of a short run: $f differs"
done
has "resolved toml keeps the skipped event" "$work/short/scenario.resolved.toml" 'id = "openai_bedrock"'
ok "live with events past --ticks" "$moatsim" live "$base" --ticks 3 --plain --enterprises 2000
has "live: skipped events logged" "$work/log.txt" "past the horizon 2025-04"
ok "validate with events past --ticks" "$moatsim" validate "$base" --ticks 3
has "validate: lists skipped events" "$work/out.txt" "event(s) past the horizon 2025-04"
ok "compare with events past --ticks" "$moatsim" compare "$base" "$src/scenarios/openai_on_bedrock.toml" --enterprises 2000 --ticks 12 --reps 1 --quiet --out "$work/cmp_short"
has "compare: alt's skipped event in manifest" "$work/cmp_short/manifest.json" '{"scenario": "alt", "id": "openai_bedrock", "date": "2026-04"'
printf '%s\n' 'name = "short"' "base = \"$src/scenarios/openai_on_bedrock.toml\"" 'replicates = 1' 'enterprises = 2000' \
  'ticks = 6' '[design]' 'kind = "grid"' '[[parameters]]' 'key = "clouds.AWS.silicon_discount"' \
  'values = [0.1, 0.3]' > "$work/short_sweep.toml"
ok "sweep with events past the horizon" "$moatsim" sweep "$work/short_sweep.toml" --quiet --out "$work/sw_short"
has "sweep: skipped event logged" "$work/log.txt" "2026-04 catalog_add [openai_bedrock]"
has "sweep: skipped event in manifest" "$work/sw_short/manifest.json" '"id": "openai_bedrock"'
sed '0,/^date *= *"2026-04"/s//date = "2024-12"/' "$src/scenarios/openai_on_bedrock.toml" > "$work/early.toml"
sed -i "s|^base *= *\"\([^\"]*\)\"|base = \"$src/scenarios/\1\"|" "$work/early.toml"
exits2 "event before the start" "before the start date 2025-01" "$moatsim" run "$work/early.toml" "${small[@]}" --out "$work/bad"
has "event before the start: names the file" "$work/err.txt" "early.toml"

# 4. manifest.json: numbers as numbers, build facts, the kernel's instruction set.
python3 - "$work/a/manifest.json" "$work/cmp_price/manifest.json" "$work/sw_short/manifest.json" <<'PY' && pass || fail "manifest.json content"
import json, sys
for path in sys.argv[1:]:
    m = json.load(open(path))
    for key in ("replicates",):
        assert type(m[key]) is int, (path, key, m[key])
    assert m["compiler"].split()[0] in ("GNU", "Clang"), (path, m["compiler"])
    assert len(m["compiler"].split()) == 2, m["compiler"]
    assert m["build_type"] in ("Release", "RelWithDebInfo", "Debug", "MinSizeRel", "none"), (path, m["build_type"])
    assert isinstance(m["build_flags"], str), (path, m["build_flags"])
    assert m["kernel"] in ("fast", "reference"), m["kernel"]
    assert m["instruction_set"] in ("AVX-512", "AVX2", "SSE2"), m["instruction_set"]
    assert isinstance(m["skipped_events"], list)
m = json.load(open(sys.argv[1]))
assert m["enterprises"] == 2000 and m["replicates"] == 1, m
m = json.load(open(sys.argv[3]))
assert type(m["runs"]) is int and m["runs"] == 2 and type(m["runs_resumed"]) is int, m
PY
ok "validate names the instruction set" "$moatsim" validate "$base"
grep -Eq "fast \((AVX-512|AVX2|SSE2)\) kernel" "$work/out.txt" && pass || fail "validate: kernel instruction set: $(grep kernel "$work/out.txt")"
ok "run --kernel reference" "$moatsim" run "$base" "${small[@]}" --ticks 2 --kernel reference --out "$work/ref"
has "reference kernel in manifest" "$work/ref/manifest.json" '"kernel": "reference"'
ok "report reads the new manifest" "$moatsim" report "$work/a" -o "$work/a_report.html" --quiet

# 5. Partial sweeps say what is missing; report and plot refuse CSVs cut before the horizon.
ok "run to cut" "$moatsim" run "$base" --enterprises 2000 --reps 2 --ticks 12 --quiet --out "$work/cut"
cp -r "$work/cut" "$work/cut_summary"
head -n -8 "$work/cut/summary.csv" > "$work/s.csv" && mv "$work/s.csv" "$work/cut_summary/summary.csv"
exits2 "report: summary.csv cut short" "summary.csv: ends before the horizon" "$moatsim" report "$work/cut_summary" -o "$work/bad.html"
has "report: last tick found vs expected" "$work/err.txt" "is 10 (2025-11), expected 12 (2026-01)"
exits2 "plot: summary.csv cut short" "summary.csv: ends before the horizon" "$moatsim" plot "$work/cut_summary" --svg "$work/bad.svg"
[ -e "$work/bad.svg" ] || [ -e "$work/bad.html" ] && fail "short CSV: a chart or report was written" || pass
cp -r "$work/cut" "$work/cut_clouds"
head -n -3 "$work/cut/clouds.csv" > "$work/c.csv" && mv "$work/c.csv" "$work/cut_clouds/clouds.csv"
exits2 "plot: clouds.csv cut short" "clouds.csv: " "$moatsim" plot "$work/cut_clouds" --metric price --svg "$work/bad.svg"
has "plot: clouds.csv cut short says incomplete" "$work/err.txt" "incomplete"
cp -r "$work/cmp_price" "$work/cut_cmp"
head -n -5 "$work/cmp_price/compare.csv" > "$work/cut_cmp/compare.csv"
exits2 "report: compare.csv cut short" "compare.csv: ends before the horizon" "$moatsim" report "$work/cut_cmp" -o "$work/bad.html"
# A sweep missing its last run (as a killed sweep leaves it) is reported, saying so.
cp -r "$work/sw_short" "$work/sw_partial"
awk -F, 'NR == 1 || $1 != 1' "$work/sw_short/sweep.csv" > "$work/sw_partial/sweep.csv"
awk -F, 'NR == 1 || $1 != 1' "$work/sw_short/runs.csv" > "$work/sw_partial/runs.csv"
ok "report on a partial sweep" "$moatsim" report "$work/sw_partial" --quiet
has "partial sweep: missing runs said" "$work/sw_partial/report.html" "1 of the 2 planned runs are missing"
head -n -4 "$work/sw_short/sweep.csv" > "$work/sw_partial/sweep.csv"
exits2 "report: sweep.csv cut short" "ends before the horizon" "$moatsim" report "$work/sw_partial" -o "$work/bad.html"
has "report: sweep.csv cut short names the file" "$work/err.txt" "sweep.csv: run 1"

report_checks
