#include "experiments/job_executor.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#include <tbb/task_arena.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "core/input_error.hpp"
#include "experiments/thread_limit.hpp"
#include "io/fault_hook.hpp"

namespace moatsim {
namespace {

class LocalExecutor final : public JobExecutor {
public:
    void run(const JobBatch& batch) override { run_jobs_locally(batch); }
};

std::mutex installed_mutex;
std::shared_ptr<JobExecutor> installed;

}  // namespace

void run_jobs_locally(const JobBatch& batch) {
    if (batch.first >= batch.count) return;
    const auto one = [&](int i) {
        std::string result = batch.compute(i);
        // Another job failed and TBB cancelled this one mid-way: its result may be partial,
        // so nothing of it is delivered (a rerun redoes it).
        if (tbb::is_current_task_group_canceling()) return;
        batch.deliver(i, result);
    };
    if (batch.one_at_a_time) {
        for (int i = batch.first; i < batch.count; ++i) one(i);
        return;
    }
    tbb::parallel_for(batch.first, batch.count, one);
}

struct LocalJobRunner::Impl {
    const JobBatch& batch;
    tbb::task_arena arena;
    mutable std::mutex mutex;
    std::condition_variable finished_cv;
    std::vector<FinishedJob> finished;
    std::map<int, std::thread> threads;  // by job; joined once collected, or by the destructor
    int running = 0;

    Impl(const JobBatch& b, int threads_) : batch(b), arena(threads_) {}
};

LocalJobRunner::LocalJobRunner(const JobBatch& batch)
    : impl_(std::make_unique<Impl>(batch, std::max(1, worker_threads()))),
      capacity_(batch.one_at_a_time ? 1 : std::max(1, worker_threads())) {}

LocalJobRunner::~LocalJobRunner() {
    for (auto& [index, t] : impl_->threads) t.join();
}

int LocalJobRunner::running() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->running;
}

void LocalJobRunner::start(int index) {
    {
        const std::lock_guard lock(impl_->mutex);
        ++impl_->running;
    }
    impl_->threads[index] = std::thread([impl = impl_.get(), index] {
        FinishedJob job{index, {}, nullptr};
        try {
            // Tests (io/fault_hook.hpp): job <index> fails as a bad input would.
            if (fault_armed("job_error:" + std::to_string(index)))
                throw InputError("job " + std::to_string(index) + " failed on purpose (MOATSIM_FAULT_AT)");
            impl->arena.execute([&] { job.result = impl->batch.compute(index); });
        } catch (...) {
            job.error = std::current_exception();
        }
        const std::lock_guard lock(impl->mutex);
        impl->finished.push_back(std::move(job));
        --impl->running;
        impl->finished_cv.notify_all();
    });
}

std::vector<FinishedJob> LocalJobRunner::collect(std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->mutex);
    if (impl_->finished.empty() && timeout.count() > 0)
        impl_->finished_cv.wait_for(lock, timeout, [&] { return !impl_->finished.empty(); });
    std::vector<FinishedJob> out;
    out.swap(impl_->finished);
    lock.unlock();
    for (const FinishedJob& job : out) {  // the thread has pushed its last word: it is ending
        impl_->threads.at(job.index).join();
        impl_->threads.erase(job.index);
    }
    return out;
}

JobExecutor& job_executor() {
    static LocalExecutor local;
    const std::lock_guard lock(installed_mutex);
    return installed ? *installed : local;
}

void set_job_executor(std::shared_ptr<JobExecutor> executor) {
    const std::lock_guard lock(installed_mutex);
    installed = std::move(executor);
}

}  // namespace moatsim
