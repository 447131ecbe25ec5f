#pragma once
// The partitioned run's reducer over MPI ranks (core/partition.hpp, docs/SCALING.md): rank r
// holds partition r. Integer sums are one MPI_Allreduce (exact, so the reduction tree's order
// does not matter); in-order folds of doubles pass the running sum along the ranks (rank r
// receives from r - 1, folds, sends to r + 1) and the last rank broadcasts it. Called only
// from the thread that initialized MPI (MPI_THREAD_FUNNELED).
#include <mpi.h>

#include <cstdint>

#include "core/partition.hpp"

namespace moatsim {

/// What the reductions cost on this rank, for the log and the benchmarks.
struct ReductionCost {
    std::uint64_t sums = 0, folds = 0;              // calls
    std::uint64_t sum_bytes = 0, fold_bytes = 0;    // payload per rank, summed over calls
    double sum_seconds = 0, fold_seconds = 0;       // wall time inside the calls (waiting included)
};

class MpiPartitionReducer final : public PartitionReducer {
public:
    /// comm: the ranks that share the run, one partition each (MPI_COMM_WORLD for `run`).
    explicit MpiPartitionReducer(MPI_Comm comm);

    [[nodiscard]] int partitions() const noexcept override { return size_; }
    [[nodiscard]] int index() const noexcept override { return rank_; }
    void sum(std::span<std::int64_t> values) override;
    void fold_in_order(std::span<double> running, const Fold& fold_mine) override;

    [[nodiscard]] const ReductionCost& cost() const noexcept { return cost_; }

private:
    MPI_Comm comm_;
    int rank_ = 0, size_ = 1;
    ReductionCost cost_;
};

}  // namespace moatsim
