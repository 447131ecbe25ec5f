#!/usr/bin/env bash
# The lesson of docs/TEACHING.md still holds: every scenario in examples/teaching/ loads, the
# wrappers listed for `moatsim serve --scenarios examples/teaching` equal the files they wrap,
# Claude switched on by hand in 2025-11 equals the baseline, and the Trainium discount with
# porting helps AWS at low lock-in fear and hurts it at high fear (the signs the lesson
# teaches). Classroom settings (expected mode, 20 000 enterprises), a short horizon.
set -uo pipefail
moatsim=$1
src=$2
t="$src/examples/teaching"
# shellcheck source=tests/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"
classroom=(--mode expected --enterprises 20000 --reps 1 --quiet --ticks 12)

for f in "$t"/*.toml; do
  "$moatsim" validate "$f" > "$work/out.txt" 2>&1 && pass || fail "validate $(basename "$f"): $(head -c 400 "$work/out.txt")"
done

# compare label base alt: runs, then $work/label/compare.csv holds the paired differences.
compare() {
  "$moatsim" compare "$2" "$3" "${classroom[@]}" --out "$work/$1" > "$work/out.txt" 2>&1 \
    && pass || fail "compare $1: $(head -c 400 "$work/out.txt")"
}
# all_zero label: every paired difference is exactly 0.
all_zero() {
  local n
  n=$(awk -F, 'NR > 1 && $7 != 0' "$work/$1/compare.csv" | wc -l)
  [ -s "$work/$1/compare.csv" ] && [ "$n" -eq 0 ] && pass || fail "$1: $n differences are not 0"
}
# aws_at label tick: AWS's difference in points at the tick.
aws_at() { awk -F, -v t="$2" 'NR > 1 && $1 == t && $3 == "AWS" { printf "%.4f", 100 * $7 }' "$work/$1/compare.csv"; }

compare wrap_baseline "$src/scenarios/baseline.toml" "$t/baseline.toml" && all_zero wrap_baseline
compare wrap_fear "$src/scenarios/high_lockin_fear.toml" "$t/high_lockin_fear.toml" && all_zero wrap_fear
compare by_hand "$src/scenarios/baseline.toml" "$t/claude_on_azure_2025_11.toml" && all_zero by_hand

compare low "$t/low_lockin_fear.toml" "$t/low_fear_discount_ported.toml"
compare high "$src/scenarios/high_lockin_fear.toml" "$t/high_fear_discount_ported.toml"
low=$(aws_at low 12) high=$(aws_at high 12)
awk -v d="$low" 'BEGIN { exit !(d > 1) }' && pass || fail "low fear: discount and porting should add > 1 point to AWS, got '$low'"
awk -v d="$high" 'BEGIN { exit !(d < -1) }' && pass || fail "high fear: discount and porting should cost AWS > 1 point, got '$high'"

compare bedrock "$src/scenarios/baseline.toml" "$t/bedrock_first_party_2026.toml"
before=$(aws_at bedrock 11) at=$(aws_at bedrock 12)
awk -v b="$before" -v a="$at" 'BEGIN { exit !(b == 0 && a < 0) }' && pass \
  || fail "Bedrock's third-party models removed in 2026-01: AWS unchanged before ($before), lower at once ($at)"

report_checks
