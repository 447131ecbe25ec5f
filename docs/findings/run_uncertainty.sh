#!/usr/bin/env bash
# Reproduces the "how sure are we" numbers of docs/FINDINGS.md: for each lever, the effect's
# distribution over parameter draws (moatsim uncertainty), the Sobol indices it hinges on
# (moatsim sensitivity), the sign-flip roots (docs/findings/sign_flip.py), the backtest and
# the scarcity-pricing cells. About 15 minutes on 2 idle cores. Run from the repository root
# after building: bash docs/findings/run_uncertainty.sh   (MOATSIM=path overrides the binary)
set -euo pipefail
moatsim=${MOATSIM:-./build/cli/moatsim}
out=results/findings
priors=sensitivity/optionality_priors.toml
declare -A alt=([no_optionality]=scenarios/no_optionality.toml
                [no_silicon_discount]=scenarios/no_silicon_discount.toml
                [no_custom_silicon]=scenarios/no_custom_silicon.toml
                [azure_exclusive]=scenarios/azure_exclusive.toml
                [openai_on_bedrock]=scenarios/openai_on_bedrock.toml
                [gpu_shortage_severe]=docs/findings/cells/gpu_shortage_severe.toml)
for lever in no_optionality no_silicon_discount no_custom_silicon azure_exclusive openai_on_bedrock gpu_shortage_severe; do
  p=$priors  # the silicon levers set the discount themselves: no prior on it
  case $lever in no_silicon_discount|no_custom_silicon) p=sensitivity/silicon_priors.toml ;; esac
  "$moatsim" uncertainty scenarios/baseline.toml "${alt[$lever]}" --priors "$p" --draws 64 \
    --reps 1 --enterprises 20000 --quiet --out "$out/unc_$lever"
  sa=sensitivity/$lever.toml
  [ "$lever" = no_optionality ] && sa=sensitivity/optionality.toml
  "$moatsim" sensitivity "$sa" --quiet --out "$out/sa_$lever"
done
# Scarcity pricing (docs/ODD.md D20): the baseline's late shares and the headline under it.
"$moatsim" run scenarios/scarcity_pricing.toml --quiet --out "$out/run_scarcity_pricing"
"$moatsim" compare scenarios/scarcity_pricing.toml docs/findings/cells/no_optionality_scarcity.toml \
  --reps 16 --quiet --out "$out/cell_no_optionality_scarcity"
"$moatsim" compare scenarios/scarcity_pricing.toml docs/findings/cells/no_custom_silicon_scarcity.toml \
  --reps 16 --quiet --out "$out/cell_no_custom_silicon_scarcity"
# The backtest against 2023-2025 (docs/BACKTEST.md).
"$moatsim" backtest scenarios/history_2023.toml --data data/history/ --quiet --out "$out/backtest"
python3 docs/findings/summarise_uncertainty.py "$out"
