#!/usr/bin/env bash
# Compares every CSV and scenario.resolved.toml written by tools/house_outputs.sh with two binaries (before, after):
# byte-identical (runs.csv: all but its wall_seconds column) or a list of what differs. Exit 0 when all CSVs are identical.
# Usage: tools/house_compare.sh BEFORE_BINARY AFTER_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
before=$1; after=$2; src=$3; work=$4
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work/before" "$work/after"
bash "$here/house_outputs.sh" "$before" "$src" "$work/before"
bash "$here/house_outputs.sh" "$after" "$src" "$work/after"
# FILE without the column named $1 (found by its header, wherever it is; fields hold no commas).
without_column() {
  awk -F, -v name="$1" 'BEGIN { OFS = "," }
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) drop = i }
    { out = ""; n = 0
      for (i = 1; i <= NF; i++) if (i != drop) { out = out (n++ ? "," : "") $i }
      print out }' "$2"
}
status=0 count=0
while IFS= read -r f; do
  rel=${f#"$work/before/"}
  count=$((count + 1))
  if [ "$(basename "$rel")" = runs.csv ]; then
    # A sweep's runs.csv has a wall_seconds column, a timing; every other column must match.
    if ! cmp -s <(without_column wall_seconds "$f") <(without_column wall_seconds "$work/after/$rel"); then
      echo "differs: $rel"; status=1
    fi
  elif ! cmp -s "$f" "$work/after/$rel"; then echo "differs: $rel"; status=1; fi
done < <(find "$work/before" \( -name '*.csv' -o -name '*.toml' \) | sort)
n_after=$(find "$work/after" \( -name '*.csv' -o -name '*.toml' \) | wc -l)
if [ "$n_after" -ne "$count" ]; then echo "file count differs: $count vs $n_after"; status=1; fi
echo "compared $count CSV and resolved TOML files"
exit $status
