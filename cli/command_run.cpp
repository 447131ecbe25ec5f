#include "cli/command_run.hpp"

#include <spdlog/spdlog.h>

#include "cli/command_frame.hpp"
#include "cli/run_manifest.hpp"

namespace moatsim::cli {
namespace {

// Installs the signal cleanup and then reads --quiet: called in the first member's
// initialiser, so it runs before the ThreadLimit member creates any worker thread.
bool start_command(const boost::program_options::variables_map& vm) {
    remove_temporaries_on_signals();
    const bool quiet = vm.count("quiet") > 0;
    if (quiet) spdlog::set_level(spdlog::level::warn);
    return quiet;
}

}  // namespace

CommandRun::CommandRun(std::string command, const std::vector<std::string>& args,
                       const boost::program_options::variables_map& vm)
    : command_(std::move(command)),
      args_(args),
      quiet_(start_command(vm)),
      threads_(thread_limit(vm)),
      started_wall_(std::chrono::system_clock::now()),
      started_(std::chrono::steady_clock::now()) {}

void CommandRun::start_clock() {
    started_wall_ = std::chrono::system_clock::now();
    started_ = std::chrono::steady_clock::now();
}

double CommandRun::seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

Manifest CommandRun::manifest(std::uint64_t seed) const {
    Manifest m;
    m.command = command_;
    m.command_line = command_line(command_, args_);
    m.seeds = {seed};
    m.threads = worker_threads();
    m.started = started_wall_;
    m.wall_seconds = seconds();
    return m;
}

}  // namespace moatsim::cli
