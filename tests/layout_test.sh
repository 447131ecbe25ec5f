#!/usr/bin/env bash
# The rooms' layering (docs/ARCHITECTURE.md section 1): each folder includes only its own
# headers and those of the rooms below it; viz/ uses no TBB (it runs no simulation); no two
# source files share a name across folders. Usage: layout_test.sh SOURCE_DIR
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
if grep -rn --include='*.cpp' --include='*.hpp' --include='CMakeLists.txt' -i 'tbb' viz; then
  echo "viz/ must not use TBB (simulation and parallel runs belong in experiments/)"; status=1
fi
dups=$(git ls-files '*.cpp' '*.hpp' ':!examples/*' 2>/dev/null | xargs -n1 basename | sort | uniq -d)
if [ -n "$dups" ]; then echo "source files sharing a name across folders: $dups"; status=1; fi
[ $status -eq 0 ] && echo "layout ok"
exit $status
