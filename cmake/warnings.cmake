# Warnings and sanitizers as an INTERFACE target, linked by every moatsim target.
add_library(moatsim_options INTERFACE)
target_compile_options(moatsim_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wno-unknown-pragmas)
if(MOATSIM_SANITIZE)
  target_compile_options(moatsim_options INTERFACE -fsanitize=address,undefined
                         -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(moatsim_options INTERFACE -fsanitize=address,undefined)
endif()
