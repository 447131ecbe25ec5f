#pragma once
// A partitioned replicate (docs/SCALING.md): the enterprises 0..N-1 of one replicate split
// into contiguous blocks, one per partition (an MPI rank, or a thread in the tests). Each
// partition holds and steps only its block; what the market needs of the whole population
// goes through a PartitionReducer, once per tick (and a few times while setting up). The
// interface has no MPI in it: distributed/ implements it with MPI_Allreduce, the tests with
// threads, and a single process with LocalReducer (nothing to combine).
//
// Two kinds of combination keep the result byte-identical at any partition count:
// - integers (the stochastic demand ledger, counts) are summed: exact, so order-free;
// - doubles are folded in partition order, continuing exactly the left-to-right sum a single
//   process makes over the blocks (expected mode's block tallies, calibration, set-up
//   totals). Partition boundaries fall on whole blocks (partition_grain), so each partition's
//   blocks are the single process's blocks.
#include <cstdint>
#include <exception>
#include <functional>
#include <span>

namespace moatsim {

/// Block boundaries: a multiple of every block size the model sums by (market/block_map.hpp's
/// enterprise_block and calibration's block are both 4096; expected_lanes divides it).
inline constexpr std::uint64_t partition_grain = 4096;

/// One partition's enterprises: global indices [begin, end) of `total`.
struct EnterpriseRange {
    std::uint64_t begin = 0, end = 0, total = 0;
    [[nodiscard]] std::uint64_t count() const noexcept { return end - begin; }
    [[nodiscard]] bool whole() const noexcept { return begin == 0 && end == total; }
};

/// Partition `index` of `partitions` over `total` enterprises: the blocks of partition_grain
/// shared out as evenly as whole blocks allow (the last block may be short). A partition
/// may be empty when there are fewer blocks than partitions.
[[nodiscard]] EnterpriseRange partition_range(std::uint64_t total, int partitions, int index);

/// Combines per-partition aggregates. Every partition calls the same methods in the same
/// order (they are collective); each returns on every partition with the combined value.
class PartitionReducer {
public:
    virtual ~PartitionReducer() = default;
    [[nodiscard]] virtual int partitions() const noexcept = 0;
    [[nodiscard]] virtual int index() const noexcept = 0;
    /// values[x] becomes the sum over partitions of values[x]: exact, order-free.
    virtual void sum(std::span<std::int64_t> values) = 0;
    /// Left fold in partition order: partition 0 applies fold_mine to `running` as given
    /// (the same initial value on every partition), partition 1 to what partition 0 left, and
    /// so on; every partition ends with the last one's result. Bit-identical to one process
    /// applying all the folds in order.
    using Fold = std::function<void(std::span<double> running)>;
    virtual void fold_in_order(std::span<double> running, const Fold& fold_mine) = 0;
};

/// The one-partition reducer: sum leaves values alone, fold_in_order applies the fold.
class LocalReducer final : public PartitionReducer {
public:
    [[nodiscard]] int partitions() const noexcept override { return 1; }
    [[nodiscard]] int index() const noexcept override { return 0; }
    void sum(std::span<std::int64_t>) override {}
    void fold_in_order(std::span<double> running, const Fold& fold_mine) override { fold_mine(running); }
};

/// A process-wide LocalReducer (stateless), the default of the functions that take one.
[[nodiscard]] PartitionReducer& local_reducer() noexcept;

/// What a partitioned replicate runs with: its block and the reducer that joins the blocks.
struct Partition {
    EnterpriseRange range;
    PartitionReducer* reducer = nullptr;  // never null in use

    /// All of n enterprises in this process.
    [[nodiscard]] static Partition whole(std::uint64_t n) noexcept {
        return {{0, n, n}, &local_reducer()};
    }
};

/// Throws the local error on the partitions where `local_failure` holds, and on the others a
/// std::runtime_error saying another partition failed: partitions agree before anyone stops,
/// so none is left waiting in a collective. One integer sum.
void agree_on_failure(PartitionReducer& reducer, const std::exception_ptr& local_failure);

/// Runs `step` on this partition's rows, then agrees with the other partitions on whether any
/// failed (agree_on_failure): every partition goes on, or every one throws.
template <class Step>
void run_agreed(PartitionReducer& reducer, Step&& step) {
    std::exception_ptr failure;
    try {
        step();
    } catch (...) {
        failure = std::current_exception();
    }
    agree_on_failure(reducer, failure);
}

}  // namespace moatsim
