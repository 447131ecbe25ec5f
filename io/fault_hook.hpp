#pragma once
// A testing hook, compiled into every build: the environment variable MOATSIM_FAULT_AT names
// points (comma-separated) where the process fails on purpose, so the end-to-end tests can
// show that an output directory survives a kill -9 or a write error at that exact point.
// Points: after_file:<name> (SIGKILL once <name> is complete), before_swap, after_swap,
// after_aside (SIGKILL inside a directory swap), write_error[:<name>] (a write fails with
// ENOSPC), no_exchange (swap with two renames instead of one atomic exchange), after_run:<i>
// (SIGKILL once sweep run i is in sweep.csv and runs.csv); hang:<point> waits there for a
// signal instead (to send SIGINT/SIGTERM/SIGHUP at a known point). Under mpirun
// (distributed/mpi_job_executor.cpp): rank_exit:<r> (rank r exits without MPI_Finalize once it
// has returned a job's result), rank_stall:<r> (rank r falls silent then, for good),
// rank_late:<r> (rank r asks for each batch's jobs 300 ms late),
// job_error:<i> (job i of a batch throws an InputError on whichever rank computes it).
// Unset (the normal case) it costs one getenv per output file.
#include <string_view>

namespace moatsim {

/// Whether MOATSIM_FAULT_AT lists `point`.
[[nodiscard]] bool fault_armed(std::string_view point) noexcept;

/// Raises SIGKILL if MOATSIM_FAULT_AT lists `point` (a crash no handler can intercept);
/// waits for a signal forever if it lists "hang:<point>".
void fault_point(std::string_view point) noexcept;

}  // namespace moatsim
