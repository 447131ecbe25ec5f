#!/usr/bin/env bash
# Reproduces every number of docs/TEACHING.md: each lesson experiment as `moatsim compare`
# with the classroom's default settings (20 000 enterprises, expected mode, one world).
# Usage, from the repository root: bash examples/teaching/lesson_numbers.sh [path/to/moatsim]
# (default build/cli/moatsim). Writes under results/teaching/ and prints each table.
set -euo pipefail
moatsim=${1:-build/cli/moatsim}
t=examples/teaching
classroom=(--mode expected --enterprises 20000 --reps 1)

compare() {  # label base alt [extra options]
  local label=$1 base=$2 alt=$3; shift 3
  echo "== $label: moatsim compare $base $alt ${classroom[*]} $*"
  "$moatsim" compare "$base" "$alt" "${classroom[@]}" --out "results/teaching/$label" "$@" 2> /dev/null \
    | grep -v '^Ran '
}

compare a_bedrock_first_party scenarios/baseline.toml $t/bedrock_first_party_2026.toml
compare a_no_optionality scenarios/baseline.toml scenarios/no_optionality.toml
compare b_low_discount $t/low_lockin_fear.toml $t/low_fear_discount.toml
compare b_baseline_discount scenarios/baseline.toml $t/baseline_fear_discount.toml
compare b_high_discount scenarios/high_lockin_fear.toml $t/high_fear_discount.toml
compare b_low_discount_ported $t/low_lockin_fear.toml $t/low_fear_discount_ported.toml
compare b_baseline_discount_ported scenarios/baseline.toml scenarios/cheap_silicon.toml
compare b_high_discount_ported scenarios/high_lockin_fear.toml $t/high_fear_discount_ported.toml
compare b_fear_itself scenarios/baseline.toml scenarios/high_lockin_fear.toml
compare c_claude_reaches_azure $t/claude_not_on_azure.toml scenarios/baseline.toml
compare c_switched_on_by_hand $t/claude_not_on_azure.toml $t/claude_on_azure_2025_11.toml
compare d_gpu_supply_halved scenarios/baseline.toml scenarios/gpu_shortage.toml
compare d_gpu_supply_tenth scenarios/baseline.toml docs/findings/cells/gpu_shortage_severe.toml
compare d_gpu_supply_tenth_utilization scenarios/baseline.toml docs/findings/cells/gpu_shortage_severe.toml --metric utilization
compare d_gpu_supply_tenth_price scenarios/baseline.toml docs/findings/cells/gpu_shortage_severe.toml --metric price

# Single months quoted in the lesson, from the CSVs written above.
month() {  # label cloud date [column: 7 = difference (default), 5 = base value]
  awk -F, -v c="$2" -v d="$3" -v col="${4:-7}" '$3 == c && $2 == d { printf "%s %s %s: %+.2f\n", FILENAME, c, d, 100 * $col }' \
    "results/teaching/$1/compare.csv"
}
echo "== single months"
for c in AWS Azure; do month a_bedrock_first_party $c 2025-01 5; month a_bedrock_first_party $c 2026-01 5; done
month a_bedrock_first_party AWS 2025-12
month a_bedrock_first_party AWS 2026-02
month a_bedrock_first_party AWS 2026-07
month a_bedrock_first_party AWS 2027-01
month c_claude_reaches_azure Azure 2025-11
month c_claude_reaches_azure Azure 2025-12
for c in AWS Azure Google Other; do month d_gpu_supply_tenth_utilization $c 2026-01 5; done
awk -F, 'NR > 1 && $7 != 0 { print "first month the tenth-supply shock moves a share: " $2; exit }' \
  results/teaching/d_gpu_supply_tenth/compare.csv
awk -F, 'NR > 1 { d = $7 < 0 ? -$7 : $7; if (d > m) { m = d; w = $3 " " $2 } } END { printf "largest price difference: $%.3f per unit (%s)\n", m, w }' \
  results/teaching/d_gpu_supply_tenth_price/compare.csv
