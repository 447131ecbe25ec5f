#!/usr/bin/env bash
# Seed corpora for the fuzz targets: the shipped scenarios and sweeps, and the files a tiny
# `moatsim run`, `compare` and `sweep` write (results CSVs, manifest.json, an exported
# population, resolved scenarios). Usage: make_corpus.sh MOATSIM_BINARY OUT_DIR
# Makes OUT_DIR/<target>/ for each target; existing files are kept (libFuzzer adds to them).
set -euo pipefail
moatsim=$(realpath "$1")
out=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"/{fuzz_scenario,fuzz_population_csv,fuzz_json,fuzz_results_csv}
out=$(realpath "$out")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Scenarios: each file alone, and each inheriting file joined to its base in the target's
# input format (child, the line "#%% base.toml", base) with `base` pointing at base.toml.
seed_scenario() {  # FILE NAME
  local file=$1 name=$2 base
  cp "$file" "$out/fuzz_scenario/$name"
  base=$(sed -n 's/^base *= *"\(.*\)".*/\1/p' "$file" | head -1)
  [ -n "$base" ] || return 0
  { sed 's/^base *= *".*"/base = "base.toml"/' "$file"
    printf '\n#%%%% base.toml\n'
    sed '/^base *=/d' "$(dirname "$file")/$base"; } > "$out/fuzz_scenario/with_base_$name"
}
for f in "$src"/scenarios/*.toml "$src"/sweeps/*.toml; do
  seed_scenario "$f" "$(basename "$(dirname "$f")")_$(basename "$f")"
done

# A tiny run, compare and sweep (few enterprises and replicates), for the files they write.
# The full horizon: every shipped scenario has events up to its last years.
tiny=(--enterprises 200 --reps 2 --threads 1 -q)
"$moatsim" run "$src/scenarios/baseline.toml" "${tiny[@]}" --out "$work/run" \
  --export-population "$work/population.csv"
"$moatsim" compare "$src/scenarios/baseline.toml" "$src/scenarios/no_optionality.toml" \
  "${tiny[@]}" --out "$work/compare"
sed -e 's/^replicates = .*/replicates = 2/' -e 's/^enterprises = .*/enterprises = 200/' \
    -e 's/values = \[0.25, 0.5, 1.0, 2.0, 4.0\]/values = [0.5, 2.0]/' \
    -e 's/values = \[0.0, 0.15, 0.30, 0.45, 0.60\]/values = [0.0, 0.3]/' \
    -e "s|^base = .*|base = \"$src/scenarios/baseline.toml\"|" \
    "$src/sweeps/lockin_x_silicon.toml" > "$work/sweep.toml"
"$moatsim" sweep "$work/sweep.toml" --threads 1 -q --out "$work/sweep"

for d in run compare sweep; do
  for f in "$work/$d"/*.csv; do cp "$f" "$out/fuzz_results_csv/${d}_$(basename "$f")"; done
  for f in "$work/$d"/*.json; do [ -e "$f" ] && cp "$f" "$out/fuzz_json/${d}_$(basename "$f")"; done
  for f in "$work/$d"/*.toml; do [ -e "$f" ] && cp "$f" "$out/fuzz_scenario/${d}_$(basename "$f")"; done
done
# The exported population, and a few rows of it (small seeds mutate faster).
cp "$work/population.csv" "$out/fuzz_population_csv/population.csv"
head -4 "$work/population.csv" > "$out/fuzz_population_csv/population_3_rows.csv"
# Result CSVs cut to a few rows, for the same reason.
for f in "$out"/fuzz_results_csv/*.csv; do
  case $f in *_head.csv) continue ;; esac
  head -6 "$f" > "${f%.csv}_head.csv"
done
# JSON beyond manifests: escapes, nesting, numbers.
printf '%s\n' '{"a": [1, -2.5e+3, true, false, null], "b": {"c": "\u00e9\n\"x\""}}' \
  > "$out/fuzz_json/mixed.json"
printf '%s' '[[[[[[[[[[]]]]]]]]]]' > "$out/fuzz_json/nested.json"
printf '%s' '"\ud83d\ude00"' > "$out/fuzz_json/surrogates.json"
for t in fuzz_scenario fuzz_population_csv fuzz_json fuzz_results_csv; do
  echo "$t: $(ls "$out/$t" | wc -l) seeds"
done
