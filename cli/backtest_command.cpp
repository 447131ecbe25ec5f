// `moatsim backtest SCENARIO.toml --data DIR`: run a historical scenario (expected mode by
// default) and line it up with every published observation; write backtest.csv beside the
// run's own tables and print the fit per series (docs/BACKTEST.md).
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
#include "experiments/backtest.hpp"
#include "experiments/counterfactual.hpp"
#include "experiments/ensemble.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_tables.hpp"
#include "io/manifest.hpp"
#include "io/result_directory.hpp"

namespace moatsim::cli {
namespace {

constexpr const char* backtest_usage =
    "Usage: moatsim backtest SCENARIO.toml --data DIR|FILE [options]\n"
    "Runs the scenario (expected mode unless --mode says otherwise), lines it up with every\n"
    "observation of the history files by date and writes backtest.csv (docs/BACKTEST.md).\n";

std::string fit_table(const BacktestResult& b) {
    std::string out = fmt::format("{:<12} {:>6} {:>10} {:>13}\n", "series", "points",
                                  "RMSE (pt)", "inside band");
    for (const auto& f : b.series)
        out += fmt::format("{:<12} {:>6} {:>10.2f} {:>12.0f}%\n", f.series, f.points,
                           100.0 * f.rmse, 100.0 * f.inside_share);
    out += fmt::format("switching rate: {:.2f}% of adopters a year (UK CMA: below 1%)\n",
                       100.0 * b.switching_rate);
    return out;
}

int backtest(const po::variables_map& vm, const std::vector<std::string>& args) {
    CommandRun command("backtest", args, vm);
    const bool quiet = command.quiet();
    if (!vm.count("scenario")) throw InputError("moatsim backtest: missing SCENARIO.toml");
    if (!vm.count("data")) throw InputError("moatsim backtest: missing --data DIR|FILE");
    ScenarioOverrides overrides = overrides_from(vm);
    if (!overrides.mode) overrides.mode = Mode::expected;
    const std::string file = vm["scenario"].as<std::string>();
    Scenario scenario = pin_base_brands(load_scenario(file, overrides), overrides, nullptr);
    log_skipped_events(scenario);
    const std::filesystem::path data = vm["data"].as<std::string>();
    const std::vector<Observation> history = read_history(data);
    check_history(scenario, history);
    ResultDirectory result_dir(
        output_directory(vm, std::filesystem::path("results") / (scenario.name + "_backtest")));
    log_repairs(result_dir.notes());

    command.start_clock();
    const BacktestResult b = run_backtest(scenario, history);
    const double seconds = command.seconds();

    write_run_outputs(result_dir.path(), resolved_scenario(scenario, b.run), b.run);  // as `run`
    AtomicFile csv(result_dir.path() / "backtest.csv");
    write_backtest_csv(csv.stream(), b.rows);
    csv.commit();
    Manifest m = command.manifest(scenario.run.seed);
    m.wall_seconds = seconds;  // the run's, as printed
    add_scenario_inputs(m, "scenario", scenario);
    for (const auto& o : history)  // each history file once, in the order read
        if (m.inputs.back().file != o.file) m.inputs.push_back({"history", o.file});
    m.counts = {{"observations", static_cast<std::int64_t>(history.size())},
                {"enterprises", scenario.population.enterprises}};
    m.notes = {{"mode", std::string(to_string(scenario.run.mode))}};
    write_manifest(result_dir.path(), m);
    result_dir.commit();
    if (!quiet) {
        std::cout << fit_table(b);
        std::cout << "Backtest of " << scenario.name << " against " << history.size()
                  << " observations (" << to_string(scenario.run.mode) << " mode, "
                  << scenario.population.enterprises << " enterprises) in "
                  << fmt::format("{:.2f}", seconds) << " s.\nWritten to "
                  << result_dir.target().string() << "/ (backtest.csv, clouds.csv, vendors.csv, "
                  << "market.csv, summary.csv, scenario.resolved.toml, manifest.json)\n";
    }
    return exit_ok;
}

}  // namespace

int backtest_command(const std::vector<std::string>& args) {
    po::options_description desc = command_options(
        "Backtest options", "results/<scenario name>_backtest", "table or log messages");
    desc.add_options()("data", po::value<std::string>(),
                       "history: a CSV file or a directory of them (data/history/)");
    add_override_options(desc);
    return run_scenario_command("backtest", backtest_usage, desc, args,
                                [&](const po::variables_map& vm) { return backtest(vm, args); });
}

}  // namespace moatsim::cli
