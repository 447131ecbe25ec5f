#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build (Release), run the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install_deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build
./build/cli/moatsim run scenarios/baseline.toml
