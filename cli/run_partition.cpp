#include "cli/run_partition.hpp"

namespace moatsim::cli {
namespace {

PartitionReducer* current = nullptr;

}  // namespace

PartitionReducer* run_reducer() noexcept { return current; }
void set_run_reducer(PartitionReducer* reducer) noexcept { current = reducer; }

}  // namespace moatsim::cli
