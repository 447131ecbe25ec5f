// `moatsim live SCENARIO.toml`: one replicate run tick by tick for teaching. On a terminal it
// redraws share bars and sparklines per cloud (one stated scale for all rows), the GPU prices,
// the vendors with the catalog grid and its prices each month, and announces events as they fire
// (keys: space pause, n or right arrow step, + / - speed, q quit); into a pipe it prints one
// plain line per month and one per event. The replicate is the same as `moatsim run`'s
// replicate R with the same options (same calibration, population and draws).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <thread>

#include "core/input_error.hpp"
#include "cli/command_frame.hpp"
#include "cli/commands.hpp"
#include "cli/run_manifest.hpp"
#include "cli/scenario_options.hpp"
#include "cli/terminal.hpp"
#include "experiments/live_replicate.hpp"
#include "viz/live_frame.hpp"

namespace moatsim::cli {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* live_usage =
    "Usage: moatsim live SCENARIO.toml [options]\n"
    "  Runs one replicate month by month: share bars and sparklines per cloud on one stated\n"
    "  scale, GPU prices, vendors with the catalog grid (price per unit on each cloud that\n"
    "  offers them), and events as they fire, wrapped to the width. Keys: space pause/resume,\n"
    "  n or right arrow step one month while paused, + faster, - slower, q (or Ctrl-C) quit.\n"
    "  Into a pipe (or with --plain): one line per month, 'YYYY-MM  AWS 29.7%  ...', and one\n"
    "  per event, 'YYYY-MM: ...'.\n";

constexpr int min_speed = 10, max_speed = 5000;  // ms per month
constexpr int exit_interrupted = 130;              // 128 + SIGINT, as shells report Ctrl-C

int run_plain(LiveReplicate& m, std::optional<int> speed_ms) {
    LiveFrame frame = live_frame_for(m.scenario());
    std::size_t announced = 0;
    const auto emit = [&](const TickRecord& r) {
        record_tick(frame, m.scenario(), r, m.clouds(), m.vendors());
        for (; announced < frame.events.size(); ++announced)
            std::cout << plain_event_line(frame, frame.events[announced]) << '\n';
        std::cout << plain_tick_line(frame) << std::endl;  // flushed: a reader sees each month
    };
    emit(m.initialize());
    for (int t = 1; t <= m.scenario().run.ticks; ++t) {
        if (speed_ms) std::this_thread::sleep_for(std::chrono::milliseconds(*speed_ms));
        emit(m.advance());
    }
    return exit_ok;
}

std::string status_text(bool paused, bool finished, int speed_ms, bool keyboard) {
    if (finished) return keyboard ? "finished: q quits" : "finished";
    if (paused) return "paused: space resumes, n or → steps one month";
    return "running, " + std::to_string(speed_ms) + " ms per month";
}

int run_interactive(LiveReplicate& m, int speed_ms) {
    Terminal term;
    LiveFrame frame = live_frame_for(m.scenario());
    const TickRecord first = m.initialize();
    record_tick(frame, m.scenario(), first, m.clouds(), m.vendors());
    bool paused = false;
    TerminalSize drawn_size{};
    std::string drawn_status;
    auto due = Clock::now() + std::chrono::milliseconds(speed_ms);
    bool dirty = true;
    while (!Terminal::interrupted()) {
        const bool finished = frame.tick >= frame.ticks;
        frame.status = status_text(paused, finished, speed_ms, term.has_keyboard());
        const TerminalSize size = term.size();
        if (dirty || frame.status != drawn_status || size.columns != drawn_size.columns ||
            size.rows != drawn_size.rows) {
            term.write(render_frame(frame, size));
            drawn_status = frame.status, drawn_size = size, dirty = false;
        }
        if (finished && !term.has_keyboard()) break;
        // Wake for the next month, a key, or at least every 250 ms to notice a resize.
        int wait = 250;
        if (!paused && !finished)
            wait = static_cast<int>(std::clamp<long long>(
                std::chrono::duration_cast<std::chrono::milliseconds>(due - Clock::now()).count(), 0, 250));
        bool step = false;
        for (const Key k : term.read_keys(wait)) {
            switch (k) {
                case Key::quit: return exit_ok;
                case Key::interrupt: return exit_interrupted;
                case Key::pause:
                    paused = !paused;
                    due = Clock::now() + std::chrono::milliseconds(speed_ms);
                    break;
                case Key::step: step = step || paused; break;
                case Key::faster: speed_ms = std::max(min_speed, speed_ms / 2); break;
                case Key::slower: speed_ms = std::min(max_speed, speed_ms * 2); break;
            }
        }
        if (frame.tick >= frame.ticks) continue;
        if (step || (!paused && Clock::now() >= due)) {
            const TickRecord next = m.advance();
            record_tick(frame, m.scenario(), next, m.clouds(), m.vendors());
            due = Clock::now() + std::chrono::milliseconds(speed_ms);
            dirty = true;
        }
    }
    return exit_interrupted;  // a signal; ~Terminal restores the terminal on the way out
}

int live(const po::variables_map& vm) {
    if (!vm.count("scenario")) throw InputError("moatsim live: missing SCENARIO.toml");
    const ScenarioOverrides overrides = overrides_from(vm);  // one replicate: --reps is not an option
    int replicate = 0;
    if (vm.count("replicate")) {
        replicate = vm["replicate"].as<int>();
        if (replicate < 0) throw InputError("--replicate: expected an integer >= 0, got " + std::to_string(replicate));
    }
    std::optional<int> speed;
    if (vm.count("speed")) {
        speed = vm["speed"].as<int>();
        if (*speed < 0 || *speed > 60000)
            throw InputError("--speed: expected milliseconds per month in 0..60000, got " + std::to_string(*speed));
    }
    const auto threads = thread_limit(vm);
    spdlog::set_level(spdlog::level::warn);  // the view is the output

    Scenario scenario = load_scenario(vm["scenario"].as<std::string>(), overrides);
    log_skipped_events(scenario);
    LiveReplicate m(std::move(scenario), overrides, static_cast<std::uint64_t>(replicate));
    const bool plain = vm.count("plain") > 0 || !Terminal::is_terminal(1);
    if (plain) return run_plain(m, speed);
    return run_interactive(m, std::clamp(speed.value_or(200), min_speed, max_speed));
}

}  // namespace

int live_command(const std::vector<std::string>& args) {
    po::options_description desc("Live options");
    desc.add_options()
        ("help,h", "show this help")
        ("speed", po::value<int>(), "milliseconds per month (default 200 on a terminal, none in plain mode)")
        ("plain", "plain lines even on a terminal (no escape codes)")
        ("replicate", po::value<int>(), "which replicate's draws to show (default 0)");
    add_seed_option(desc);  // the same option, type and parser as run's (overrides_from)
    desc.add_options()
        ("ticks", po::value<int>(), "horizon in months (overrides run.ticks)")
        ("mode", po::value<std::string>(), "stochastic | expected (overrides run.mode)")
        ("enterprises", po::value<std::int64_t>(), "simulated enterprises (overrides population.enterprises)")
        ("threads", po::value<int>(), "worker threads (default: all cores)");
    return run_reporting_errors("live", live_usage, desc, [&] {
        const auto vm = parse_with_scenario(args, desc);
        if (vm.count("help")) {
            std::cout << live_usage << desc;
            return exit_ok;
        }
        return live(vm);
    });
}

}  // namespace moatsim::cli
