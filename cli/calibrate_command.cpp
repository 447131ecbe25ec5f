// `moatsim calibrate CALIBRATION.toml`: fit the declared free parameters to the history
// (NLopt: global search, then BOBYQA, from several deterministic starts), profile each for
// its interval, and write the estimates, residuals, errors by date, profiles, correlations
// and a calibrated scenario (docs/CALIBRATE.md). Non-convergence: exit 1, nothing written.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>

#include "cli/command_frame.hpp"
#include "cli/command_run.hpp"
#include "cli/commands.hpp"
#include "cli/run_manifest.hpp"
#include "cli/scenario_options.hpp"
#include "core/input_error.hpp"
#include "experiments/calibration_output.hpp"
#include "io/atomic_file.hpp"
#include "io/manifest.hpp"
#include "io/result_directory.hpp"
#include "experiments/job_executor.hpp"

namespace moatsim::cli {
namespace {

constexpr const char* calibrate_usage =
    "Usage: moatsim calibrate CALIBRATION.toml [options]\n"
    "Fits the file's free parameters to the history and writes estimates with profile\n"
    "intervals, residuals and a calibrated scenario (docs/CALIBRATE.md).\n";

std::string estimates_table(const CalibrationSpec& spec, const CalibrationReport& r) {
    std::string out = fmt::format("{:<26} {:>10} {:>22}\n", "parameter", "estimate", "68% profile interval");
    for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
        const auto& e = r.uncertainty.estimates[p];
        if (!e.identified) {
            out += fmt::format("{:<26} {:>10} (profile rises {:.2g} < 1 over the bounds)\n",
                               spec.parameters[p].name, "not identified", e.max_rise);
            continue;
        }
        out += fmt::format("{:<26} {:>10.4g} [{}{:.4g}, {:.4g}{}]\n", spec.parameters[p].name, e.value,
                           e.lower_closed ? "" : "<=", e.lower, e.upper, e.upper_closed ? "" : "+");
    }
    out += fmt::format("objective {:.4g} = observations {:.4g} + switching {:.4g} (rate {:.2f}%/yr)\n",
                       r.at_fit.objective, r.at_fit.chi2, r.at_fit.switching_term,
                       100 * r.at_fit.switching_rate);
    out += fmt::format("RMSE in sample {:.2f} pt ({} points)", 100 * r.in_sample_rmse, r.in_sample_points);
    if (r.out_of_sample_points > 0)
        out += fmt::format(", out of sample {:.2f} pt ({} points)", 100 * r.out_of_sample_rmse,
                           r.out_of_sample_points);
    out += "\nRMSE by series (pt, in and out of sample):";
    for (const auto& f : r.at_fit.backtest.series) out += fmt::format(" {} {:.2f}", f.series, 100 * f.rmse);
    out += "\nRMSE by observation date (pt):";
    for (const auto& d : r.by_date)
        out += fmt::format(" {}{} {:.1f}", d.date.to_string(), d.in_sample ? "" : "*", 100 * d.rmse);
    return out + (r.out_of_sample_points > 0 ? "\n(* out of sample: predicted, not fitted)\n" : "\n");
}

int calibrate(const po::variables_map& vm, const std::vector<std::string>& args) {
    CommandRun command("calibrate", args, vm);
    const bool quiet = command.quiet();
    if (!vm.count("scenario")) throw InputError("moatsim calibrate: missing CALIBRATION.toml");
    CalibrationSpec spec = load_calibration(vm["scenario"].as<std::string>());
    if (vm.count("fit-until")) {
        YearMonth until;
        if (!parse_year_month(vm["fit-until"].as<std::string>(), until))
            throw InputError("--fit-until: expected a month YYYY-MM, got '" +
                             vm["fit-until"].as<std::string>() + "'");
        spec.fit_until = until;
    }
    const HistoryObjective objective(spec, read_history(spec.data));
    if (!job_executor().writes_outputs()) {  // an MPI rank that only computes (docs/MPI.md)
        (void)report_calibration(objective, fit_parameters(objective));
        return exit_ok;
    }
    ResultDirectory result_dir(output_directory(vm, std::filesystem::path("results") / spec.name));
    log_repairs(result_dir.notes());
    const std::filesystem::path emit = vm.count("emit")
                                           ? std::filesystem::path(vm["emit"].as<std::string>())
                                           : result_dir.target() / "calibrated.toml";

    spdlog::info("fitting {} parameter(s) to {} observations, {} start(s)", spec.parameters.size(),
                 objective.history().size(), spec.starts);
    command.start_clock();
    FitResult fit;
    try {
        fit = fit_parameters(objective);
    } catch (const ConvergenceError& e) {
        std::string state;
        for (std::size_t p = 0; p < spec.parameters.size(); ++p)
            state += fmt::format("{}{} = {:.6g}", p ? ", " : "", spec.parameters[p].name, e.values[p]);
        std::cerr << "error: calibration did not converge: " << e.what() << "\nlast state: " << state
                  << "; objective " << fmt::format("{:.6g}", e.objective) << "\n";
        return exit_failure;
    }
    CalibrationReport report = report_calibration(objective, std::move(fit));
    report.seconds = command.seconds();

    write_calibration_outputs(result_dir.path(), objective, report);
    const Scenario root = load_scenario(spec.scenario, spec.overrides);
    const std::filesystem::path base_file = root.bases.empty() ? spec.scenario : root.bases.back();
    const std::filesystem::path emit_dir = std::filesystem::absolute(emit).parent_path();
    AtomicFile toml(result_dir.place(emit));
    toml.stream() << calibrated_scenario(
        objective, report,
        std::filesystem::relative(std::filesystem::absolute(base_file), emit_dir).generic_string());
    toml.commit();
    Manifest m = command.manifest(spec.seed);
    m.wall_seconds = report.seconds;  // the fit's, as printed
    m.inputs.push_back({"calibration", spec.source});
    add_scenario_inputs(m, "scenario", root);
    for (const auto& o : objective.history())  // each history file once, in the order read
        if (m.inputs.back().file != o.file) m.inputs.push_back({"history", o.file});
    m.counts = {{"evaluations", static_cast<std::int64_t>(report.fit.evaluations)},
                {"enterprises", *spec.overrides.enterprises}};
    write_manifest(result_dir.path(), m);
    result_dir.commit();
    if (!quiet) {
        std::cout << estimates_table(spec, report);
        std::cout << fmt::format("{} evaluations in {:.1f} s.\nWritten to {}/ (calibration.json, "
                                 "calibration.csv, residuals.csv, errors.csv, profile.csv, "
                                 "correlation.csv, manifest.json); scenario {}\n",
                                 report.fit.evaluations, report.seconds,
                                 result_dir.target().string(), emit.string());
    }
    return exit_ok;
}

}  // namespace

int calibrate_command(const std::vector<std::string>& args) {
    po::options_description desc =
        command_options("Calibrate options", "results/<calibration name>", "table or log messages");
    desc.add_options()("fit-until", po::value<std::string>(),
                       "fit observations up to YYYY-MM only; later ones are out of sample")(
        "emit", po::value<std::string>(),
        "where to write the calibrated scenario (default <out>/calibrated.toml)");
    return run_scenario_command("calibrate", calibrate_usage, desc, args,
                                [&](const po::variables_map& vm) { return calibrate(vm, args); });
}

}  // namespace moatsim::cli
