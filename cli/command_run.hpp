#pragma once
// What every command that computes does the same way at its start and its end: signal
// cleanup of temporaries, --quiet (warnings only), the --threads limit for as long as it
// computes, the clock, and the common fields of its manifest.json.
#include <boost/program_options.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "experiments/thread_limit.hpp"
#include "io/manifest.hpp"

namespace moatsim::cli {

class CommandRun {
public:
    /// Installs the signal cleanup (before any worker thread exists), applies --quiet and
    /// --threads and starts the clock. @throws InputError for a --threads below 1.
    CommandRun(std::string command, const std::vector<std::string>& args,
               const boost::program_options::variables_map& vm);

    [[nodiscard]] bool quiet() const noexcept { return quiet_; }
    /// Restarts the clock where the computing starts, for commands that load and check
    /// inputs first (their manifest's wall time and printed time are the computing's).
    void start_clock();
    /// Seconds since the clock started.
    [[nodiscard]] double seconds() const;
    /// command, command line as typed, {seed}, worker threads, start and wall time so far;
    /// the caller adds its inputs, counts and notes.
    [[nodiscard]] Manifest manifest(std::uint64_t seed) const;

private:
    std::string command_;
    std::vector<std::string> args_;
    bool quiet_;
    ThreadLimit threads_;
    std::chrono::system_clock::time_point started_wall_;
    std::chrono::steady_clock::time_point started_;
};

}  // namespace moatsim::cli
