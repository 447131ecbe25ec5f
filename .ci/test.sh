#!/usr/bin/env bash
# Command 2 of the README: the whole test suite. Installs what is missing, builds once in
# Release and runs every test, then again under AddressSanitizer + UBSan, then a short
# libFuzzer smoke of each parser (tests/fuzz, when clang-14 and libFuzzer are installed),
# then a short benchmark smoke (figures printed, never judged).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install_deps.sh
jobs=$(nproc)

echo "== Release build and tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"
echo "== Embedding example against the installed package" && bash .ci/embed_check.sh build
echo "== The libraries compile for aarch64 (no link)" && bash .ci/aarch64_compile_check.sh build

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOATSIM_SANITIZE=ON > /dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

echo "== Parser fuzz smoke (libFuzzer + ASan + UBSan, 5 s per parser; tests/fuzz/README.md)"
if command -v clang++-14 > /dev/null && ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a > /dev/null 2>&1; then
  # Builds only the libraries and the fuzz targets; seeds come from the Release binary.
  MOATSIM_BIN=build/cli/moatsim bash tests/fuzz/run.sh all -max_total_time 5 -timeout 10
else
  echo "skipped: clang++-14 or libFuzzer (libfuzzer-14-dev) is not installed"
fi

echo "== Benchmark smoke (baseline, 100 000 enterprises, 12 ticks; not a pass/fail check)"
./build/bench/moatsim_bench --enterprises 100000 --ticks 12
