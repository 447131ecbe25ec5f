#include "cli/command_frame.hpp"
#include "cli/scenario_options.hpp"

#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <mutex>
#include <thread>

#include "core/input_error.hpp"
#include "core/input_text.hpp"
#include "cli/commands.hpp"
#include "market/tick_check.hpp"
#include "io/temporaries.hpp"

namespace moatsim::cli {

ThreadLimit thread_limit(const boost::program_options::variables_map& vm) {
    if (!vm.count("threads")) return ThreadLimit(0);
    const int n = vm["threads"].as<int>();
    if (n < 1 || n > max_thread_limit)
        throw InputError("--threads: expected an integer in [1, " + std::to_string(max_thread_limit) +
                         "], got " + std::to_string(n));
    return ThreadLimit(n);
}

std::filesystem::path output_directory(const boost::program_options::variables_map& vm,
                                       const std::filesystem::path& fallback) {
    if (!vm.count("out")) return fallback;
    const std::string out = vm["out"].as<std::string>();
    if (out.empty())
        throw InputError("--out: expected an output directory, got an empty path");
    return out;
}

void log_repairs(const std::vector<std::string>& notes) {
    for (const auto& note : notes) spdlog::warn("{}", note);
}

namespace {
std::mutex stop_note_mutex;
std::function<std::string()> stop_note_source;

std::string stop_note() {
    const std::lock_guard lock(stop_note_mutex);
    return stop_note_source ? stop_note_source() : std::string();
}
}  // namespace

void set_stop_note(std::function<std::string()> note) {
    const std::lock_guard lock(stop_note_mutex);
    stop_note_source = std::move(note);
}

void remove_temporaries_on_signals() {
    static std::once_flag once;
    std::call_once(once, [] {
        // The signals are blocked in every thread and taken by one thread with sigwait, so
        // the cleanup runs as ordinary code (a handler may not walk directories), while the
        // computation is left running until it is done.
        sigset_t set;
        sigemptyset(&set);
        for (const int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, s);
        if (pthread_sigmask(SIG_BLOCK, &set, nullptr) != 0) return;
        std::thread([set] {
            int signo = 0;
            while (sigwait(&set, &signo) != 0) {}
            remove_registered_temporaries();
            const std::string note = stop_note();
            if (note != silent_stop)
                std::fprintf(stderr, "\nmoatsim: stopped by %s; unfinished output removed, any "
                             "previous result left as it was\n", strsignal(signo));
            if (!note.empty() && note != silent_stop) std::fprintf(stderr, "moatsim: %s\n", note.c_str());
            std::_Exit(128 + signo);
        }).detach();
    });
}

int run_reporting_errors(const std::string& command, const std::string& usage,
                         const boost::program_options::options_description& desc,
                         const std::function<int()>& body) {
    try {
        return body();
    } catch (const boost::program_options::error& e) {
        // Boost echoes the offending option whole: escape and cut it like any other echo.
        std::cerr << "moatsim " << command << ": " << shown(e.what(), 300) << "\n" << usage << desc;
        return exit_bad_input;
    } catch (const InputError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return exit_bad_input;
    } catch (const OutputError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return exit_failure;
    } catch (const SimulationError& e) {  // a numeric blow-up: not bad input, nothing written
        std::cerr << "moatsim " << command << ": " << e.what() << "\n";
        return exit_failure;
    } catch (const std::exception& e) {
        std::cerr << "moatsim " << command << " failed: " << e.what() << "\n";
        return exit_failure;
    }
}

int run_parsed_command(
    const std::string& command, const std::string& usage,
    const boost::program_options::options_description& desc,
    const std::function<boost::program_options::variables_map()>& parse,
    const std::function<int(const boost::program_options::variables_map&)>& body) {
    return run_reporting_errors(command, usage, desc, [&] {
        const auto vm = parse();
        if (vm.count("help")) {
            std::cout << usage << desc;
            return exit_ok;
        }
        return body(vm);
    });
}

int run_scenario_command(
    const std::string& command, const std::string& usage,
    const boost::program_options::options_description& desc, const std::vector<std::string>& args,
    const std::function<int(const boost::program_options::variables_map&)>& body) {
    return run_parsed_command(
        command, usage, desc, [&] { return parse_with_scenario(args, desc); }, body);
}

boost::program_options::options_description command_options(const std::string& title,
                                                            const std::string& out_default,
                                                            const std::string& quiet_what) {
    namespace po = boost::program_options;
    po::options_description desc(title);
    desc.add_options()("help,h", "show this help")(
        "out", po::value<std::string>(),
        ("output directory (default " + out_default + ")").c_str())(
        "threads", po::value<int>(), "worker threads (default: all cores)")(
        "quiet,q", ("no " + quiet_what + " (warnings still print)").c_str());
    return desc;
}

}  // namespace moatsim::cli
