#pragma once
// The one home of moatsim's machine-specific code, with portable fallbacks, so the tree
// builds on any 64-bit target (x86-64, aarch64: AWS Graviton, Apple silicon). Nothing else
// spells an instruction set, an asm statement or a target attribute.
//
// Results do not depend on which branch is taken: -ffp-contract=off (cmake/warnings.cmake)
// keeps every clone from fusing a multiply and an add, and a prefetch only moves a cache line.

/// On x86-64 (GCC or Clang, ELF with ifunc): compile the function three times, for AVX-512,
/// AVX2 and the x86-64 baseline (SSE2), and let the loader pick the widest the CPU has.
/// Elsewhere one build for the target's own vector unit (NEON on aarch64). `flatten` inlines
/// the helpers into each clone, so they too get the wide instructions.
/// Clang refuses flatten on a multiversioned function, so a clang build (the fuzz build) clones
/// without it: the helpers may then run at baseline width, with the same bits.
/// MOATSIM_X86_KERNEL_CLONES says which branch was taken (manifest.json names the clone that
/// ran); MOATSIM_TARGET_VECTOR_UNIT names the one build elsewhere.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && defined(__ELF__)
#define MOATSIM_X86_KERNEL_CLONES 1
#if defined(__clang__)
#define MOATSIM_KERNEL_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MOATSIM_KERNEL_CLONES __attribute__((target_clones("avx512f", "avx2", "default"), flatten))
#endif
#else
#define MOATSIM_X86_KERNEL_CLONES 0
#if defined(__aarch64__)
#define MOATSIM_TARGET_VECTOR_UNIT "NEON"
#else
#define MOATSIM_TARGET_VECTOR_UNIT "generic"
#endif
#if defined(__GNUC__) && !defined(__clang__)
#define MOATSIM_KERNEL_CLONES __attribute__((flatten))
#else
#define MOATSIM_KERNEL_CLONES
#endif
#endif

namespace moatsim {

/// A hint to start loading p's cache line into all cache levels. On x86-64 as volatile asm
/// because GCC 12's dead-code elimination drops __builtin_prefetch in the stochastic stepper's
/// clock scan (seen in the generated code); elsewhere the builtin (PRFM on aarch64).
inline void prefetch_line(const void* p) noexcept {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#elif defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p, 0, 3);
#else
    (void)p;
#endif
}

}  // namespace moatsim
