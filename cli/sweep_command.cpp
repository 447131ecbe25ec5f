// `moatsim sweep SWEEP.toml`: every run of a sweep's design, in parallel, streamed to one tidy
// CSV; rerunning the same command after an interruption resumes it.
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/command_frame.hpp"
#include "cli/command_run.hpp"
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "cli/run_manifest.hpp"
#include "cli/scenario_options.hpp"
#include "core/input_error.hpp"
#include "experiments/sweep_runner.hpp"
#include "io/manifest.hpp"
#include "experiments/job_executor.hpp"

namespace moatsim::cli {
namespace {

constexpr const char* sweep_usage = "Usage: moatsim sweep SWEEP.toml [options]\n";

int sweep(const po::variables_map& vm, const std::vector<std::string>& args) {
    CommandRun command("sweep", args, vm);
    const bool quiet = command.quiet();
    if (!vm.count("scenario")) throw InputError("moatsim sweep: missing SWEEP.toml");
    const std::filesystem::path file = vm["scenario"].as<std::string>();
    const SweepSpec spec = load_sweep(file, overrides_from(vm));
    const Scenario base = load_scenario(spec.base, spec.overrides);
    log_skipped_events(base);
    const std::filesystem::path out_dir =
        output_directory(vm, std::filesystem::path("results") / spec.name);

    std::unique_ptr<ProgressBar> bar;
    SweepCallbacks callbacks;
    callbacks.on_note = [](const std::string& note) { log_repairs({note}); };
    callbacks.on_start = [&](std::uint64_t rows) {
        bar = std::make_unique<ProgressBar>(spec.name, rows,
                                            !quiet && ProgressBar::stderr_is_terminal());
    };
    callbacks.on_tick = [&bar] { bar->advance(); };
    const SweepSummary summary = run_sweep(spec, {out_dir}, callbacks);
    if (!job_executor().writes_outputs()) return exit_ok;  // an MPI rank that only computed
    if (bar) bar->finish();
    Manifest m = command.manifest(summary.seed);
    const double seconds = m.wall_seconds;
    m.inputs.push_back({"sweep", file});
    add_scenario_inputs(m, "base scenario", base);
    m.counts = {{"runs", static_cast<std::int64_t>(summary.runs)},
                {"runs_resumed", static_cast<std::int64_t>(summary.resumed)},
                {"replicates", static_cast<std::int64_t>(summary.replicates)}};
    write_manifest(out_dir, m);

    if (!quiet) {
        std::cout << "Sweep " << spec.name << ": " << summary.runs << " run(s) x "
                  << summary.replicates << " replicate(s)";
        if (summary.resumed > 0) std::cout << ", " << summary.resumed << " already done (resumed)";
        std::cout << ", in " << fmt::format("{:.2f}", seconds) << " s.\nCSV written to "
                  << out_dir.string() << "/ (sweep.csv, runs.csv, manifest.json)\n";
    }
    return exit_ok;
}

}  // namespace

int sweep_command(const std::vector<std::string>& args) {
    po::options_description desc = command_options("Sweep options", "results/<sweep name>",
                                                   "progress bar, summary or log messages");
    add_override_options(desc);
    return run_scenario_command("sweep", sweep_usage, desc, args,
                                [&](const po::variables_map& vm) { return sweep(vm, args); });
}

}  // namespace moatsim::cli
