#!/usr/bin/env bash
# The rooms' layering (docs/ARCHITECTURE.md section 1): each folder includes only its own
# headers and those of the rooms below it; viz/, cli/, api/ and include/ use no TBB and run no
# simulation (threads and runs belong in experiments/); viz/ reads no file; no two source files share a name across
# folders. Usage: layout_test.sh SOURCE_DIR
set -uo pipefail
cd "$1" || exit 1
status=0
# room: the rooms it may include from (its own first)
declare -A allowed=(
  [core]="core"
  [agents]="agents core"
  [market]="market agents core"
  [io]="io market agents core"
  [experiments]="experiments io market agents core"
  [viz]="viz io market agents core"
  [distributed]="distributed experiments io market agents core"
  [classroom]="classroom viz experiments io market agents core"
  [cli]="cli distributed classroom viz experiments io market agents core"
  [api]="api moatsim experiments io market agents core"
  [include]="moatsim"
)
for room in "${!allowed[@]}"; do
  while IFS= read -r line; do
    file=${line%%:*}
    target=$(sed -E 's/.*#include "([^"/]+)\/.*/\1/' <<<"$line")
    case " ${allowed[$room]} " in
      *" $target "*) ;;
      *) echo "layering: $file includes from $target/ (allowed: ${allowed[$room]})"; status=1 ;;
    esac
  done < <(grep -rn --include='*.cpp' --include='*.hpp' -E '#include "[a-z_]+/' "$room")
done
for room in viz cli classroom api include; do
  # include/ may say in a comment that it needs no TBB; elsewhere any mention is suspect.
  pattern='tbb'; [ "$room" = include ] && pattern='#include <tbb/|tbb::'
  if grep -rn --include='*.cpp' --include='*.hpp' --include='CMakeLists.txt' -iE "$pattern" "$room"; then
    echo "$room/ must not use TBB (threads and parallel runs belong in experiments/)"; status=1
  fi
  # The headers that step, clear or calibrate a market: only experiments/ (and the rooms
  # below it) may drive them.
  if grep -rn --include='*.cpp' --include='*.hpp' -E \
      '#include "(market/(replicate|[a-z_]*step|clearing|training|cloud_supply|calibration|market_state|events)|agents/(choice|expected_choice|expected_batch|review_rule|adoption_rule|population))\.hpp"' \
      "$room"; then
    echo "$room/ must run no simulation (call a function of experiments/ instead)"; status=1
  fi
done
# viz/ draws from the structs io/ reads: it opens no file itself.
if grep -rn --include='*.cpp' --include='*.hpp' -E 'std::ifstream|fopen\(|read_csv\(|read_[a-z_]+_csv\(' viz; then
  echo "viz/ must not read files (read them with io/ and pass the structs)"; status=1
fi
dups=$(git ls-files '*.cpp' '*.hpp' ':!examples/*' 2>/dev/null | xargs -n1 basename | sort | uniq -d)
if [ -n "$dups" ]; then echo "source files sharing a name across folders: $dups"; status=1; fi
[ $status -eq 0 ] && echo "layout ok"
exit $status
