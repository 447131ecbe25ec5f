#!/usr/bin/env bash
# `mpirun -np N moatsim sweep|compare|sensitivity|uncertainty|calibrate` (docs/MPI.md): outputs
# byte-identical to one process at 1, 2 and 3 ranks (oversubscribed on a 2-core machine, over
# loopback), also when one rank comes late to every batch; a sweep killed mid-way resumes at
# another rank count; a rank that dies or falls silent ends the job with a message naming the
# jobs in flight, never a hang, and the next launch resumes. Skipped (exit 77) without mpirun or in a build without MOATSIM_MPI.
# Usage: mpi_test.sh MOATSIM_BINARY SOURCE_DIR MOATSIM_MPI(ON/OFF)
set -uo pipefail
moatsim=$1
src=$(cd "$2" && pwd)
if [ "${3:-OFF}" != ON ] && [ "${3:-OFF}" != 1 ]; then echo "skipped: built without MOATSIM_MPI"; exit 77; fi
command -v mpirun > /dev/null || { echo "skipped: mpirun is not installed (openmpi-bin)"; exit 77; }
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"

# One machine, loopback only, no ssh; root allowed (CI containers), more ranks than cores.
export OMPI_MCA_btl=self,tcp OMPI_MCA_btl_tcp_if_include=lo OMPI_MCA_oob_tcp_if_include=lo
export OMPI_MCA_plm_rsh_agent=false OMPI_MCA_btl_base_warn_component_unused=0
export ASAN_OPTIONS=detect_leaks=0  # Open MPI's own allocations are not moatsim's leaks
# An environment where MPI itself cannot start (no shared memory, no loopback) is not moatsim's
# failure: say so and skip.
if ! timeout 60 mpirun --allow-run-as-root --oversubscribe -np 2 true > "$work/probe.txt" 2>&1; then
  echo "skipped: mpirun cannot start 2 processes here: $(head -c 400 "$work/probe.txt")"; exit 77
fi
# Every rank inherits the environment (MOATSIM_FAULT_AT, MOATSIM_MPI_TIMEOUT): one machine.
mpi() {  # ranks, moatsim arguments...
  local n=$1; shift
  timeout 120 mpirun --allow-run-as-root --oversubscribe -np "$n" "$moatsim" "$@"
}
same() {  # description, file A, file B
  cmp -s "$2" "$3" && pass || fail "$1: $2 and $3 differ"
}
# runs.csv without its wall_seconds column (the 3rd from the end), which is a timing.
runs_without_time() { awk -F, -v OFS=, '{ $(NF-2) = ""; print }' "$1"; }
same_sweep() {  # description, dir A, dir B
  same "$1 sweep.csv" "$2/sweep.csv" "$3/sweep.csv"
  cmp -s <(runs_without_time "$2/runs.csv") <(runs_without_time "$3/runs.csv") && pass ||
    fail "$1: runs.csv differs (wall_seconds aside)"
}
run_ok() {  # description, command...
  local what=$1; shift
  "$@" > "$work/out.txt" 2> "$work/err.txt"
  local rc=$?
  [ $rc -eq 0 ] && pass || fail "$what: exit $rc ($(head -c 600 "$work/err.txt"))"
}

sweep=(sweep "$src/sweeps/lockin_x_silicon.toml" --enterprises 3000 --reps 2 --threads 1 -q)
compare=(compare "$src/scenarios/baseline.toml" "$src/scenarios/cheap_silicon.toml"
         --enterprises 3000 --reps 3 --threads 1 -q)

cat > "$work/sa.toml" <<TOML
name = "mpi_sa"
base = "$src/scenarios/baseline.toml"
alternative = "$src/scenarios/no_optionality.toml"
calibrate = "draw"
replicates = 1
enterprises = 1000
mode = "stochastic"
[method]
kind = "sobol"
samples = 8
bootstrap = 50
seed = 1
[[outputs]]
metric = "share_workload"
cloud = "AWS"
ticks = [24]
[[parameters]]
key = "globals.optionality_weight"
distribution = "uniform"
lower = 0.1
upper = 1.5
[[parameters]]
key = "globals.silicon_lockin_weight"
distribution = "uniform"
lower = 0.0
upper = 2.0
TOML
cat > "$work/cal.toml" <<TOML
name = "mpi_cal"
scenario = "$src/scenarios/history_2023.toml"
data = "$src/data/history"
enterprises = 300
[optimizer]
starts = 3
global_evaluations = 10
local_evaluations = 100
tolerance = 1e-3
[uncertainty]
points = 3
evaluations = 5
[[parameters]]
key = "globals.review_rate"
lower = 0.01
upper = 0.1
scale = 0.02
[[parameters]]
name = "quality_growth"
keys = ["vendors.Anthropic.quality_scale", "vendors.OpenAI.quality_scale"]
lower = 0.5
upper = 2.0
scale = 0.5
TOML

# Single-process references.
run_ok "sweep, one process" "$moatsim" "${sweep[@]}" --out "$work/sweep_ref"
run_ok "compare, one process" "$moatsim" "${compare[@]}" --out "$work/compare_ref"
run_ok "sensitivity, one process" "$moatsim" sensitivity "$work/sa.toml" --threads 1 -q --out "$work/sa_ref"
uncertainty=(uncertainty "$src/scenarios/baseline.toml" "$src/scenarios/no_optionality.toml"
             --priors "$src/sensitivity/optionality_priors.toml" --draws 4 --reps 1
             --enterprises 1000 --threads 1 -q)
run_ok "uncertainty, one process" "$moatsim" "${uncertainty[@]}" --out "$work/un_ref"
run_ok "calibrate, one process" "$moatsim" calibrate "$work/cal.toml" --threads 1 -q --out "$work/cal_ref"

for n in 1 2 3; do
  run_ok "sweep, $n ranks" mpi "$n" "${sweep[@]}" --out "$work/sweep_$n"
  same_sweep "sweep, $n ranks" "$work/sweep_ref" "$work/sweep_$n"
  run_ok "compare, $n ranks" mpi "$n" "${compare[@]}" --out "$work/compare_$n"
  for f in compare.csv base.resolved.toml alt.resolved.toml; do
    same "compare, $n ranks" "$work/compare_ref/$f" "$work/compare_$n/$f"
  done
done
for n in 1 2 3; do
  run_ok "sensitivity, $n ranks" mpi "$n" sensitivity "$work/sa.toml" --threads 1 -q --out "$work/sa_$n"
  for f in sensitivity.csv evaluations.csv blocks.csv evaluations.plan; do
    same "sensitivity, $n ranks" "$work/sa_ref/$f" "$work/sa_$n/$f"
  done
  run_ok "uncertainty, $n ranks" mpi "$n" "${uncertainty[@]}" --out "$work/un_$n"
  for f in uncertainty.csv evaluations.csv blocks.csv evaluations.plan; do
    same "uncertainty, $n ranks" "$work/un_ref/$f" "$work/un_$n/$f"
  done
  run_ok "calibrate, $n ranks" mpi "$n" calibrate "$work/cal.toml" --threads 1 -q --out "$work/cal_$n"
  for f in calibration.csv residuals.csv errors.csv profile.csv correlation.csv calibrated.toml; do
    same "calibrate, $n ranks" "$work/cal_ref/$f" "$work/cal_$n/$f"
  done
  # calibration.json: all but its timing (the evaluation count included).
  cmp -s <(grep -v '"seconds"' "$work/cal_ref/calibration.json") \
         <(grep -v '"seconds"' "$work/cal_$n/calibration.json") && pass ||
    fail "calibrate, $n ranks: calibration.json differs (seconds aside)"
done

# A rank that comes to every batch late (rank_late:<r>, 300 ms): the others are released from
# a batch and ask for the next one's jobs while rank 0 still waits for it. Those requests are
# kept for the next batch (they once were dropped, and the next batch never ended: a hang).
# Calibration makes three batches back to back, every rank needing every result.
for late in 1 2; do
  rm -rf "$work/cal_late"
  MOATSIM_FAULT_AT=rank_late:$late timeout 60 mpirun --allow-run-as-root --oversubscribe -np 3 \
    "$moatsim" calibrate "$work/cal.toml" --threads 1 -q --out "$work/cal_late" \
    > "$work/out.txt" 2> "$work/err.txt"
  rc=$?
  [ $rc -eq 0 ] && pass || fail "rank $late late to every batch: exit $rc (124: a hang) ($(head -c 600 "$work/err.txt"))"
  for f in calibration.csv residuals.csv errors.csv profile.csv correlation.csv calibrated.toml; do
    same "rank $late late to every batch" "$work/cal_ref/$f" "$work/cal_late/$f"
  done
done

grep -q '"mpi_ranks": 3,' "$work/compare_3/manifest.json" && pass || fail "manifest.json lacks mpi_ranks 3"
grep -q mpi_ranks "$work/compare_ref/manifest.json" && fail "a single process's manifest has mpi_ranks" || pass

# Only rank 0 writes: the other ranks leave nothing in their working directory either.
mkdir -p "$work/cwd"
(cd "$work/cwd" && mpi 3 "${sweep[@]}" --out "$work/sweep_cwd" > /dev/null 2>&1)
[ -z "$(ls -A "$work/cwd")" ] && pass || fail "ranks wrote into the working directory: $(ls -A "$work/cwd")"

# Killed mid-way (rank 0, the writer, gets SIGKILL after run 6 is on disk) at 3 ranks, then
# resumed at 2: the same bytes as one uninterrupted process.
MOATSIM_FAULT_AT=after_run:6 mpi 3 "${sweep[@]}" --out "$work/sweep_killed" \
  > /dev/null 2>&1
[ $? -ne 0 ] && pass || fail "the killed sweep exited 0"
[ "$(wc -l < "$work/sweep_killed/runs.csv")" -lt 26 ] && pass || fail "the killed sweep finished anyway"
run_ok "sweep resumed at 2 ranks" mpi 2 "${sweep[@]}" --out "$work/sweep_killed"
same_sweep "sweep killed at 3 ranks, resumed at 2" "$work/sweep_ref" "$work/sweep_killed"

# A rank that dies (exit without MPI_Finalize) after its first result: the job ends within
# the timeout, non-zero, rank 0 names the jobs in flight; the next launch resumes.
start=$(date +%s)
MOATSIM_FAULT_AT=rank_exit:1 mpi 3 "${sweep[@]}" --out "$work/sweep_dead" \
  > "$work/out.txt" 2> "$work/err.txt"
rc=$?
[ $rc -ne 0 ] && [ $rc -ne 124 ] && pass || fail "a dead rank: exit $rc (124: a hang)"
grep -q "jobs in flight" "$work/err.txt" && pass ||
  fail "a dead rank: no jobs in flight named ($(head -c 600 "$work/err.txt"))"
[ $(( $(date +%s) - start )) -lt 60 ] && pass || fail "a dead rank: the job took over 60 s to end"
run_ok "sweep resumed after a dead rank" mpi 2 "${sweep[@]}" --out "$work/sweep_dead"
same_sweep "sweep resumed after a dead rank" "$work/sweep_ref" "$work/sweep_dead"

# A rank that falls silent while computing: rank 0 gives up after MOATSIM_MPI_TIMEOUT
# seconds, names its jobs and aborts the job; the next launch resumes.
MOATSIM_MPI_TIMEOUT=5 MOATSIM_FAULT_AT=rank_stall:2 \
  mpi 3 "${sweep[@]}" --out "$work/sweep_silent" \
  > "$work/out.txt" 2> "$work/err.txt"
rc=$?
[ $rc -ne 0 ] && [ $rc -ne 124 ] && pass || fail "a silent rank: exit $rc (124: a hang)"
grep -q "MPI rank 2 has not been heard from" "$work/err.txt" && pass ||
  fail "a silent rank: no message ($(head -c 600 "$work/err.txt"))"
run_ok "sweep resumed after a silent rank" mpi 3 "${sweep[@]}" --out "$work/sweep_silent"
same_sweep "sweep resumed after a silent rank" "$work/sweep_ref" "$work/sweep_silent"

# A job that fails on whichever rank computes it (as a combination of values the scenario
# rejects would): exit 2 with its message, the runs before it kept; the next launch resumes.
MOATSIM_FAULT_AT=job_error:9 mpi 3 "${sweep[@]}" --out "$work/sweep_error" > "$work/out.txt" 2> "$work/err.txt"
rc=$?
[ $rc -eq 2 ] && pass || fail "a failed job: exit $rc, expected 2"
grep -q "^error: job 9 failed on purpose" "$work/err.txt" && pass ||
  fail "a failed job: message ($(head -c 600 "$work/err.txt"))"
[ "$(wc -l < "$work/sweep_error/runs.csv")" -le 10 ] && pass || fail "a failed job: runs after it written"
run_ok "sweep resumed after a failed job" mpi 2 "${sweep[@]}" --out "$work/sweep_error"
same_sweep "sweep resumed after a failed job" "$work/sweep_ref" "$work/sweep_error"

# The same in a calibration (every rank needs every result of its batches) and a compare:
# exit 2 with the job's message, no result directory, no hang.
MOATSIM_FAULT_AT=job_error:1 mpi 3 calibrate "$work/cal.toml" --threads 1 -q --out "$work/cal_error" \
  > "$work/out.txt" 2> "$work/err.txt"
rc=$?
[ $rc -eq 2 ] && grep -q "^error: job 1 failed on purpose" "$work/err.txt" && pass ||
  fail "a failed calibration job: exit $rc ($(head -c 600 "$work/err.txt"))"
[ ! -e "$work/cal_error" ] && pass || fail "a failed calibration wrote $work/cal_error"
MOATSIM_FAULT_AT=job_error:3 mpi 3 "${compare[@]}" --out "$work/compare_error" > "$work/out.txt" 2> "$work/err.txt"
rc=$?
[ $rc -eq 2 ] && grep -q "^error: job 3 failed on purpose" "$work/err.txt" && pass ||
  fail "a failed compare job: exit $rc ($(head -c 600 "$work/err.txt"))"
[ ! -e "$work/compare_error" ] && pass || fail "a failed compare wrote $work/compare_error"

# Bad input on every rank: one message (rank 0's), exit 2, nothing written.
mpi 3 sweep "$work/missing.toml" -q --out "$work/bad" > "$work/out.txt" 2> "$work/err.txt"
rc=$?
[ $rc -eq 2 ] && pass || fail "bad input under mpirun: exit $rc, expected 2"
[ "$(grep -c "^error:" "$work/err.txt")" -eq 1 ] && pass ||
  fail "bad input under mpirun: expected one error line, got: $(head -c 600 "$work/err.txt")"
[ ! -e "$work/bad" ] && pass || fail "bad input under mpirun wrote $work/bad"
report_checks
