// moatsim_bench: times one replicate of a scenario, set-up separately from the tick loop.
// Reports wall time per tick, enterprise decisions (adoptions + reviews) per second,
// enterprise-ticks per second and peak memory per enterprise. Never used as a test.
//
//   moatsim_bench [SCENARIO.toml] [--enterprises N] [--ticks T] [--threads K]
//                 [--mode stochastic|expected] [--kernel fast|reference]
#include <sys/resource.h>
#include <tbb/global_control.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "core/input_error.hpp"
#include "experiments/ensemble.hpp"
#include "market/replicate.hpp"
#include "market/scenario_loader.hpp"

using namespace moatsim;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

long peak_rss_bytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss * 1024L;  // Linux reports kilobytes
}

}  // namespace

int main(int argc, char** argv) {
    std::string file = MOATSIM_SOURCE_DIR "/scenarios/baseline.toml";
    ScenarioOverrides o;
    o.enterprises = 100000;
    o.ticks = 120;
    o.replicates = 1;
    int threads = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "moatsim_bench: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--enterprises") o.enterprises = std::stoll(next());
        else if (a == "--ticks") o.ticks = std::stoi(next());
        else if (a == "--threads") threads = std::stoi(next());
        else if (a == "--mode") o.mode = parse_enum<Mode>(next()).value_or(Mode::stochastic);
        else if (a == "--kernel") o.kernel = parse_enum<Kernel>(next()).value_or(Kernel::fast);
        else if (a.rfind("--", 0) == 0) {
            std::fprintf(stderr, "moatsim_bench: unknown option %s\n", a.c_str());
            return 2;
        } else file = a;
    }
    std::optional<tbb::global_control> limit;
    if (threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, threads);
    try {
        const Scenario s = load_scenario(file, o);
        const auto setup_start = Clock::now();
        const Population pop = replicate_population(s, 0);
        const double draw = seconds_since(setup_start);
        auto phase = Clock::now();
        const std::vector<double> brands = scenario_brands(s, pop);
        const double calibrate = seconds_since(phase);
        phase = Clock::now();
        Replicate replicate(s, pop, 0, brands);
        replicate.initialize();
        const double initial = seconds_since(phase);
        const double setup = seconds_since(setup_start);

        const auto loop_start = Clock::now();
        double decisions = 0.0;
        for (int t = 1; t <= s.run.ticks; ++t) decisions += replicate.advance().decisions;
        const double loop = seconds_since(loop_start);

        const double n = static_cast<double>(pop.count());
        std::printf("scenario=%s mode=%s enterprises=%.0f ticks=%d threads=%s\n", s.name.c_str(),
                    std::string(to_string(s.run.mode)).c_str(), n, s.run.ticks,
                    threads > 0 ? std::to_string(threads).c_str() : "all");
        std::printf("setup_s=%.3f loop_s=%.3f total_s=%.3f ms_per_tick=%.3f\n", setup, loop,
                    setup + loop, 1e3 * loop / s.run.ticks);
        std::printf("setup: draw_s=%.3f calibrate_s=%.3f initial_allocation_s=%.3f\n", draw,
                    calibrate, initial);
        std::printf("decisions_per_s=%.4g enterprise_ticks_per_s=%.4g\n", decisions / loop,
                    n * s.run.ticks / loop);
        std::printf("peak_rss_bytes=%ld bytes_per_enterprise=%.1f\n", peak_rss_bytes(),
                    peak_rss_bytes() / n);
        return 0;
    } catch (const InputError& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
}
