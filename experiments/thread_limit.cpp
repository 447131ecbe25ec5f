#include "experiments/thread_limit.hpp"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

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

int worker_threads() { return tbb::this_task_arena::max_concurrency(); }

}  // namespace moatsim
