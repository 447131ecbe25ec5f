# Warnings and sanitizers as an INTERFACE target, linked by every moatsim target.
add_library(moatsim_options INTERFACE)
target_compile_options(moatsim_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wno-unknown-pragmas)
# A switch over an enum (event kinds, modes, kernels, metrics) must name every value: adding
# an enumerator then fails the build wherever it is not handled.
target_compile_options(moatsim_options INTERFACE -Werror=switch)
# Nothing reads errno after maths calls; without it GCC may inline sqrt and merge repeated
# pure calls. Results are unchanged (IEEE operations, same libm functions).
target_compile_options(moatsim_options INTERFACE -fno-math-errno)
# Nothing reads the floating-point exception flags either. Without this GCC will not
# if-convert (so not vectorise) loops that compute something and then select it, such as the
# fast kernel's masked exps (agents/fast_choice.cpp). Values are unchanged.
target_compile_options(moatsim_options INTERFACE -fno-trapping-math)
# No fused multiply-add contraction: a*b+c rounds the same on every CPU and in every code
# path (scalar, SSE2, AVX2 and AVX-512 clones), so results do not depend on the machine's
# vector width.
target_compile_options(moatsim_options INTERFACE -ffp-contract=off)
# GCC 12's -Wrestrict misfires inside libstdc++'s std::string operator+ at -O2/-O3
# (GCC bug 105651), in code that only concatenates strings for messages.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(moatsim_options INTERFACE -Wno-restrict)
endif()
if(MOATSIM_SANITIZE)
  target_compile_options(moatsim_options INTERFACE -fsanitize=address,undefined
                         -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(moatsim_options INTERFACE -fsanitize=address,undefined)
endif()
