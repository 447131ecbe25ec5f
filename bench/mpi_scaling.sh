#!/usr/bin/env bash
# Weak and strong scaling of a partitioned run (`mpirun -np N moatsim run`, docs/SCALING.md)
# at 1-4 ranks with one thread per rank, and the reductions alone (moatsim_bench_reduce).
# "run s" is the run's own figure (set-up and ticks, no start-up or writing); the reductions'
# times come from rank 0's log and include waiting for the slowest rank.
# On a 2-core machine 3 and 4 ranks are oversubscribed: they share 2 cores, so they show the
# cost of the split, not a speed-up. Prints markdown tables. A benchmark, never a test.
# Usage: bench/mpi_scaling.sh [BUILD_DIR]   (about 3 minutes on 2 cores)
set -euo pipefail
build=$(realpath "${1:-build}")
src=$(realpath "$(dirname "$0")/..")
export OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none
# A rank waiting in a reduction yields its core (else it spins, and 3-4 ranks on 2 cores
# take turns spinning): what an oversubscribed run needs.
export OMPI_MCA_mpi_yield_when_idle=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One run: prints a row of the table below. CPU s is user + system time summed over the
# ranks: on a shared machine it moves less than the wall time when others compute too.
measure() {  # mode N ranks ticks
  local mode=$1 n=$2 np=$3 ticks=$4 log=$work/log
  local t0 t1
  t0=$(date +%s.%N)
  mpirun --allow-run-as-root --oversubscribe -np "$np" /usr/bin/time -f "rss_kb=%M cpu_s=%U+%S" \
    "$build/cli/moatsim" run "$src/scenarios/baseline.toml" --mode "$mode" --enterprises "$n" \
    --ticks "$ticks" --reps 1 --threads 1 --out "$work/out" > "$log" 2>&1
  t1=$(date +%s.%N)
  local run_s rss reductions us cpu folds fold_us
  run_s=$(grep -o 'ticks ([a-z]* mode) in [0-9.]* s' "$log" | grep -o '[0-9.]* s$' | tr -d ' s')
  rss=$(grep -o 'rss_kb=[0-9]*' "$log" | cut -d= -f2 | sort -n | tail -1)
  reductions=$(grep -o '[0-9]* integer reductions' "$log" | cut -d' ' -f1 || true)
  us=$(grep -o 'bytes each on average, [0-9.]* us each' "$log" | grep -o '[0-9.]* us' | cut -d' ' -f1 || true)
  folds=$(grep -o '[0-9]* in-order folds' "$log" | cut -d' ' -f1 || true)
  fold_us=$(grep -o 'in-order folds ([0-9.]* us each' "$log" | grep -o '[0-9.]* us' | cut -d' ' -f1 || true)
  cpu=$(grep -o 'cpu_s=[0-9.+]*' "$log" | cut -d= -f2 | paste -sd+ | bc)
  printf '| %s | %s | %s | %s | %.2f | %s | %.2f | %.0f | %s | %s | %s | %s |\n' "$mode" "$n" "$np" \
    $((n / np)) "$(echo "$t1 - $t0" | bc)" "$run_s" "$cpu" "$(echo "$rss / 1024" | bc)" \
    "${reductions:--}" "${us:--}" "${folds:--}" "${fold_us:--}"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows every row)"
header='| mode | N | ranks | N per rank | wall s | run s | CPU s | max RSS per rank MiB | integer sums | us each | in-order folds | us each |
|---|---|---|---|---|---|---|---|---|---|---|---|'
echo "## Strong scaling: fixed N, 1 thread per rank (ranks 3-4 oversubscribed on 2 cores)"
echo "$header"
for np in 1 2 3 4; do measure stochastic 4000000 "$np" 120; done
for np in 1 2 3 4; do measure expected 1000000 "$np" 24; done
echo
echo "## Weak scaling: 2e6 enterprises per rank (stochastic), 5e5 (expected)"
echo "$header"
for np in 1 2 3 4; do measure stochastic $((2000000 * np)) "$np" 120; done
for np in 1 2 3 4; do measure expected $((500000 * np)) "$np" 24; done
echo
echo "## The reductions alone (44 values: baseline's 4 clouds x 9 vendors + 8)"
for np in 1 2 3 4; do
  mpirun --allow-run-as-root --oversubscribe -np "$np" "$build/bench/moatsim_bench_reduce"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
