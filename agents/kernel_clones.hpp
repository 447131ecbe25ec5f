#pragma once
// The attribute that compiles a choice kernel three times, for AVX-512, AVX2 and the x86-64
// baseline (SSE2); the loader picks the widest the CPU has. With GCC, flatten inlines the
// helpers into each clone so they too get the wide instructions. Clang refuses flatten on a
// multiversioned function, so a clang build (the fuzz build) clones without it: the helpers
// may then run at baseline width, with the same bits (-ffp-contract=off everywhere).
#if defined(__clang__)
#define MOATSIM_KERNEL_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MOATSIM_KERNEL_CLONES __attribute__((target_clones("avx512f", "avx2", "default"), flatten))
#endif
