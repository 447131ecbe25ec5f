// One rank of an MPI job (docs/MPI.md): `mpirun -np N moatsim COMMAND ...`. Every rank runs the
// same command line. Rank 0 alone logs, prints and writes files; the commands that spread
// their jobs (sweep, sensitivity, uncertainty, calibrate, compare) run on every rank with the
// MPI work queue installed, `run` on every rank with its block of the enterprises
// (cli/mpi_run.cpp, docs/SCALING.md), the others on rank 0 alone.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command_frame.hpp"
#include "cli/commands.hpp"
#include "cli/run_partition.hpp"
#include "distributed/mpi_job_executor.hpp"
#include "distributed/mpi_session.hpp"
#include "io/manifest.hpp"

namespace moatsim::cli {
namespace {

const std::set<std::string> spread_commands = {"sweep", "sensitivity", "uncertainty",
                                               "calibrate", "compare"};

// The last non-empty line a rank's command wrote to its (captured) stderr: its error.
std::string last_line(const std::string& text) {
    std::istringstream in(text);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty()) last = line;
    return last;
}

int spread(const MpiSession& session, std::vector<std::string> args) {
    auto executor = std::make_shared<MpiJobExecutor>(session);
    set_job_executor(executor);
    set_stop_note([executor, coordinator = session.coordinator()] {
        if (!coordinator) return std::string(silent_stop);
        const std::string jobs = executor->in_flight();
        return jobs.empty() ? std::string()
                            : "MPI jobs in flight (not written): " + jobs +
                                  "; rerun the same command to resume";
    });
    // Ranks other than 0 say nothing: rank 0 reports every failure, theirs included.
    std::ostringstream captured;
    std::streambuf* const cout_buf = std::cout.rdbuf();
    std::streambuf* const cerr_buf = std::cerr.rdbuf();
    const bool quiet = std::find_if(args.begin(), args.end(), [](const std::string& a) {
                           return a == "-q" || a == "--quiet";
                       }) != args.end();
    if (session.coordinator() && !quiet) {
        spdlog::info("MPI: {} ranks; rank 0 hands out the jobs and writes every file",
                     session.size());
    }
    if (!session.coordinator()) {
        spdlog::default_logger()->sinks().clear();
        std::cout.rdbuf(nullptr);
        std::cerr.rdbuf(captured.rdbuf());
    }
    const int code = dispatch_command(std::move(args));
    std::cout.rdbuf(cout_buf);
    std::cerr.rdbuf(cerr_buf);
    executor->finish(code, code == exit_ok ? std::string() : last_line(captured.str()));
    set_stop_note({});
    set_job_executor(nullptr);
    return session.coordinator() ? code : exit_ok;
}

}  // namespace

int main_under_mpi(int argc, char** argv) {
    // Before MPI starts its own threads, which inherit the blocked signals: a SIGTERM from
    // mpirun (it stops every rank when one fails) is then taken by the cleanup thread.
    remove_temporaries_on_signals();
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        MpiSession session(argc, argv);
        if (!session.distributed()) return dispatch_command(std::move(args));
        set_manifest_mpi_ranks(session.size());
        if (!args.empty() && spread_commands.count(args.front()) > 0)
            return spread(session, std::move(args));
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
