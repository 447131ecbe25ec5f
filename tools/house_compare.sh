#!/usr/bin/env bash
# Compares every CSV written by tools/house_outputs.sh with two binaries (before, after):
# byte-identical or a list of what differs. Exit 0 when all CSVs are identical.
# Usage: tools/house_compare.sh BEFORE_BINARY AFTER_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
before=$1; after=$2; src=$3; work=$4
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work/before" "$work/after"
bash "$here/house_outputs.sh" "$before" "$src" "$work/before"
bash "$here/house_outputs.sh" "$after" "$src" "$work/after"
status=0 count=0
while IFS= read -r f; do
  rel=${f#"$work/before/"}
  count=$((count + 1))
  if ! cmp -s "$f" "$work/after/$rel"; then echo "differs: $rel"; status=1; fi
done < <(find "$work/before" -name '*.csv' | sort)
n_after=$(find "$work/after" -name '*.csv' | wc -l)
if [ "$n_after" -ne "$count" ]; then echo "CSV count differs: $count vs $n_after"; status=1; fi
echo "compared $count CSVs"
exit $status
