#pragma once
// How this process takes part in `moatsim run`: alone (the default), or as one partition of
// a partitioned run (core/partition.hpp), set under mpirun by cli/mpi_run.cpp.
#include <string>
#include <vector>

#include "core/partition.hpp"

namespace moatsim {
class MpiSession;
}

namespace moatsim::cli {

/// The reducer joining this process's block of enterprises with the other ranks', or null
/// when the process runs the whole population.
[[nodiscard]] PartitionReducer* run_reducer() noexcept;
void set_run_reducer(PartitionReducer* reducer) noexcept;

/// `mpirun -np N moatsim run ...` on one rank (builds with MOATSIM_MPI): runs the command
/// with this rank's partition; rank 0 logs, prints and writes, the others say nothing but
/// their own errors. Returns the rank's exit code.
int run_partitioned_under_mpi(const MpiSession& session, std::vector<std::string> args);

}  // namespace moatsim::cli
