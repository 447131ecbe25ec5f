#pragma once
// The MPI environment of one moatsim process (docs/MPI.md). MPI is initialized only when a
// launcher (mpirun, srun) started the process, so a plain `moatsim ...` never touches MPI and
// behaves exactly as a build without it. Only the thread that created the session calls MPI
// (MPI_THREAD_FUNNELED); TBB's worker threads compute and never communicate.
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>

#include <memory>

namespace moatsim {

/// Whether a launcher started this process as one rank of an MPI job: its environment
/// variables (Open MPI's OMPI_COMM_WORLD_SIZE, PMI or PMIx's), read before any MPI call.
[[nodiscard]] bool launched_by_mpi() noexcept;

class MpiSession {
public:
    /// Initializes MPI (MPI_Init_thread, funneled); errors of MPI calls are returned (and
    /// thrown by Boost.MPI as boost::mpi::exception), not fatal. @throws std::runtime_error
    /// if the library cannot give the funneled thread level.
    MpiSession(int& argc, char**& argv);
    /// Finalizes MPI (MPI_Finalize).
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;

    [[nodiscard]] int rank() const noexcept { return rank_; }
    [[nodiscard]] int size() const noexcept { return size_; }
    /// More than one rank: the work is spread and rank 0 coordinates.
    [[nodiscard]] bool distributed() const noexcept { return size_ > 1; }
    /// Rank 0: the only rank that logs, prints and writes output files.
    [[nodiscard]] bool coordinator() const noexcept { return rank_ == 0; }
    [[nodiscard]] const boost::mpi::communicator& world() const noexcept { return world_; }

    /// Ends every rank of the job now (MPI_Abort) with exit code `code`.
    [[noreturn]] void abort(int code) const;

private:
    std::unique_ptr<boost::mpi::environment> environment_;
    boost::mpi::communicator world_;
    int rank_ = 0;
    int size_ = 1;
};

}  // namespace moatsim
