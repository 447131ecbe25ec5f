#!/usr/bin/env bash
# The benchmark table of bench/README.md: moatsim_bench on the baseline scenario for
# N = 1e5, 1e6, 1e7 enterprises, 1 and 2 threads, both modes, one replicate each, plus the
# reference kernels for comparison. Time per tick is what compares across rows; the 2-thread
# stochastic 1e7 x 120 and expected 1e6 x 120 rows are issue #4's headline targets.
# About 2.5 minutes on 2 cores. Run from the repository root after building:
#   bash bench/run_table.sh > bench/table.md
set -euo pipefail
bench=./build/bench/moatsim_bench
echo "| mode | kernel | N | threads | ticks | set-up s | loop s | total s | ms/tick | decisions/s | enterprise-ticks/s | bytes/enterprise |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
run() {  # mode kernel N ticks threads
  local out
  out=$("$bench" --mode "$1" --kernel "$2" --enterprises "$3" --ticks "$4" --threads "$5")
  local v
  v() { echo "$out" | tr ' ' '\n' | grep "^$1=" | head -1 | cut -d= -f2; }
  echo "| $1 | $2 | $3 | $5 | $4 | $(v setup_s) | $(v loop_s) | $(v total_s) | $(v ms_per_tick) | $(v decisions_per_s) | $(v enterprise_ticks_per_s) | $(v bytes_per_enterprise) |"
}
for threads in 1 2; do
  run stochastic fast 100000 120 "$threads"
  run stochastic fast 1000000 120 "$threads"
  run stochastic fast 10000000 120 "$threads"
  run expected fast 100000 120 "$threads"
  run expected fast 1000000 "$([ "$threads" = 2 ] && echo 120 || echo 24)" "$threads"
  run expected fast 10000000 12 "$threads"
done
run stochastic reference 1000000 120 2
run expected reference 100000 120 2
