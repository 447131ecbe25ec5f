#pragma once
// Per-block tallies for the steppers that re-tally every enterprise each tick (expected mode
// and the reference stepper): each block sums into its own slot, and the slots are combined
// in block order, so the totals do not depend on the thread count.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "agents/choice.hpp"
#include "core/partition.hpp"
#include "market/block_map.hpp"
#include "market/step_state.hpp"

namespace moatsim {

/// One block's running sums, in fixed arrays on the worker's stack: the compiler can keep
/// them close (no vector indirection per enterprise). Copied to the block's Tally at its end.
struct BlockSums {
    double demand[max_pairs];
    double customers[max_clouds];
    double adopters, switches, alpha_sum, decisions;

    void reset(int pairs, int clouds) noexcept {
        std::fill(demand, demand + pairs, 0.0);
        std::fill(customers, customers + clouds, 0.0);
        adopters = switches = alpha_sum = decisions = 0.0;
    }
    void store(Tally& t) const {
        std::copy(demand, demand + t.demand.size(), t.demand.begin());
        std::copy(customers, customers + t.customers.size(), t.customers.begin());
        t.adopters = adopters;
        t.switches = switches;
        t.alpha_sum = alpha_sum;
        t.decisions = decisions;
    }
};

class BlockTallies {
public:
    /// reducer: continues the block-order sum over the other partitions' blocks.
    BlockTallies(std::size_t enterprises, int clouds, int vendors,
                 PartitionReducer& reducer = local_reducer())
        : enterprises_(enterprises), clouds_(clouds), vendors_(vendors), reducer_(&reducer),
          blocks_(block_count(enterprises)) {
        for (auto& b : blocks_) b.reset(clouds, vendors);
    }

    /// Calls per_enterprise(i, sums) for every enterprise, in parallel over blocks, and
    /// returns the combined tally.
    template <class PerEnterprise>
    Tally map(PerEnterprise&& per_enterprise) {
        for_each_block(enterprises_, [&](std::size_t b, std::size_t begin, std::size_t end) {
            BlockSums sums;
            sums.reset(clouds_ * vendors_, clouds_);
            for (std::size_t i = begin; i < end; ++i) per_enterprise(i, sums);
            sums.store(blocks_[b]);
        });
        return combined();
    }

    /// Block b's slot, for steppers that fill it themselves.
    [[nodiscard]] Tally& block(std::size_t b) noexcept { return blocks_[b]; }

    /// Sum of the per-block tallies, in block order (deterministic), continued across
    /// partitions in partition order: one fold of K*M + K + 4 doubles per tick.
    [[nodiscard]] Tally combined() const {
        Tally total;
        total.reset(clouds_, vendors_);
        std::vector<double> running(total.flat_size(), 0.0);
        reducer_->fold_in_order(running, [&](std::span<double> r) {
            for (const auto& b : blocks_) b.add_to(r);
        });
        total.assign(running);
        return total;
    }

private:
    std::size_t enterprises_;
    int clouds_, vendors_;
    PartitionReducer* reducer_;
    std::vector<Tally> blocks_;  // one per block, reused every tick
};

}  // namespace moatsim
