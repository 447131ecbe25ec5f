#include "distributed/mpi_session.hpp"

#include <cstdlib>
#include <stdexcept>

namespace moatsim {

bool launched_by_mpi() noexcept {
    // Open MPI's mpirun; MPICH/Hydra and Slurm's srun (PMI-1/2); PMIx launchers.
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
        if (std::getenv(name) != nullptr) return true;
    return false;
}

MpiSession::MpiSession(int& argc, char**& argv)
    : environment_(std::make_unique<boost::mpi::environment>(
          argc, argv, boost::mpi::threading::funneled, /*abort_on_exception=*/true)) {
    if (boost::mpi::environment::thread_level() < boost::mpi::threading::funneled)
        throw std::runtime_error("the MPI library cannot give MPI_THREAD_FUNNELED, which moatsim "
                                 "needs (its worker threads compute while the main thread "
                                 "communicates)");
    // A communicator made after MPI_Init: COMM_WORLD, with errors returned (Boost.MPI sets
    // MPI_ERRORS_RETURN on it), so a failed call throws instead of killing the job silently.
    world_ = boost::mpi::communicator();
    rank_ = world_.rank();
    size_ = world_.size();
}

MpiSession::~MpiSession() = default;

void MpiSession::abort(int code) const {
    world_.abort(code);
    std::_Exit(code);  // MPI_Abort does not return; this only satisfies [[noreturn]]
}

}  // namespace moatsim
