#include "cli/analysis_frame.hpp"

#include "cli/command_frame.hpp"

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

}  // namespace moatsim::cli
