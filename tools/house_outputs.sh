#!/usr/bin/env bash
# Writes the CSVs of run, compare and sweep for the shipped scenarios (at a small size) with
# the given moatsim binary into OUT. Run it with the binaries of two commits and compare
# the trees (tools/house_compare.sh does both) to show a change left outputs byte-identical.
# Usage: tools/house_outputs.sh MOATSIM_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
bin=$1; src=$2; out=$3
mkdir -p "$out"
common=(--threads 2 -q)
for s in "$src"/scenarios/*.toml; do
  name=$(basename "$s" .toml)
  "$bin" run "$s" --out "$out/run_$name" --enterprises 20000 --reps 3 "${common[@]}"
done
"$bin" run "$src/scenarios/baseline.toml" --out "$out/run_baseline_expected" \
  --enterprises 20000 --reps 2 --mode expected "${common[@]}"
"$bin" compare "$src/scenarios/baseline.toml" "$src/scenarios/cheap_silicon.toml" \
  --out "$out/compare_cheap" --enterprises 20000 --reps 3 "${common[@]}"
"$bin" compare "$src/scenarios/baseline.toml" "$src/scenarios/price_war.toml" \
  --out "$out/compare_price_war" --enterprises 20000 --reps 2 --mode expected "${common[@]}"
"$bin" sweep "$src/sweeps/lockin_x_silicon.toml" --out "$out/sweep_lockin" \
  --enterprises 5000 --reps 2 "${common[@]}"
