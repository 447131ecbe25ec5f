#!/usr/bin/env bash
# Compares the report HTML and plot SVGs two binaries (before, after) draw from the same
# output directories (those tools/house_outputs.sh wrote, e.g. WORK_DIR/before of
# tools/house_compare.sh): byte-identical or a list of what differs. Both binaries read the
# very same directories, so paths, manifests and timings in the pages are the same too.
# Every run directory is plotted with each run metric, compare and sweep directories with
# their default metric. Exit 0 when all are identical.
# Usage: tools/house_reports.sh BEFORE_BINARY AFTER_BINARY OUTPUTS_DIR WORK_DIR
set -euo pipefail
before=$1; after=$2; outputs=$3; work=$4
rm -rf "$work/reports_before" "$work/reports_after"
mkdir -p "$work/reports_before" "$work/reports_after"
run_metrics="share_workload share_revenue price capacity utilization vendor_share vendor_quality"
status=0 count=0
draw() {  # draw NAME ARGS...: both binaries, then compare their files
  local name=$1; shift
  local side bin
  for side in before after; do
    bin=$before; [ "$side" = after ] && bin=$after
    "$bin" "${@/@OUT@/$work/reports_$side/$name}" -q
  done
  count=$((count + 1))
  if ! cmp -s "$work/reports_before/$name" "$work/reports_after/$name"; then
    echo "differs: $name"; status=1
  fi
}
for dir in "$outputs"/*/; do
  dir=${dir%/}; base=$(basename "$dir")
  draw "$base.html" report "$dir" -o @OUT@
  if [ -f "$dir/summary.csv" ] && [ ! -f "$dir/compare.csv" ]; then
    for m in $run_metrics; do draw "$base.$m.svg" plot "$dir" --svg @OUT@ --metric "$m"; done
  else
    draw "$base.svg" plot "$dir" --svg @OUT@
  fi
done
echo "compared $count report and plot files"
exit $status
