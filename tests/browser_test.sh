#!/usr/bin/env bash
# `moatsim report` pages in a real browser (headless Chromium, Debian package chromium):
#  - no console message (errors, failed loads reported to the console, uncaught exceptions);
#  - nothing fetched: the page's resource timing lists no entry (no image, font, style sheet
#    or script), with name resolution switched off so nothing could be fetched anyway;
#  - every chart lays out at a real size, and a screenshot shows the first chart's pixels
#    (not blank: lines and bands in the Okabe-Ito colours).
# Exits 77 (ctest: skipped) when chromium is not installed.
set -uo pipefail
moatsim=$1
src=$2
browser=""
for b in chromium chromium-browser; do command -v "$b" > /dev/null && { browser=$b; break; }; done
if [ -z "$browser" ]; then
  echo "SKIP: headless browser test (chromium is not installed; Debian package chromium)"
  exit 77
fi
py=""
for p in /usr/bin/python3 python3; do command -v "$p" > /dev/null && { py=$p; break; }; done
[ -n "$py" ] || { echo "SKIP: headless browser test (no python3)"; exit 77; }
# shellcheck source=tests/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"

# chrome log-file url [flags...]: headless Chromium with console messages logged to log-file.
chrome() {
  local log=$1 url=$2; shift 2
  timeout 90 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-sync \
    --disable-background-networking --disable-component-update --disable-default-apps \
    --user-data-dir="$work/profile" --host-resolver-rules="MAP * ~NOTFOUND" \
    --force-device-scale-factor=1 --hide-scrollbars --window-size=1000,1600 \
    --enable-logging=stderr --v=0 "$@" "$url" 2> "$log"
}
no_console() {  # what log-file: Chromium logs page console output as INFO:CONSOLE lines
  if grep -q 'CONSOLE\|Uncaught' "$2"; then fail "$1: console messages: $(grep 'CONSOLE\|Uncaught' "$2" | head -5)"; else pass; fi
}
# probe what html expected-charts: a copy of the page with a script appended (the page
# itself has none) that, once loaded, writes into the DOM what the page refers to (resource
# loads; elements with src, href or xlink:href; CSS url(), @import, @font-face), the charts'
# laid-out sizes and the first chart's box.
probe() {
  "$py" -c 'import sys; page, script = open(sys.argv[1]).read(), open(sys.argv[2]).read()
sys.stdout.write(page.replace("</body>", "<script>" + script + "</script></body>"))' "$2" "$work/probe.js" > "$work/probe.html"
  chrome "$work/probe.log" "file://$work/probe.html" --dump-dom > "$work/probe.dom"
  grep -o 'data-probe="[^"]*"' "$work/probe.dom" | sed 's/data-probe="//; s/"$//' > "$work/probe.txt"
  [ -s "$work/probe.txt" ] || { fail "$1: the probe did not run: $(head -c 300 "$work/probe.log")"; return 1; }
  read -r loads charts sized fx fy fw fh rest < "$work/probe.txt"
  [ "$loads" -eq 0 ] && pass || fail "$1: the page loaded $loads resource(s): $rest"
  [ "$charts" -ge "$3" ] && [ "$sized" -eq "$charts" ] && pass \
    || fail "$1: $charts chart(s) (expected $3), $sized laid out at a real size"
}

cat > "$work/probe.js" <<'JS'
addEventListener("load", () => {
  const refs = performance.getEntriesByType("resource").map(e => e.name);
  for (const e of document.querySelectorAll("[src],[href],[srcset],link,iframe,object,embed"))
    if (e !== document.currentScript) refs.push(e.outerHTML.slice(0, 80));
  for (const e of document.getElementsByTagNameNS("*", "*"))
    if (e.getAttributeNS("http://www.w3.org/1999/xlink", "href")) refs.push(e.tagName + " xlink:href");
  for (const sheet of document.styleSheets)
    for (const rule of sheet.cssRules)
      if (/url\(|@import|@font-face/.test(rule.cssText)) refs.push(rule.cssText.slice(0, 80));
  const boxes = [...document.querySelectorAll("figure svg")].map(e => e.getBoundingClientRect());
  const f = boxes.length ? boxes[0] : {x: 0, y: 0, width: 0, height: 0};
  const sized = boxes.filter(b => b.width > 300 && b.height > 150).length;
  document.body.setAttribute("data-probe", [refs.length, boxes.length, sized, Math.round(f.x), Math.round(f.y),
    Math.round(f.width), Math.round(f.height)].join(" ") + " " + refs.join(" | "));
});
JS

small=(--enterprises 3000 --ticks 24 --quiet)
"$moatsim" run "$src/scenarios/baseline.toml" "${small[@]}" --reps 3 --out "$work/run" || fail "moatsim run"
"$moatsim" compare "$src/scenarios/baseline.toml" "$src/scenarios/no_optionality.toml" "${small[@]}" --reps 3 --out "$work/cmp" \
  || fail "moatsim compare"
printf '%s\n' 'name = "tiny"' "base = \"$src/scenarios/baseline.toml\"" 'replicates = 2' 'enterprises = 2000' \
  'ticks = 12' '[design]' 'kind = "grid"' '[[parameters]]' 'key = "clouds.AWS.silicon_discount"' \
  'values = [0.0, 0.3]' '[[parameters]]' 'key = "globals.switch_cost_cloud"' 'values = [2.0, 5.0]' > "$work/tiny.toml"
"$moatsim" sweep "$work/tiny.toml" --quiet --out "$work/sweep" || fail "moatsim sweep"
for d in run cmp sweep; do "$moatsim" report "$work/$d" --quiet || fail "moatsim report $d"; done

# The run report: console, resources, layout, then a screenshot of the page as it is.
if probe "run report" "$work/run/report.html" 7; then
  no_console "run report (probe)" "$work/probe.log"
  chrome "$work/shot.log" "file://$work/run/report.html" --screenshot="$work/shot.png" > /dev/null
  no_console "run report" "$work/shot.log"
  if [ -s "$work/shot.png" ] && [ "$fy" -lt 1500 ]; then
    # Inside the first chart's box, clear of its frame; at least 1600 px tall in the window.
    h=$(( fh < 1590 - fy ? fh : 1590 - fy ))
    read -r total non_white coloured < <("$py" "$src/tests/png_pixels.py" "$work/shot.png" $((fx + 4)) $((fy + 4)) $((fw - 8)) $((h - 8)))
    echo "first chart: $total pixels, $non_white non-white, $coloured coloured"
    [ "$total" -gt 100000 ] && [ $((non_white * 100)) -gt $((total * 5)) ] && [ "$coloured" -gt 3000 ] && pass \
      || fail "run report: the first chart looks blank ($non_white of $total non-white, $coloured coloured)"
  else
    fail "run report: no screenshot, or the first chart is below the window (y = $fy): $(head -c 300 "$work/shot.log")"
  fi
fi
probe "compare report" "$work/cmp/report.html" 1 && no_console "compare report" "$work/probe.log"
probe "sweep report" "$work/sweep/report.html" 3 && no_console "sweep report" "$work/probe.log"

report_checks
