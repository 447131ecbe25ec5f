#!/usr/bin/env bash
# Reproduces every number in docs/FINDINGS.md (about 30 seconds on 2 cores). Run from the
# repository root after building: bash docs/findings/run_all.sh
set -euo pipefail
moatsim=./build/cli/moatsim
out=results/findings
for alt in no_optionality no_custom_silicon no_silicon_discount cheap_silicon azure_exclusive anthropic_exclusive \
           openai_on_bedrock gpu_shortage high_lockin_fear low_switching_costs \
           open_weights_catch_up price_war; do
  "$moatsim" compare scenarios/baseline.toml "scenarios/$alt.toml" --reps 16 --quiet \
    --out "$out/$alt"
done
"$moatsim" sweep sweeps/lockin_x_silicon.toml --quiet --out "$out/lockin_x_silicon"
# Paired checks of sweep cells, and a GPU shortage that binds (docs/findings/cells/).
for fear in 0.25 4; do
  "$moatsim" compare "docs/findings/cells/fear_$fear.toml" \
    "docs/findings/cells/fear_${fear}_no_discount.toml" --reps 16 --quiet --out "$out/cell_fear_$fear"
done
"$moatsim" compare scenarios/baseline.toml docs/findings/cells/gpu_shortage_severe.toml \
  --reps 16 --quiet --out "$out/cell_gpu_severe"
python3 docs/findings/summarise.py "$out"
