#!/usr/bin/env bash
# The benchmark table of bench/README.md: moatsim_bench on the baseline scenario for
# N = 1e5, 1e6, 1e7 enterprises, 1 and 2 threads, both modes; one replicate each.
# Ticks are fewer at large N (time per tick is what is compared); expected mode at 1e7 is
# left out (about 12 s per tick). Run from the repository root after building:
#   bash bench/run_table.sh > bench/table.md
set -euo pipefail
bench=./build/bench/moatsim_bench
echo "| mode | N | threads | ticks | set-up s | loop s | ms/tick | decisions/s | enterprise-ticks/s | bytes/enterprise |"
echo "|---|---|---|---|---|---|---|---|---|---|"
run() {  # mode N ticks threads
  local out
  out=$("$bench" --mode "$1" --enterprises "$2" --ticks "$3" --threads "$4")
  local v
  v() { echo "$out" | tr ' ' '\n' | grep "^$1=" | head -1 | cut -d= -f2; }
  echo "| $1 | $2 | $4 | $3 | $(v setup_s) | $(v loop_s) | $(v ms_per_tick) | $(v decisions_per_s) | $(v enterprise_ticks_per_s) | $(v bytes_per_enterprise) |"
}
for threads in 1 2; do
  run stochastic 100000 120 "$threads"
  run stochastic 1000000 120 "$threads"
  run stochastic 10000000 24 "$threads"
  run expected 100000 120 "$threads"
  run expected 1000000 12 "$threads"
done
