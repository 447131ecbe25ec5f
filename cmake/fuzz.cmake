# MOATSIM_FUZZ: libFuzzer targets for the parsers (tests/fuzz/README.md). Clang only. Every
# moatsim library is built with coverage instrumentation and ASan + UBSan, so a fuzz target
# exercises the real code; only the targets themselves link libFuzzer's main.
if(MOATSIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "MOATSIM_FUZZ needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-14), "
                        "not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  if(MOATSIM_SANITIZE)
    message(FATAL_ERROR "MOATSIM_FUZZ already builds with ASan + UBSan: drop MOATSIM_SANITIZE")
  endif()
  # UB stops the run (no recovery), so libFuzzer reports it as a crash with its input.
  target_compile_options(moatsim_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                         -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g)
  target_link_options(moatsim_options INTERFACE -fsanitize=address,undefined)
endif()
