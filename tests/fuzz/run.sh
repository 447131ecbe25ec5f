#!/usr/bin/env bash
# Runs the parser fuzz targets under ASan + UBSan with leak detection (README.md here).
#   tests/fuzz/run.sh TARGET|all [-runs N] [-max_total_time S] [other libFuzzer flags]
# TARGET: scenario, population_csv, json, results_csv (or fuzz_<name>). Builds build-fuzz
# (clang-14, MOATSIM_FUZZ=ON) if needed, makes the seed corpora on first use, then runs each
# target on its corpus plus tests/fuzz/regressions/<target>. Prints each target's executions
# and result; exits 1 if any target found a crash, a leak or UB (the input is saved under
# build-fuzz/crashes/<target>/). Environment: FUZZ_BUILD (build dir, default build-fuzz),
# MOATSIM_BIN (a moatsim binary for the seeds; default build/cli/moatsim if it exists).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
here=$src/tests/fuzz
build=${FUZZ_BUILD:-$src/build-fuzz}
all=(scenario population_csv json results_csv)

[ $# -ge 1 ] || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
which=$1; shift
if [ "$which" = all ]; then targets=("${all[@]}"); else targets=("${which#fuzz_}"); fi
for t in "${targets[@]}"; do
  case " ${all[*]} " in *" $t "*) ;; *) echo "run.sh: unknown target '$t' (${all[*]} or all)" >&2; exit 2 ;; esac
done
[ $# -gt 0 ] || set -- -runs=100000
flags=()
while [ $# -gt 0 ]; do  # libFuzzer wants "-runs=N"; "-runs N" is accepted too
  case $1 in
    -*=*) flags+=("$1"); shift ;;
    -*) [ $# -ge 2 ] || { echo "run.sh: $1 needs a value" >&2; exit 2; }
        flags+=("$1=$2"); shift 2 ;;
    *) echo "run.sh: unexpected argument '$1'" >&2; exit 2 ;;
  esac
done

cxx=${FUZZ_CXX:-clang++-14}
command -v "$cxx" > /dev/null || { echo "run.sh: $cxx not found (apt-get install clang-14 libfuzzer-14-dev)" >&2; exit 3; }
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
        -DMOATSIM_FUZZ=ON $(command -v ccache > /dev/null && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache) > /dev/null
fi
cmake --build "$build" -j "$(nproc)" --target moatsim_fuzzers | grep -v '^\[' || true

corpus=$build/corpus
if [ ! -d "$corpus/fuzz_scenario" ]; then
  bin=${MOATSIM_BIN:-$src/build/cli/moatsim}
  if [ ! -x "$bin" ]; then
    cmake --build "$build" -j "$(nproc)" --target moatsim > /dev/null
    bin=$build/cli/moatsim
  fi
  ASAN_OPTIONS=detect_leaks=0 bash "$here/make_corpus.sh" "$bin" "$corpus"
fi

# Largest input per target: big enough for a whole scenario with its base, small enough that
# the CSV and JSON fuzzers stay fast (the large seeds are cut to this).
max_len() { case $1 in scenario) echo 32768 ;; *) echo 4096 ;; esac; }
dict() { case $1 in scenario) echo toml ;; json) echo json ;; *) echo csv ;; esac; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=0
for t in "${targets[@]}"; do
  name=fuzz_$t
  mkdir -p "$corpus/$name" "$build/crashes/$name" "$here/regressions/$name"
  log=$build/logs/$name-$(date +%Y%m%dT%H%M%S)-$$.log  # one per run: several may run at once
  mkdir -p "$build/logs"
  start=$(date +%s)
  set +e
  "$build/tests/fuzz/$name" "${flags[@]}" -max_len="$(max_len "$t")" -dict="$here/dict/$(dict "$t").dict" \
    -print_final_stats=1 -artifact_prefix="$build/crashes/$name/" \
    "$corpus/$name" "$here/regressions/$name" > "$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  result=clean
  if [ "$rc" -ne 0 ]; then
    result="FAILED (exit $rc; log $log; input in $build/crashes/$name/)"
    failed=1
    grep -E "^(==[0-9]+==ERROR|SUMMARY|moatsim fuzz:)|runtime error" "$log" | head -5 || true
  fi
  printf '%-20s %12s executions in %5ss: %s\n' "$name" "${execs:-?}" "$(( $(date +%s) - start ))" "$result"
done
exit "$failed"
