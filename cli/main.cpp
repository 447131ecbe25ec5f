// moatsim: agent-based model of cloud-market competition. Thin front end: dispatch to a
// subcommand; every subcommand reports bad input as one clear message and exit code 2.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "moatsim_version.hpp"
#if MOATSIM_MPI
#include "distributed/mpi_session.hpp"
#endif

namespace {

constexpr const char* usage = R"(moatsim - agent-based model of cloud and AI-model market competition

Usage:
  moatsim run SCENARIO.toml [options]       run a scenario, write tidy CSV
  moatsim validate SCENARIO.toml [options]  check a scenario and print what it would run
  moatsim compare BASE.toml ALT.toml [options]
                                            paired ALT - BASE difference on common random numbers
  moatsim sweep SWEEP.toml [options]        every run of a parameter sweep (resumable)
  moatsim sensitivity SA.toml [options]     Sobol indices or Morris screening over priors (resumable)
  moatsim uncertainty BASE.toml ALT.toml --priors P.toml [options]
                                            ALT - BASE over parameter draws: effect distribution
  moatsim plot DIR --svg FILE [--metric M]  chart of a run, compare or sweep directory (SVG)
  moatsim report DIR [-o FILE]              self-contained HTML report of an output directory
  moatsim live SCENARIO.toml [options]      watch one replicate tick by tick in the terminal
  moatsim serve [--port 8080] [options]     a classroom in the browser: levers, your world vs the baseline
  moatsim backtest SCENARIO.toml --data DIR fit of a historical run to observed shares
  moatsim calibrate CALIBRATION.toml        estimate free parameters from the history
  moatsim schema --markdown [--scope S]     every scenario key: unit, default, range (Markdown)
  moatsim --help | --version

Run 'moatsim <command> --help' for a command's options. Documentation: README.md, docs/SCENARIO.md.
)";

}  // namespace

namespace moatsim::cli {

int dispatch_command(std::vector<std::string> args) {
    if (args.empty()) {
        std::fputs(usage, stderr);
        return moatsim::cli::exit_bad_input;
    }
    const std::string command = args.front();
    args.erase(args.begin());
    if (command == "--help" || command == "-h" || command == "help") {
        std::fputs(usage, stdout);
        return moatsim::cli::exit_ok;
    }
    if (command == "--version" || command == "-V") {
        std::printf("moatsim %s (git %s)\n", moatsim::version_string, moatsim::git_commit);
        return moatsim::cli::exit_ok;
    }
    if (command == "run") return moatsim::cli::run_command(args);
    if (command == "validate") return moatsim::cli::validate_command(args);
    if (command == "compare") return moatsim::cli::compare_command(args);
    if (command == "sweep") return moatsim::cli::sweep_command(args);
    if (command == "sensitivity") return moatsim::cli::sensitivity_command(args);
    if (command == "uncertainty") return moatsim::cli::uncertainty_command(args);
    if (command == "plot") return moatsim::cli::plot_command(args);
    if (command == "report") return moatsim::cli::report_command(args);
    if (command == "live") return moatsim::cli::live_command(args);
    if (command == "serve") return moatsim::cli::serve_command(args);
    if (command == "backtest") return moatsim::cli::backtest_command(args);
    if (command == "calibrate") return moatsim::cli::calibrate_command(args);
    if (command == "schema") return moatsim::cli::schema_command(args);
    std::fprintf(stderr, "moatsim: unknown command '%s'\n\n%s", command.c_str(), usage);
    return moatsim::cli::exit_bad_input;
}

}  // namespace moatsim::cli

int main(int argc, char** argv) {
#if MOATSIM_MPI
    // One rank of an MPI job (mpirun, srun): docs/MPI.md. Otherwise MPI is never touched.
    if (moatsim::launched_by_mpi()) return moatsim::cli::main_under_mpi(argc, argv);
#else
    // Without MPI every rank would run the whole command and write the same files.
    for (const char* size : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
        if (const char* n = std::getenv(size); n != nullptr && std::atoi(n) > 1) {
            std::fprintf(stderr, "moatsim: started as one of %s MPI ranks, but built without MPI "
                         "(MOATSIM_MPI=OFF): run it without mpirun, or rebuild with "
                         "libboost-mpi-dev and openmpi-bin installed (docs/MPI.md)\n", n);
            return moatsim::cli::exit_bad_input;
        }
#endif
    return moatsim::cli::dispatch_command(std::vector<std::string>(argv + 1, argv + argc));
}
