// `moatsim compare BASE.toml ALT.toml`: both scenarios on common random numbers (same seeds,
// same populations, same replicate count), the alternative with the base's calibrated brands;
// reports the paired difference ALT - BASE with its 95% interval.
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <optional>
#include <utility>

#include "cli/command_frame.hpp"
#include "cli/command_run.hpp"
#include "cli/commands.hpp"
#include "cli/comparison_table.hpp"
#include "cli/progress_bar.hpp"
#include "cli/run_manifest.hpp"
#include "cli/scenario_options.hpp"
#include "core/input_error.hpp"
#include "experiments/compare_scenarios.hpp"
#include "io/atomic_file.hpp"
#include "io/result_directory.hpp"
#include "market/scenario_writer.hpp"
#include "experiments/job_executor.hpp"

namespace moatsim::cli {
namespace {

constexpr const char* compare_usage = "Usage: moatsim compare BASE.toml ALT.toml [options]\n";

std::string listed(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

int compare(const po::variables_map& vm, const std::vector<std::string>& args) {
    if (!vm.count("base") || !vm.count("alt"))
        throw InputError("moatsim compare: expected two scenario files, BASE.toml and ALT.toml");
    CommandRun command("compare", args, vm);
    const bool quiet = command.quiet();
    const auto metric_text = vm["metric"].as<std::string>();
    const auto metric = parse_metric(metric_text);
    if (!metric)
        throw InputError("--metric: expected one of " + metric_names() + ", got '" +
                         metric_text + "'");
    std::optional<std::string> cloud;
    if (vm.count("cloud")) cloud = vm["cloud"].as<std::string>();

    CompareOptions options;
    options.metric = *metric;
    options.cloud = cloud;
    options.cloud_option = "--cloud";
    options.overrides = overrides_from(vm);
    Scenario base_file = load_scenario(vm["base"].as<std::string>(), options.overrides);
    Scenario alt_file = load_scenario(vm["alt"].as<std::string>(), options.overrides);
    log_skipped_events(base_file);
    log_skipped_events(alt_file);
    const PairedScenarios pair =
        pair_scenarios(std::move(base_file), std::move(alt_file), options);
    for (const auto& note : pair.notes) spdlog::info("{}", note);
    const Scenario& base = pair.base;
    const Scenario& alt = pair.alt;
    const std::vector<std::string>& unmatched = pair.unmatched;

    const std::filesystem::path out_dir = output_directory(
        vm, std::filesystem::path("results") / ("compare_" + base.name + "_vs_" + alt.name));
    if (!job_executor().writes_outputs()) {  // an MPI rank that only computes (docs/MPI.md)
        (void)run_comparison(pair, options);
        return exit_ok;
    }
    ResultDirectory result_dir(out_dir);  // all files swapped in together at the end
    log_repairs(result_dir.notes());

    ProgressBar bar(base.name + " vs " + alt.name, comparison_rows(pair),
                    !quiet && ProgressBar::stderr_is_terminal());
    const ScenarioComparison run = run_comparison(pair, options, [&bar] { bar.advance(); });
    bar.finish();
    const Comparison& c = run.comparison;

    write_file_atomically_with(result_dir.path() / "compare.csv",
                          [&](std::ostream& out) { write_comparison_csv(out, base, c); });
    write_file_atomically(result_dir.path() / "base.resolved.toml", resolved_toml(base));
    write_file_atomically(result_dir.path() / "alt.resolved.toml", resolved_toml(alt));
    Manifest manifest = command.manifest(base.run.seed);
    add_scenario_inputs(manifest, "base", base);
    add_scenario_inputs(manifest, "alt", alt);
    manifest.counts = {{"replicates", base.run.replicates},
                       {"enterprises", base.population.enterprises}};
    manifest.notes = {{"metric", metric_name(*metric)},
                      {"mode", std::string(to_string(base.run.mode))}};
    write_manifest(result_dir.path(), manifest);
    result_dir.commit();

    if (!quiet) {
        if (!c.only_base_clouds.empty() || !c.only_alt_clouds.empty())
            std::cout << "Clouds differ: only in " << base.name << ": "
                      << (c.only_base_clouds.empty() ? "-" : listed(c.only_base_clouds))
                      << "; only in " << alt.name << ": "
                      << (c.only_alt_clouds.empty() ? "-" : listed(c.only_alt_clouds))
                      << ". Compared: " << listed(c.clouds) << ".\n";
        if (!c.only_base_vendors.empty() || !c.only_alt_vendors.empty())
            std::cout << "Vendors differ: only in " << base.name << ": "
                      << (c.only_base_vendors.empty() ? "-" : listed(c.only_base_vendors))
                      << "; only in " << alt.name << ": "
                      << (c.only_alt_vendors.empty() ? "-" : listed(c.only_alt_vendors)) << ".\n";
        if (!unmatched.empty())
            std::cout << "Note: " << listed(unmatched) << " not in the base: kept "
                      << alt.name << "'s own brand constant.\n";
        std::cout << comparison_table(base, alt, c);
        std::cout << "Ran " << base.run.replicates << " paired replicate(s) of "
                  << base.population.enterprises << " enterprises in "
                  << fmt::format("{:.2f}", manifest.wall_seconds) << " s. CSV written to "
                  << (out_dir / "compare.csv").string() << "\n";
    }
    return exit_ok;
}

}  // namespace

int compare_command(const std::vector<std::string>& args) {
    po::options_description desc =
        command_options("Compare options", "results/compare_<base>_vs_<alt>",
                        "progress bar, table or log messages");
    desc.add_options()(
        "metric", po::value<std::string>()->default_value("share_workload"),
        "share_workload | share_revenue | customers | price | capacity | utilization | "
        "silicon_fraction | revenue_usage | revenue_training")(
        "cloud", po::value<std::string>(), "compare only this cloud (default: all)");
    add_override_options(desc);
    return run_parsed_command(
        "compare", compare_usage, desc, [&] { return parse_base_alt(args, desc); },
        [&](const po::variables_map& vm) { return compare(vm, args); });
}

}  // namespace moatsim::cli
