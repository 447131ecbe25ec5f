#!/usr/bin/env bash
# The embedding example against an installed moatsim: installs the Release build in BUILD_DIR
# (default build) into a temporary prefix, builds examples/custom_experiment with only
# find_package(moatsim) pointing there, and runs it on the baseline (docs/EMBEDDING.md).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The public headers include the standard library and each other only (no TBB, toml++, fmt,
# spdlog, Boost or internal rooms).
if grep -h '#include' include/moatsim/*.hpp | grep -vE '#include (<[a-z_]+>|"moatsim/[a-z_]+\.hpp")$'; then
  echo "embed_check: a public header includes more than the standard library" >&2; exit 1
fi
cmake --install "$build_dir" --prefix "$tmp/prefix" > /dev/null
# Only the facade's headers are installed, not the rooms' internal ones.
[ "$(find "$tmp/prefix/include" -name '*.hpp' | wc -l)" -eq 3 ] ||
  { echo "embed_check: expected exactly moatsim.hpp, results.hpp, version.hpp" >&2; exit 1; }
# Nothing of the source tree may be needed: configure with the prefix alone.
cmake -S examples/custom_experiment -B "$tmp/example" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$tmp/prefix" > /dev/null
cmake --build "$tmp/example" > /dev/null
# moatsim's own compile flags (warnings, -ffp-contract=off, ...) stay out of the program.
if grep -q -e '-ffp-contract' -e '-Wshadow' "$tmp/example/build.ninja"; then
  echo "embed_check: moatsim's private compile flags leaked into the example" >&2; exit 1
fi
"$tmp/example/custom_experiment" scenarios/baseline.toml 5000 | tee "$tmp/out.txt"
# Three weights, one line each; the baseline's own weight (0.5) pairs to a difference of 0.
[ "$(grep -cE '^[0-9.]+ +[0-9.]+ +[0-9.]+ +[-+][0-9.]+ \[' "$tmp/out.txt")" -eq 3 ] ||
  { echo "embed_check: unexpected output" >&2; exit 1; }
grep -qE '^0\.5 +[0-9.]+ +[0-9.]+ +\+0\.0000 \[' "$tmp/out.txt" ||
  { echo "embed_check: the baseline against itself does not differ by 0" >&2; exit 1; }
echo "embed_check: the example built against the installed package and ran"
