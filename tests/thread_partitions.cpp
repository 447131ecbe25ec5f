#include "tests/thread_partitions.hpp"

#include <algorithm>
#include <exception>
#include <thread>

namespace moatsim::test {

class ThreadPartitions::Member final : public PartitionReducer {
public:
    Member(ThreadPartitions& group, int index) : group_(group), index_(index) {}
    [[nodiscard]] int partitions() const noexcept override { return group_.partitions_; }
    [[nodiscard]] int index() const noexcept override { return index_; }

    void sum(std::span<std::int64_t> values) override {
        {
            const std::lock_guard lock(group_.mutex_);
            if (group_.sum_.empty()) group_.sum_.assign(values.size(), 0);
            for (std::size_t x = 0; x < values.size(); ++x) group_.sum_[x] += values[x];
        }
        group_.barrier();
        std::copy(group_.sum_.begin(), group_.sum_.end(), values.begin());
        group_.barrier([this] {
            group_.sum_.clear();
            ++group_.sums_;
        });
    }

    void fold_in_order(std::span<double> running, const Fold& fold_mine) override {
        if (index_ == 0) group_.running_.assign(running.begin(), running.end());
        group_.barrier();
        {
            std::unique_lock lock(group_.mutex_);
            group_.cv_.wait(lock, [&] { return group_.turn_ == index_; });
        }
        fold_mine(group_.running_);  // alone: the others wait for their turn or the barrier
        {
            const std::lock_guard lock(group_.mutex_);
            ++group_.turn_;
        }
        group_.cv_.notify_all();
        group_.barrier();
        std::copy(group_.running_.begin(), group_.running_.end(), running.begin());
        group_.barrier([this] {
            group_.turn_ = 0;
            ++group_.folds_;
        });
    }

private:
    ThreadPartitions& group_;
    int index_;
};

ThreadPartitions::ThreadPartitions(int partitions) : partitions_(partitions) {
    for (int p = 0; p < partitions; ++p) members_.push_back(std::make_unique<Member>(*this, p));
}

ThreadPartitions::~ThreadPartitions() = default;

void ThreadPartitions::barrier(const std::function<void()>& last) {
    std::unique_lock lock(mutex_);
    const std::uint64_t generation = generation_;
    if (++waiting_ == partitions_) {
        if (last) last();
        waiting_ = 0;
        ++generation_;
        cv_.notify_all();
        return;
    }
    cv_.wait(lock, [&] { return generation_ != generation; });
}

void ThreadPartitions::run(const std::function<void(int, PartitionReducer&)>& body) {
    std::vector<std::exception_ptr> failures(static_cast<std::size_t>(partitions_));
    std::vector<std::thread> threads;
    for (int p = 0; p < partitions_; ++p)
        threads.emplace_back([&, p] {
            try {
                body(p, *members_[static_cast<std::size_t>(p)]);
            } catch (...) {
                failures[static_cast<std::size_t>(p)] = std::current_exception();
            }
        });
    for (auto& t : threads) t.join();
    for (const auto& f : failures)
        if (f) std::rethrow_exception(f);
}

}  // namespace moatsim::test
