#include "experiments/thread_limit.hpp"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <optional>

namespace moatsim {

struct ThreadLimit::Impl {
    std::optional<tbb::global_control> control;
};

ThreadLimit::ThreadLimit(int threads) : impl_(std::make_unique<Impl>()) {
    if (threads > 0)
        impl_->control.emplace(tbb::global_control::max_allowed_parallelism,
                               static_cast<std::size_t>(threads));
}

ThreadLimit::~ThreadLimit() = default;
ThreadLimit::ThreadLimit(ThreadLimit&&) noexcept = default;
ThreadLimit& ThreadLimit::operator=(ThreadLimit&&) noexcept = default;

// The arena's concurrency alone ignores a global_control made after the arena: take the
// smaller of the two (a --threads 1 run on 2 cores used to record 2 threads).
int worker_threads() {
    const auto limit = tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
    return static_cast<int>(std::min<std::size_t>(
        static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()), limit));
}

}  // namespace moatsim
