#!/usr/bin/env bash
# `mpirun -np N moatsim run` (a partitioned run, docs/SCALING.md): clouds.csv, vendors.csv and
# market.csv byte-identical to one process's at 1, 2 and 3 ranks (and 4, oversubscribed),
# any thread count per rank, both modes, drawn and loaded populations; only rank 0 writes;
# a rank whose rows are bad stops the job with its line named, never a hang.
# Usage: mpi_run_test.sh MOATSIM SOURCE_DIR [MOATSIM_MPI]. Exit 77 (skipped) without mpirun or
# when the program was built without MPI (MOATSIM_MPI OFF).
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
case "${3:-ON}" in OFF|0|FALSE|false|off) echo "built without MOATSIM_MPI: skipped"; exit 77 ;; esac
command -v mpirun >/dev/null || { echo "mpirun not found: skipped"; exit 77; }
# Loopback only, as root in a container: shared memory and self, no network probing.
export OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_plm_rsh_agent=false
export ASAN_OPTIONS=detect_leaks=0  # Open MPI's own allocations are not moatsim's leaks
mpi() { timeout 300 mpirun --allow-run-as-root --oversubscribe "$@"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
status=0
fail() { echo "FAIL: $*"; status=1; }
same() {  # same DIR_A DIR_B WHAT
  for f in clouds.csv vendors.csv market.csv; do
    cmp -s "$1/$f" "$2/$f" || fail "$3: $f differs from the single-process run"
  done
}

scenario=$src/scenarios/baseline.toml
# 5 blocks of 4096 enterprises and a tail: every rank holds whole blocks, some two.
common=(--enterprises 20600 --ticks 36 --reps 2 -q)
for mode in stochastic expected; do
  "$bin" run "$scenario" "${common[@]}" --mode "$mode" --out "one_$mode" || fail "single $mode"
  for np in 1 2 3 4; do
    threads=$(( np % 2 + 1 ))
    mpi -np "$np" "$bin" run "$scenario" "${common[@]}" --mode "$mode" --threads "$threads" \
      --out "np${np}_$mode" || fail "mpirun -np $np run --mode $mode exit code"
    same "one_$mode" "np${np}_$mode" "$mode at $np ranks x $threads threads"
  done
done

# Nothing but rank 0's output directory appears (no rank writes elsewhere).
extra=$(ls | grep -Ev '^(one|np[0-9])_(stochastic|expected)$')
[ -z "$extra" ] || fail "files other than the output directories: $extra"

# A loaded population: each rank reads only its rows.
"$bin" run "$scenario" --enterprises 12300 --ticks 24 --reps 1 -q --export-population pop.csv \
  --out exported || fail "export"
"$bin" run "$scenario" --population pop.csv --ticks 24 --reps 1 -q --out loaded_one \
  || fail "single run from the population file"
mpi -np 3 "$bin" run "$scenario" --population pop.csv --ticks 24 --reps 1 -q \
  --out loaded_np3 || fail "mpirun -np 3 run --population"
same loaded_one loaded_np3 "population file at 3 ranks"

# A bad value in the last rank's rows: every rank stops, the error names the line, and no
# output directory is left behind.
awk -F, 'BEGIN { OFS = "," } NR == 12000 { $2 = "oops" } { print }' pop.csv > bad.csv
out=$(mpi -np 3 "$bin" run "$scenario" --population bad.csv --ticks 24 --reps 1 -q --out bad 2>&1)
code=$?
[ $code -ne 0 ] || fail "a bad row at 3 ranks exited 0"
[ $code -ne 124 ] || fail "a bad row at 3 ranks hung (timeout)"
grep -q "bad.csv:12000" <<<"$out" || fail "the error does not name bad.csv:12000: $out"
[ ! -e bad ] || fail "a failed partitioned run left its output directory"

[ $status -eq 0 ] && echo "mpi run ok"
exit $status
