// `moatsim uncertainty BASE.toml ALT.toml --priors PRIORS.toml --draws N`: the effect ALT - BASE
// per tick across draws of the uncertain parameters (docs/SENSITIVITY.md), each draw a pair
// on common random numbers; a fan chart per cloud. Resumable like a sweep.
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli/analysis_chart_files.hpp"
#include "cli/analysis_frame.hpp"
#include "cli/command_frame.hpp"
#include "cli/command_run.hpp"
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "cli/run_manifest.hpp"
#include "cli/scenario_options.hpp"
#include "core/input_error.hpp"
#include "experiments/uncertainty_analysis.hpp"
#include "io/atomic_file.hpp"
#include "io/manifest.hpp"
#include "experiments/job_executor.hpp"

namespace moatsim::cli {
namespace {

constexpr const char* uncertainty_usage =
    "Usage: moatsim uncertainty BASE.toml ALT.toml --priors PRIORS.toml [--draws N] [options]\n";

int uncertainty(const po::variables_map& vm, const std::vector<std::string>& args) {
    CommandRun command("uncertainty", args, vm);
    const bool quiet = command.quiet();
    if (!vm.count("base") || !vm.count("alt"))
        throw InputError("moatsim uncertainty: expected two scenario files, BASE.toml and ALT.toml");
    if (!vm.count("priors"))
        throw InputError("moatsim uncertainty: --priors PRIORS.toml is required");
    const int draws = vm["draws"].as<int>();
    if (draws < 2 || draws > 1'000'000) throw InputError("--draws: expected 2 .. 1000000, got " + std::to_string(draws));
    const auto metric = parse_metric(vm["metric"].as<std::string>());
    if (!metric) throw InputError("--metric: expected one of " + metric_names());
    const std::filesystem::path priors = vm["priors"].as<std::string>();
    const UncertaintySpec spec = load_uncertainty(vm["base"].as<std::string>(), vm["alt"].as<std::string>(),
                                                  priors, draws, *metric, overrides_from(vm));
    const Scenario base = load_scenario(spec.base, spec.overrides);
    log_skipped_events(base);
    const std::filesystem::path out_dir = output_directory(
        vm, std::filesystem::path("results") /
                ("uncertainty_" + base.name + "_vs_" + spec.alternative.stem().string()));

    std::unique_ptr<ProgressBar> bar;
    const EvaluationCallbacks callbacks = progress_callbacks(bar, "uncertainty", quiet);
    const UncertaintyResult r = run_uncertainty(spec, out_dir, callbacks);
    if (!job_executor().writes_outputs()) return exit_ok;  // an MPI rank that only computed
    if (bar) bar->finish();
    Manifest m = command.manifest(base.run.seed);
    const double seconds = m.wall_seconds;
    add_scenario_inputs(m, "base", base);
    m.inputs.insert(m.inputs.begin(), ManifestInput{"priors", priors});
    m.inputs.push_back({"alt", spec.alternative});
    m.counts = {{"draws", static_cast<std::int64_t>(r.draws)},
                {"draws_resumed", static_cast<std::int64_t>(r.resumed)},
                {"replicates", static_cast<std::int64_t>(base.run.replicates)},
                {"parameters", static_cast<std::int64_t>(spec.parameters.size())}};  // for the charts
    m.notes = {{"metric", metric_name(spec.metric)}};
    write_manifest(out_dir, m);
    write_analysis_charts(out_dir);  // from the directory as written, as `moatsim report` draws them

    if (!quiet) {
        const double scale = metric_is_fraction(spec.metric) ? 100.0 : 1.0;
        std::cout << fmt::format("Effect {} - {} on {} over {} draws (x{}), at the horizon:\n",
                                 spec.alternative.stem().string(), base.name, metric_name(spec.metric),
                                 r.draws, scale)
                  << fmt::format("  {:<12} {:>9} {:>9} {:>20} {:>20} {:>8}\n", "cloud", "mean", "median",
                                 "5-95%", "25-75%", "P(>0)");
        for (const EffectRow& e : r.rows)
            if (e.tick == base.run.ticks)
                std::cout << fmt::format("  {:<12} {:9.3f} {:9.3f} [{:8.3f},{:8.3f}] [{:8.3f},{:8.3f}] {:8.3f}\n",
                                         e.cloud, scale * e.mean, scale * e.median, scale * e.p05,
                                         scale * e.p95, scale * e.p25, scale * e.p75, e.p_positive);
        if (r.resumed > 0) std::cout << r.resumed << " of " << r.draws << " draw(s) resumed.\n";
        std::cout << "Ran in " << fmt::format("{:.2f}", seconds) << " s. CSV written to "
                  << (out_dir / "uncertainty.csv").string() << "\n";
    }
    return exit_ok;
}

}  // namespace

int uncertainty_command(const std::vector<std::string>& args) {
    po::options_description desc =
        command_options("Uncertainty options", "results/uncertainty_<base>_vs_<alt>",
                        "progress bar, table or log messages");
    desc.add_options()("priors", po::value<std::string>(),
                       "priors file: [[parameters]] with distributions (required)")(
        "draws", po::value<int>()->default_value(64), "parameter draws (each a BASE/ALT pair)")(
        "metric", po::value<std::string>()->default_value("share_workload"),
        "the metric whose effect to summarise");
    add_override_options(desc);
    return run_parsed_command(
        "uncertainty", uncertainty_usage, desc, [&] { return parse_base_alt(args, desc); },
        [&](const po::variables_map& vm) { return uncertainty(vm, args); });
}

}  // namespace moatsim::cli
