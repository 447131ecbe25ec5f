#pragma once
// What every subcommand does the same way: the --threads limit, the --out directory, removing
// temporaries on a signal, and turning errors into one message and an exit code (2 for bad
// input or usage, 1 for anything else, 128 + signal number for a signal).
#include <boost/program_options.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "experiments/thread_limit.hpp"

namespace moatsim::cli {

/// The worker-thread limit of --threads (none without it). @throws InputError if it is < 1.
[[nodiscard]] ThreadLimit thread_limit(
    const boost::program_options::variables_map& vm);

/// --out, or `fallback` without it. @throws InputError for an empty --out (which would
/// otherwise mean the current directory).
[[nodiscard]] std::filesystem::path output_directory(
    const boost::program_options::variables_map& vm, const std::filesystem::path& fallback);

/// Logs what opening an output directory repaired (stale temporaries, an interrupted swap).
void log_repairs(const std::vector<std::string>& notes);

/// From now on SIGINT, SIGTERM and SIGHUP remove this process's registered temporaries
/// (io/temporaries.hpp) and exit with 128 + the signal number. Call it first thing in a
/// command, before any worker thread exists (they inherit the blocked signal mask).
void remove_temporaries_on_signals();
/// What the signal's message adds, asked when a signal arrives (under mpirun: the jobs in
/// flight, cli/mpi_main.cpp); empty or unset: nothing; silent_stop: no message at all (an MPI
/// rank other than 0, whose stop rank 0 reports).
void set_stop_note(std::function<std::string()> note);
inline constexpr const char* silent_stop = "\x01silent";

/// Runs body(), reporting po::error with the usage and options (exit 2), InputError as
/// "error: ..." (exit 2), OutputError as "error: ..." (exit 1) and any other exception as
/// "moatsim <command> failed: ..." (exit 1).
int run_reporting_errors(const std::string& command, const std::string& usage,
                         const boost::program_options::options_description& desc,
                         const std::function<int()>& body);

/// The frame of every command: inside run_reporting_errors, parse() the arguments, print
/// usage and options for --help, else run body(vm).
int run_parsed_command(
    const std::string& command, const std::string& usage,
    const boost::program_options::options_description& desc,
    const std::function<boost::program_options::variables_map()>& parse,
    const std::function<int(const boost::program_options::variables_map&)>& body);

/// The options every command that writes a result directory takes: --help, --out (default
/// `out_default`), --threads and --quiet (which silences `quiet_what`).
[[nodiscard]] boost::program_options::options_description command_options(
    const std::string& title, const std::string& out_default, const std::string& quiet_what);

/// The frame of a command that takes one SCENARIO (or sweep/analysis file): parses args with
/// desc, prints usage and options for --help, else runs body(vm) — all inside
/// run_reporting_errors.
int run_scenario_command(const std::string& command, const std::string& usage,
                         const boost::program_options::options_description& desc,
                         const std::vector<std::string>& args,
                         const std::function<int(const boost::program_options::variables_map&)>& body);

}  // namespace moatsim::cli
