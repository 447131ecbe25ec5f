// `mpirun -np N moatsim run ...`: one rank of a partitioned run (docs/SCALING.md). Every rank
// runs the same command with its block of the enterprises; rank 0 alone logs, prints and
// writes the results, which are byte-identical to a single process's.
#include <spdlog/spdlog.h>

#include <boost/mpi/collectives.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include <cstdio>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/run_partition.hpp"
#include "distributed/mpi_partition_reducer.hpp"
#include "distributed/mpi_session.hpp"

namespace moatsim::cli {
namespace {

// The error lines a rank wrote, but not the echo "another partition failed" (the partition
// that failed reports its own).
std::vector<std::string> own_errors(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    std::vector<std::string> out;
    while (std::getline(in, line))
        if (!line.empty() && line.find("other partition(s) of this run failed") == std::string::npos)
            out.push_back(line);
    return out;
}

}  // namespace

int run_partitioned_under_mpi(const MpiSession& session, std::vector<std::string> args) {
    MpiPartitionReducer reducer(static_cast<MPI_Comm>(session.world()));
    set_run_reducer(&reducer);
    std::ostringstream captured;
    std::streambuf* const cout_buf = std::cout.rdbuf();
    std::streambuf* const cerr_buf = std::cerr.rdbuf();
    if (!session.coordinator()) {
        spdlog::default_logger()->sinks().clear();
        std::cout.rdbuf(nullptr);
    }
    std::cerr.rdbuf(captured.rdbuf());  // the command's errors; rank 0 passes its own on
    const int code = dispatch_command(std::move(args));
    std::cout.rdbuf(cout_buf);
    std::cerr.rdbuf(cerr_buf);
    if (session.coordinator()) std::cerr << captured.str() << std::flush;
    set_run_reducer(nullptr);
    // Every rank gets here (failures are agreed on before the run's first reduction), so rank
    // 0 collects the other ranks' errors and prints those it has not printed itself: a bad
    // row is found by the rank that holds it.
    std::vector<std::string> all;
    boost::mpi::gather(session.world(), captured.str(), all, 0);
    if (session.coordinator()) {
        std::set<std::string> said;  // rank 0's own error is printed already
        const std::string mine = all.empty() ? std::string() : all[0];
        for (const std::string& line : own_errors(mine)) said.insert(line);
        for (int r = 1; r < session.size(); ++r)
            for (const std::string& line : own_errors(all[static_cast<std::size_t>(r)]))
                if (said.insert(line).second)
                    std::fprintf(stderr, "rank %d of %d: %s\n", r, session.size(), line.c_str());
    }
    const ReductionCost& c = reducer.cost();
    if (session.coordinator() && code == exit_ok && c.sums > 0)
        spdlog::info("partitioned over {} ranks: {} integer reductions ({} bytes each on average, "
                     "{:.1f} us each), {} in-order folds ({:.1f} us each), waiting included",
                     session.size(), c.sums, c.sum_bytes / c.sums, 1e6 * c.sum_seconds / c.sums,
                     c.folds, c.folds ? 1e6 * c.fold_seconds / c.folds : 0.0);
    return code;
}

}  // namespace moatsim::cli
