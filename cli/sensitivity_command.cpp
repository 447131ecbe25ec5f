// `moatsim sensitivity SA.toml`: Sobol indices or Morris screening of the file's outputs over
// its uncertain parameters (docs/SENSITIVITY.md); rerunning after an interruption resumes.
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli/analysis_frame.hpp"
#include "cli/command_frame.hpp"
#include "cli/command_run.hpp"
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "cli/run_manifest.hpp"
#include "cli/scenario_options.hpp"
#include "cli/analysis_chart_files.hpp"
#include "core/input_error.hpp"
#include "experiments/sensitivity_analysis.hpp"
#include "io/atomic_file.hpp"
#include "io/manifest.hpp"
#include "experiments/job_executor.hpp"

namespace moatsim::cli {
namespace {

constexpr const char* sensitivity_usage = "Usage: moatsim sensitivity SA.toml [options]\n";

void print_table(const SensitivitySpec& spec, const SensitivityResult& r) {
    for (std::size_t o = 0; o < spec.outputs.size(); ++o) {
        std::cout << "\n" << (spec.alternative ? "ALT - BASE " : "") << spec.outputs[o].label();
        if (spec.method == SensitivitySpec::Method::sobol) {
            const SobolIndices& s = r.sobol[o];
            std::cout << fmt::format("  (mean {:.4g}, sd {:.3g})\n", s.mean, std::sqrt(s.variance))
                      << fmt::format("  {:<40} {:>22} {:>22}\n", "parameter", "S1 [interval]", "ST [interval]");
            for (std::size_t i = 0; i < spec.parameters.size(); ++i)
                std::cout << fmt::format("  {:<40} {:6.3f} [{:6.3f},{:6.3f}] {:6.3f} [{:6.3f},{:6.3f}]\n",
                                         spec.parameters[i].key, s.first[i].value, s.first[i].lo,
                                         s.first[i].hi, s.total[i].value, s.total[i].lo, s.total[i].hi);
        } else {
            std::cout << fmt::format("\n  {:<40} {:>10} {:>10} {:>10}\n", "parameter", "mu*", "mu", "sigma");
            for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
                const MorrisEffect& e = r.morris[o][i];
                std::cout << fmt::format("  {:<40} {:10.4g} {:10.4g} {:10.4g}\n",
                                         spec.parameters[i].key, e.mu_star, e.mu, e.sigma);
            }
        }
    }
}

int sensitivity(const po::variables_map& vm, const std::vector<std::string>& args) {
    CommandRun command("sensitivity", args, vm);
    const bool quiet = command.quiet();
    if (!vm.count("scenario")) throw InputError("moatsim sensitivity: missing SA.toml");
    const std::filesystem::path file = vm["scenario"].as<std::string>();
    const SensitivitySpec spec = load_sensitivity(file, overrides_from(vm));
    const Scenario base = load_scenario(spec.base, spec.overrides);
    log_skipped_events(base);
    const std::filesystem::path out_dir =
        output_directory(vm, std::filesystem::path("results") / spec.name);

    std::unique_ptr<ProgressBar> bar;
    const EvaluationCallbacks callbacks = progress_callbacks(bar, spec.name, quiet);
    const SensitivityResult r = run_sensitivity(spec, out_dir, callbacks);
    if (!job_executor().writes_outputs()) return exit_ok;  // an MPI rank that only computed
    if (bar) bar->finish();
    Manifest m = command.manifest(base.run.seed);
    const double seconds = m.wall_seconds;
    add_scenario_inputs(m, "base", base);
    m.inputs.insert(m.inputs.begin(), ManifestInput{"sensitivity", file});
    if (spec.alternative) m.inputs.push_back({"alternative", *spec.alternative});
    m.counts = {{"evaluations", static_cast<std::int64_t>(r.evaluations)},
                {"blocks", static_cast<std::int64_t>(r.blocks)},
                {"blocks_resumed", static_cast<std::int64_t>(r.resumed)},
                {"replicates", static_cast<std::int64_t>(base.run.replicates)},
                {"samples", spec.samples}};
    // The charts' subtitles need these; sensitivity.csv does not hold them.
    if (spec.method == SensitivitySpec::Method::sobol) {
        m.counts.push_back({"bootstrap", spec.bootstrap});
        m.notes.push_back({"confidence", fmt::format("{}", spec.confidence)});
    } else {
        m.counts.push_back({"levels", spec.levels});
    }
    write_manifest(out_dir, m);
    write_analysis_charts(out_dir);  // from the directory as written, as `moatsim report` draws them

    if (!quiet) {
        std::cout << "Sensitivity " << spec.name << ": " << r.evaluations << " evaluation(s) of "
                  << spec.parameters.size() << " parameter(s)"
                  << (spec.alternative ? ", each a pair BASE/ALT" : "");
        if (r.resumed > 0) std::cout << ", " << r.resumed << " of " << r.blocks << " block(s) resumed";
        std::cout << ", in " << fmt::format("{:.2f}", seconds) << " s.\n";
        print_table(spec, r);
        std::cout << "\nCSV written to " << out_dir.string() << "/sensitivity.csv\n";
    }
    return exit_ok;
}

}  // namespace

int sensitivity_command(const std::vector<std::string>& args) {
    po::options_description desc = command_options("Sensitivity options", "results/<name>",
                                                   "progress bar, table or log messages");
    add_override_options(desc);
    return run_scenario_command("sensitivity", sensitivity_usage, desc, args,
                                [&](const po::variables_map& vm) { return sensitivity(vm, args); });
}

}  // namespace moatsim::cli
