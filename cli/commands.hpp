#pragma once
// Subcommands of the moatsim executable. Each takes the arguments after its name and
// returns the process exit code.
#include <string>
#include <vector>

namespace moatsim::cli {

int run_command(const std::vector<std::string>& args);
int validate_command(const std::vector<std::string>& args);
int compare_command(const std::vector<std::string>& args);
int sweep_command(const std::vector<std::string>& args);
int plot_command(const std::vector<std::string>& args);
int report_command(const std::vector<std::string>& args);
int live_command(const std::vector<std::string>& args);
int serve_command(const std::vector<std::string>& args);
int sensitivity_command(const std::vector<std::string>& args);
int uncertainty_command(const std::vector<std::string>& args);
int backtest_command(const std::vector<std::string>& args);
int calibrate_command(const std::vector<std::string>& args);
int schema_command(const std::vector<std::string>& args);

/// The program's command line after its name: runs one subcommand (main.cpp).
int dispatch_command(std::vector<std::string> args);
/// main() of one rank of an MPI job (cli/mpi_main.cpp; builds with MOATSIM_MPI).
int main_under_mpi(int argc, char** argv);

/// Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_bad_input = 2;

}  // namespace moatsim::cli
