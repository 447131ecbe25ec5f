#!/usr/bin/env bash
# Installs the Debian 12 packages moatsim needs to build and test, only those that are missing
# (tmux, chromium and python3-matplotlib are for tests, which skip without them; clang-14,
# libfuzzer-14-dev and llvm-14 for the parser fuzz smoke, skipped without them).
set -euo pipefail
packages=(g++ cmake ninja-build catch2 libtbb-dev libspdlog-dev libfmt-dev
          libtomlplusplus-dev librandom123-dev libboost-dev libboost-program-options-dev
          libnlopt-cxx-dev nlohmann-json3-dev  # calibrate: optimizer, calibration.json; serve: its JSON protocol
          libboost-mpi-dev openmpi-bin  # mpirun: experiments over ranks (docs/MPI.md)
          tmux chromium python3-matplotlib  # tests: live on a terminal, report and serve in a browser, plot_results.py
          clang-14 libfuzzer-14-dev llvm-14  # tests/fuzz: libFuzzer, llvm-symbolizer for stacks
          g++-aarch64-linux-gnu)  # .ci/aarch64_compile_check.sh
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "moatsim: all build dependencies are installed"
  exit 0
fi
echo "moatsim: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
