#include "core/partition.hpp"

#include <exception>
#include <stdexcept>
#include <string>

namespace moatsim {

EnterpriseRange partition_range(std::uint64_t total, int partitions, int index) {
    const std::uint64_t blocks = (total + partition_grain - 1) / partition_grain;
    const auto p = static_cast<std::uint64_t>(partitions), i = static_cast<std::uint64_t>(index);
    // blocks * (i + 1) stays far below 2^64 for any population that fits in memory.
    const auto at = [&](std::uint64_t j) {
        const std::uint64_t first_block = blocks * j / p;
        return first_block * partition_grain < total ? first_block * partition_grain : total;
    };
    return {at(i), at(i + 1), total};
}

PartitionReducer& local_reducer() noexcept {
    static LocalReducer reducer;
    return reducer;
}

void agree_on_failure(PartitionReducer& reducer, const std::exception_ptr& local_failure) {
    std::int64_t failed[1] = {local_failure ? 1 : 0};
    reducer.sum(failed);
    if (local_failure) std::rethrow_exception(local_failure);
    if (failed[0] > 0)
        throw std::runtime_error(std::to_string(failed[0]) + " other partition(s) of this run "
                                 "failed (each reports its own error)");
}

}  // namespace moatsim
