#pragma once
// Partitions of one process in lock-step threads, for testing a partitioned run
// (core/partition.hpp) without MPI: partition p runs on its own thread with reducer(p), and
// the reductions meet at barriers as MPI's collectives would.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/partition.hpp"

namespace moatsim::test {

class ThreadPartitions {
public:
    explicit ThreadPartitions(int partitions);
    ~ThreadPartitions();
    ThreadPartitions(const ThreadPartitions&) = delete;
    ThreadPartitions& operator=(const ThreadPartitions&) = delete;

    /// Runs body(p, reducer of p) for every partition p on its own thread; rethrows the
    /// lowest partition's exception, if any, after all have finished.
    void run(const std::function<void(int, PartitionReducer&)>& body);

    /// Reductions made so far (sums and folds), across all partitions' calls / partitions.
    [[nodiscard]] std::uint64_t sums() const noexcept { return sums_; }
    [[nodiscard]] std::uint64_t folds() const noexcept { return folds_; }

private:
    class Member;
    friend class Member;
    // All threads arrive; the last runs `last` and releases them.
    void barrier(const std::function<void()>& last = {});

    int partitions_;
    std::vector<std::unique_ptr<Member>> members_;
    std::mutex mutex_;
    std::condition_variable cv_;
    int waiting_ = 0;
    std::uint64_t generation_ = 0;
    std::vector<std::int64_t> sum_;   // the sum being made
    std::vector<double> running_;     // the fold being made
    int turn_ = 0;                    // whose fold is next
    std::uint64_t sums_ = 0, folds_ = 0;
};

}  // namespace moatsim::test
