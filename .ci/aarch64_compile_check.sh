#!/usr/bin/env bash
# Portability check: compiles (-c, not linked) every source of moatsim's libraries with
# Debian's aarch64 cross compiler (g++-aarch64-linux-gnu), using the flags CMake gives them in
# the host build BUILD_DIR (default build; its compile_commands.json). Only the target
# changes: the third-party headers (TBB, fmt, toml++, Random123, MPI) are the host's, searched
# after the cross compiler's own C and C++ headers (-idirafter), which works because they are
# architecture-independent. Catches x86-only code outside agents/simd_target.hpp
# (docs/ARCHITECTURE.md, "Portability"). Executables and tests are not compiled: the check is
# that the libraries build.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
cxx=${AARCH64_CXX:-aarch64-linux-gnu-g++}
command -v "$cxx" > /dev/null || { echo "aarch64_compile_check: $cxx not installed" >&2; exit 1; }
[ -f "$build_dir/compile_commands.json" ] ||
  { echo "aarch64_compile_check: no $build_dir/compile_commands.json (configure first)" >&2; exit 1; }

# One line per library source: the file, then its flags (-D, -I, -std, -W, -f, -O only).
python3 - "$build_dir/compile_commands.json" > "$build_dir/aarch64_check.list" <<'PY'
import json, re, shlex, sys
for entry in json.load(open(sys.argv[1])):
    args = shlex.split(entry["command"])
    out = args[args.index("-o") + 1] if "-o" in args else ""
    # Library objects only: CMakeFiles/moatsim_<room>.dir/ (not the program, tests, bench,
    # fuzz targets).
    if not re.search(r"CMakeFiles/moatsim_[a-z0-9_]+\.dir/", out) or \
       re.search(r"moatsim_(tests|bench|fuzz)[a-z0-9_]*\.dir/", out):
        continue
    keep = [a for a in args if re.match(r"-(D|I|std=|W|f|O)", a) and not a.startswith("-fsanitize")]
    # System include directories (MPI's, for distributed/) are searched after the cross
    # compiler's own headers, like /usr/include: mpi.h's sizes are the same on both LP64 targets.
    keep += ["-idirafter" + args[i + 1] for i, a in enumerate(args[:-1]) if a == "-isystem"]
    print(entry["file"] + "\t" + " ".join(shlex.quote(a) for a in keep))
PY
count=$(wc -l < "$build_dir/aarch64_check.list")
[ "$count" -gt 0 ] || { echo "aarch64_compile_check: no library sources found" >&2; exit 1; }
echo "aarch64_compile_check: compiling $count library sources with $cxx"
export cxx
# -O1: codegen (target attributes, asm) is exercised; the optimiser's level does not matter.
tr '\n' '\0' < "$build_dir/aarch64_check.list" |
  xargs -0 -P "$(nproc)" -I{} bash -c 'IFS=$'"'"'\t'"'"' read -r file flags <<< "$1";
    eval "$cxx $flags -O1 -idirafter /usr/include -c \"$file\" -o /dev/null" ||
    { echo "aarch64_compile_check: FAILED: $file" >&2; exit 255; }' _ {}
echo "aarch64_compile_check: all library sources compile for aarch64"
