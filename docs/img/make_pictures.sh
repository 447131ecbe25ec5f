#!/usr/bin/env bash
# Regenerates the README's pictures from moatsim's own commands:
#   docs/img/report.png  headless-Chromium screenshot of `moatsim report` on a baseline run
#   docs/img/live.png    the last frame of `moatsim live` on the baseline, captured in tmux
#                        with its colours and drawn by ansi_to_html.py + headless Chromium
# Needs Debian's chromium, tmux and python3. Usage, from the repository root:
#   bash docs/img/make_pictures.sh [path/to/moatsim]   (default build/cli/moatsim)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
moatsim=$(realpath "${1:-$root/build/cli/moatsim}")
out="$root/docs/img"
work=$(mktemp -d)
sock="$work/tmux.sock"
trap 'tmux -S "$sock" kill-server 2> /dev/null || true; rm -rf "$work"' EXIT
browser=$(command -v chromium || command -v chromium-browser)

shot() {  # url png width height
  "$browser" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile" --force-device-scale-factor=1 --window-size="$3,$4" \
    --screenshot="$2" "$1" > /dev/null 2>&1
}

# The report of a real run (as in the README): 8 replicates of 20 000 enterprises, run from a
# scratch directory with relative paths, so the page shows the commands as a user types them.
ln -s "$root/scenarios" "$work/scenarios"
(cd "$work" && "$moatsim" run scenarios/baseline.toml --reps 8 --enterprises 20000 --quiet --out results/baseline \
   && "$moatsim" report results/baseline --quiet)
shot "file://$work/results/baseline/report.html" "$out/report.png" 1000 1500

# The live view: baseline replicate 0, run to its end at 10 ms a month in a 100 x 34 pane.
tmux -S "$sock" new-session -d -s live -x 100 -y 34 \
  "'$moatsim' live '$root/scenarios/baseline.toml' --enterprises 20000 --speed 10; sleep 30"
for _ in $(seq 1 600); do
  tmux -S "$sock" capture-pane -p -t live | grep -q "finished" && break
  sleep 0.1
done
tmux -S "$sock" capture-pane -e -p -t live > "$work/live.txt"
tmux -S "$sock" send-keys -t live q
python3 "$out/ansi_to_html.py" "$work/live.txt" "$work/live.html"
shot "file://$work/live.html" "$out/live.png" 930 660
echo "wrote $out/report.png and $out/live.png"
