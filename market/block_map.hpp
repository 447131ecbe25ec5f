#pragma once
// The parallel map of a tick: fixed blocks of enterprises, one TBB task per block.
// Blocks are the same whatever the thread count, and each block's results are stored in its
// own slot and combined afterwards in block order, so sums do not depend on scheduling.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <cstddef>

#include "core/partition.hpp"

namespace moatsim {

inline constexpr std::size_t enterprise_block = 4096;
// Partitions (core/partition.hpp) start on a block: their blocks are one process's blocks.
static_assert(partition_grain % enterprise_block == 0);

[[nodiscard]] constexpr std::size_t block_count(std::size_t enterprises) noexcept {
    return (enterprises + enterprise_block - 1) / enterprise_block;
}

/// Calls per_block(b, begin, end) for every block b of [0, enterprises), in parallel.
template <class PerBlock>
void for_each_block(std::size_t enterprises, PerBlock&& per_block) {
    // simple_partitioner with grain 1 keeps blocks whole whatever the threads.
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, block_count(enterprises), 1),
        [&](const tbb::blocked_range<std::size_t>& r) {
            for (std::size_t b = r.begin(); b != r.end(); ++b)
                per_block(b, b * enterprise_block, std::min(enterprises, (b + 1) * enterprise_block));
        },
        tbb::simple_partitioner());
}

}  // namespace moatsim
