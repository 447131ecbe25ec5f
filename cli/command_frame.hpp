#pragma once
// What every subcommand does the same way: the --threads limit, and turning errors into one
// message and an exit code (2 for bad input or usage, 1 for anything else).
#include <boost/program_options.hpp>
#include <tbb/global_control.h>

#include <functional>
#include <optional>
#include <string>

namespace moatsim::cli {

/// A TBB thread limit from --threads, or none. @throws InputError if it is < 1.
[[nodiscard]] std::optional<tbb::global_control> thread_limit(
    const boost::program_options::variables_map& vm);

/// Runs body(), reporting po::error with the usage and options (exit 2), InputError as
/// "error: ..." (exit 2) and any other exception as "moatsim <command> failed: ..." (exit 1).
int run_reporting_errors(const std::string& command, const std::string& usage,
                         const boost::program_options::options_description& desc,
                         const std::function<int()>& body);

}  // namespace moatsim::cli
