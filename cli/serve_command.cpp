// `moatsim serve`: the classroom in a browser (docs/SERVE.md). Parses options, loads the
// scenarios of --scenarios once, and runs the classroom server until Ctrl-C or SIGTERM.
#include <spdlog/spdlog.h>

#include <boost/asio/ip/host_name.hpp>

#include <iostream>
#include <thread>

#include "classroom/classroom_server.hpp"
#include "classroom/scenario_shelf.hpp"
#include "cli/command_frame.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"
#include "core/input_error.hpp"

namespace moatsim::cli {
namespace {

constexpr const char* serve_usage =
    "Usage: moatsim serve [--host 127.0.0.1] [--port 8080] [--scenarios DIR] [options]\n"
    "  A classroom in the browser: open http://HOST:PORT/, pick a scenario, play it month by\n"
    "  month and pull levers; each browser tab is its own world beside the baseline (same\n"
    "  enterprises and random numbers). Scenarios are the *.toml files of DIR, loaded once\n"
    "  at start-up; clients choose them by name. Ctrl-C stops. Protocol and caps: docs/SERVE.md.\n";

constexpr std::int64_t max_enterprises = 200000;

int serve(const po::variables_map& vm) {
    ServerOptions options;
    options.host = vm["host"].as<std::string>();
    const int port = vm["port"].as<int>();
    if (port < 0 || port > 65535)
        throw InputError("--port: expected 0..65535, got " + std::to_string(port));
    options.port = static_cast<std::uint16_t>(port);
    const std::int64_t enterprises = vm["enterprises"].as<std::int64_t>();
    if (enterprises < 1 || enterprises > max_enterprises)
        throw InputError("--enterprises: expected 1.." + std::to_string(max_enterprises) +
                         " per session, got " + std::to_string(enterprises));
    options.caps.max_sessions = vm["max-sessions"].as<int>();
    if (options.caps.max_sessions < 1 || options.caps.max_sessions > 1000)
        throw InputError("--max-sessions: expected 1..1000, got " + std::to_string(options.caps.max_sessions));
    options.caps.idle_seconds = vm["idle"].as<int>();
    if (options.caps.idle_seconds < 1 || options.caps.idle_seconds > 86400)
        throw InputError("--idle: expected 1..86400 seconds, got " + std::to_string(options.caps.idle_seconds));
    options.threads = vm.count("threads") ? vm["threads"].as<int>()
                                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (options.threads < 1 || options.threads > 256)
        throw InputError("--threads: expected 1..256, got " + std::to_string(options.threads));
    // Sessions are the parallelism: each world steps on one server thread. A parallel loop
    // inside a 20 000-enterprise month costs more in hand-offs than it saves (docs/SERVE.md).
    const ThreadLimit one_thread_per_world(1);

    const auto dir = vm["scenarios"].as<std::string>();
    spdlog::info("loading the scenarios of {} ({} enterprises each, expected mode)", dir, enterprises);
    std::vector<std::string> skipped;
    ScenarioShelf shelf = ScenarioShelf::load(dir, enterprises, skipped);
    for (const auto& s : skipped) spdlog::warn("scenario left out: {}", s);
    std::string names;
    for (const ShelfEntry* e : shelf.entries()) names += (names.empty() ? "" : ", ") + e->name;
    spdlog::info("{} scenario(s): {}", shelf.entries().size(), names);

    ClassroomServer server(std::move(shelf), options);
    try {
        server.start();
    } catch (const std::exception& e) {  // boost::system::system_error: taken port, bad address
        throw InputError("cannot listen on " + options.host + ":" + std::to_string(port) + ": " + e.what());
    }
    const bool any = options.host == "0.0.0.0" || options.host == "::";
    const std::string shown = any ? boost::asio::ip::host_name() : options.host;
    std::cout << "moatsim serve: open http://" << shown << ":" << server.port() << "/"
              << (any ? "  (students: this machine's name or address on the class network)" : "")
              << "\n  caps: " << options.caps.max_sessions << " sessions, " << enterprises
              << " enterprises each, idle " << options.caps.idle_seconds << " s; Ctrl-C stops"
              << std::endl;
    server.wait(true);
    spdlog::info("stopped");
    return exit_ok;
}

}  // namespace

int serve_command(const std::vector<std::string>& args) {
    po::options_description desc("Serve options");
    desc.add_options()
        ("help,h", "show this help")
        ("host", po::value<std::string>()->default_value("127.0.0.1"),
         "address to listen on (0.0.0.0: every interface, for a classroom)")
        ("port", po::value<int>()->default_value(8080), "TCP port (0: any free port)")
        ("scenarios", po::value<std::string>()->default_value("scenarios"),
         "directory whose *.toml scenarios are offered")
        ("enterprises", po::value<std::int64_t>()->default_value(20000),
         "simulated enterprises per world (cap 200000)")
        ("max-sessions", po::value<int>()->default_value(40), "concurrent sessions (cap)")
        ("idle", po::value<int>()->default_value(900), "seconds without a message before a session is closed")
        ("threads", po::value<int>(), "threads serving and stepping sessions (default: all cores)");
    return run_parsed_command(
        "serve", serve_usage, desc, [&] { return parse_options_only(args, desc); },
        [&](const po::variables_map& vm) { return serve(vm); });
}

}  // namespace moatsim::cli
