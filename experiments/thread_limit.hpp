#pragma once
// How many worker threads the experiments' parallel runs (ensembles, sweeps) may use. TBB
// stays inside experiments/: the command line and the embedding facade hold a ThreadLimit
// for as long as they compute, without naming TBB themselves.
#include <memory>

namespace moatsim {

/// The most worker threads a limit may ask for. A run keeps per-thread state (population
/// partitions, scratch), so an absurd count would exhaust memory before a thread started;
/// 4096 is far above the cores of any one machine (more machines: docs/MPI.md).
inline constexpr int max_thread_limit = 4096;

class ThreadLimit {
public:
    /// At most `threads` worker threads while this object lives; 0 (or less): no limit
    /// (all cores). Callers check their option's range and word its message.
    explicit ThreadLimit(int threads);
    ~ThreadLimit();
    ThreadLimit(ThreadLimit&&) noexcept;
    ThreadLimit& operator=(ThreadLimit&&) noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The number of worker threads a parallel run started now would use, a live limit
/// included (for manifests).
[[nodiscard]] int worker_threads();

}  // namespace moatsim
