#include "cli/command_frame.hpp"

#include <iostream>

#include "core/input_error.hpp"
#include "cli/commands.hpp"

namespace moatsim::cli {

std::optional<tbb::global_control> thread_limit(const boost::program_options::variables_map& vm) {
    std::optional<tbb::global_control> limit;
    if (vm.count("threads")) {
        const int n = vm["threads"].as<int>();
        if (n < 1) throw InputError("--threads: expected an integer >= 1, got " + std::to_string(n));
        limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(n));
    }
    return limit;
}

int run_reporting_errors(const std::string& command, const std::string& usage,
                         const boost::program_options::options_description& desc,
                         const std::function<int()>& body) {
    try {
        return body();
    } catch (const boost::program_options::error& e) {
        std::cerr << "moatsim " << command << ": " << e.what() << "\n" << usage << desc;
        return exit_bad_input;
    } catch (const InputError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return exit_bad_input;
    } catch (const std::exception& e) {
        std::cerr << "moatsim " << command << " failed: " << e.what() << "\n";
        return exit_failure;
    }
}

}  // namespace moatsim::cli
