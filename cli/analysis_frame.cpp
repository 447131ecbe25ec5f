#include "cli/analysis_frame.hpp"


#include "cli/command_frame.hpp"
#include "cli/run_manifest.hpp"

namespace moatsim::cli {

EvaluationCallbacks progress_callbacks(std::unique_ptr<ProgressBar>& bar, const std::string& label,
                                       bool quiet) {
    EvaluationCallbacks callbacks;
    callbacks.on_start = [&bar, label, quiet](std::uint64_t rows) {
        bar = std::make_unique<ProgressBar>(label, rows, !quiet && ProgressBar::stderr_is_terminal());
    };
    callbacks.on_tick = [&bar] { bar->advance(); };
    callbacks.on_note = [](const std::string& note) { log_repairs({note}); };
    return callbacks;
}

Manifest analysis_manifest(const std::string& command, const std::vector<std::string>& args,
                           const Scenario& base, std::chrono::system_clock::time_point started,
                           double seconds) {
    Manifest m;
    m.command = command;
    m.command_line = command_line(command, args);
    add_scenario_inputs(m, "base", base);
    m.seeds = {base.run.seed};
    m.threads = worker_threads();
    m.started = started;
    m.wall_seconds = seconds;
    return m;
}

}  // namespace moatsim::cli
