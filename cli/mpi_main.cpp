// One rank of an MPI job (docs/MPI.md): `mpirun -np N moatsim COMMAND ...`. Every rank runs the
// same command line; rank 0 alone logs, prints and writes files.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/command_frame.hpp"
#include "cli/commands.hpp"
#include "cli/run_partition.hpp"
#include "distributed/mpi_session.hpp"

namespace moatsim::cli {

int main_under_mpi(int argc, char** argv) {
    // Before MPI starts its own threads, which inherit the blocked signals: a SIGTERM from
    // mpirun (it stops every rank when one fails) is then taken by the cleanup thread.
    remove_temporaries_on_signals();
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        MpiSession session(argc, argv);
        if (!session.distributed()) return dispatch_command(std::move(args));
        // `run` splits each replicate's enterprises over the ranks (docs/SCALING.md).
        if (!args.empty() && args.front() == "run")
            return run_partitioned_under_mpi(session, std::move(args));
        // A command that does not spread its work runs on rank 0 alone, so that no two ranks
        // write the same file; the others end at once.
        if (!session.coordinator()) return exit_ok;
        return dispatch_command(std::move(args));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "moatsim: MPI failed: %s\n", e.what());
        return exit_failure;
    }
}

}  // namespace moatsim::cli
