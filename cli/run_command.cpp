// `moatsim run`: load, (optionally) load or export a population, run all replicates,
// write the tables atomically, print a short share table.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/command_frame.hpp"
#include "cli/command_run.hpp"
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "cli/run_partition.hpp"
#include "cli/run_manifest.hpp"
#include "cli/scenario_options.hpp"
#include "cli/share_table.hpp"
#include "core/input_error.hpp"
#include "experiments/counterfactual.hpp"
#include "experiments/ensemble.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_tables.hpp"
#include "io/population_csv.hpp"
#include "io/result_directory.hpp"

namespace moatsim::cli {
namespace {

constexpr const char* run_usage = "Usage: moatsim run SCENARIO.toml [options]\n";

std::vector<std::string> cloud_names(const Scenario& s) {
    std::vector<std::string> names;
    for (const auto& c : s.clouds) names.push_back(c.name);
    return names;
}

std::vector<std::string> vendor_names(const Scenario& s) {
    std::vector<std::string> names;
    for (const auto& v : s.vendors) names.push_back(v.name);
    return names;
}

// The population every replicate starts from, if --population names one; the scenario then
// has its number of enterprises. In a partitioned run only this partition's rows are loaded.
std::optional<Population> loaded_population(const po::variables_map& vm, Scenario& scenario,
                                            PartitionReducer* reducer, Partition& partition) {
    if (!vm.count("population")) return std::nullopt;
    const std::string file = vm["population"].as<std::string>();
    if (reducer == nullptr) {
        Population p = load_population_csv(file, cloud_names(scenario), vendor_names(scenario));
        scenario.population.enterprises = static_cast<std::int64_t>(p.count());
        spdlog::info("loaded {} enterprises from {}", p.count(), file);
        return p;
    }
    const std::uint64_t n = count_population_rows(file);
    if (n == 0) throw InputError(file + ":2: no enterprises (the file has a header but no rows)");
    partition = {partition_range(n, reducer->partitions(), reducer->index()), reducer};
    Population p = load_population_csv_block(file, cloud_names(scenario), vendor_names(scenario),
                                             partition.range);
    scenario.population.enterprises = static_cast<std::int64_t>(n);
    spdlog::info("loaded {} enterprises from {} ({} on each of {} ranks)", n, file,
                 partition.range.count(), reducer->partitions());
    return p;
}

void export_population(const po::variables_map& vm, const ResultDirectory& result_dir,
                       const Scenario& scenario, const Population* loaded) {
    const std::filesystem::path file = vm["export-population"].as<std::string>();
    AtomicFile out(result_dir.place(file));
    write_population_csv(out.stream(), loaded ? *loaded : replicate_population(scenario, 0),
                         cloud_names(scenario), vendor_names(scenario));
    out.commit();
    spdlog::info("wrote the population of replicate 0 to {}", file.string());
}

int run(const po::variables_map& vm, const std::vector<std::string>& args) {
    CommandRun command("run", args, vm);
    if (!vm.count("scenario")) throw InputError("moatsim run: missing SCENARIO.toml");
    if (vm.count("population") && vm.count("enterprises"))
        throw InputError("--enterprises cannot be combined with --population "
                         "(the file fixes the number of enterprises)");
    // Under mpirun (cli/mpi_run.cpp) each rank runs one partition of the enterprises
    // (core/partition.hpp, docs/SCALING.md); rank 0 alone writes.
    PartitionReducer* const reducer =
        run_reducer() != nullptr && run_reducer()->partitions() > 1 ? run_reducer() : nullptr;
    const bool writer = reducer == nullptr || reducer->index() == 0;
    ScenarioOverrides overrides = overrides_from(vm);
    if (reducer) overrides.partitions = reducer->partitions();  // memory: the block only

    // The ranks agree that their set-up worked before the first reduction, so a failing rank
    // (its memory, its rows of a population file, rank 0's output directory) never leaves the
    // others waiting.
    Scenario scenario;
    std::optional<Population> loaded;
    Partition partition;
    std::filesystem::path out_dir;
    std::optional<ResultDirectory> result_dir;
    std::exception_ptr failure;
    try {
        scenario = load_scenario(vm["scenario"].as<std::string>(), overrides);
        log_skipped_events(scenario);
        loaded = loaded_population(vm, scenario, reducer, partition);
        if (reducer && !loaded) {
            const auto n = static_cast<std::uint64_t>(scenario.population.enterprises);
            partition = {partition_range(n, reducer->partitions(), reducer->index()), reducer};
        }
        if (reducer && vm.count("export-population"))
            throw InputError("--export-population is not available under mpirun with more than "
                             "one rank (each rank holds only its block of the population); "
                             "export it with a plain `moatsim run`");
        out_dir = output_directory(vm, std::filesystem::path("results") / scenario.name);
        if (writer) {
            // Opened before hours of computing, to fail early; every file goes to its
            // temporary directory, swapped in for out_dir once all are written.
            result_dir.emplace(out_dir);
            log_repairs(result_dir->notes());
            if (vm.count("population")) result_dir->carry_over(vm["population"].as<std::string>());
        }
    } catch (...) {
        if (!reducer) throw;
        failure = std::current_exception();
    }
    if (reducer) agree_on_failure(*reducer, failure);
    const Population* fixed = loaded ? &*loaded : nullptr;
    if (scenario.calibrate_on_base) {
        scenario = pin_base_brands(std::move(scenario), overrides, fixed,
                                   reducer ? *reducer : local_reducer());
        spdlog::info("brand constants calibrated on the root base {} (calibrate = \"base\")",
                     scenario.bases.back().string());
    }
    if (vm.count("export-population")) export_population(vm, *result_dir, scenario, fixed);

    const auto rows = static_cast<std::uint64_t>(scenario.run.replicates) *
                      static_cast<std::uint64_t>(scenario.run.ticks + 1);
    ProgressBar bar(scenario.name, rows,
                    writer && !command.quiet() && ProgressBar::stderr_is_terminal());
    command.start_clock();
    const EnsembleResult result =
        reducer ? run_ensemble_partitioned(scenario, fixed, partition, [&bar] { bar.advance(); })
                : run_ensemble(scenario, fixed, [&bar] { bar.advance(); });
    bar.finish();

    if (!writer) return exit_ok;  // rank 0 holds the same rows and writes them
    const Scenario resolved = resolved_scenario(scenario, result);
    write_run_outputs(result_dir->path(), resolved, result);
    Manifest manifest = command.manifest(scenario.run.seed);  // replicates: streams (seed, r)
    add_scenario_inputs(manifest, "scenario", scenario);
    if (vm.count("population"))
        manifest.inputs.push_back({"population", vm["population"].as<std::string>()});
    manifest.counts = {{"replicates", scenario.run.replicates},
                       {"enterprises", scenario.population.enterprises}};
    manifest.notes = {{"mode", std::string(to_string(scenario.run.mode))}};
    if (reducer)
        manifest.notes.push_back({"partitions", std::to_string(reducer->partitions()) +
                                                    " MPI ranks, one block of enterprises each"});
    write_manifest(result_dir->path(), manifest);
    result_dir->commit();
    if (!command.quiet()) {
        std::cout << share_table(resolved, result);
        std::cout << "Ran " << scenario.run.replicates << " replicate(s) of "
                  << scenario.population.enterprises << " enterprises x " << scenario.run.ticks
                  << " ticks (" << to_string(scenario.run.mode) << " mode) in "
                  << fmt::format("{:.2f}", manifest.wall_seconds) << " s.\n";
        std::cout << "CSV written to " << out_dir.string() << "/ (clouds.csv, vendors.csv, "
                  << "market.csv, summary.csv, scenario.resolved.toml, manifest.json)\n";
    }
    return exit_ok;
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
    po::options_description desc = command_options("Run options", "results/<scenario name>",
                                                   "progress bar, table or log messages");
    desc.add_options()("population", po::value<std::string>(),
                       "load the starting population from this CSV")(
        "export-population", po::value<std::string>(),
        "write the population replicate 0 starts from to this CSV");
    add_override_options(desc);
    return run_scenario_command("run", run_usage, desc, args,
                                [&](const po::variables_map& vm) { return run(vm, args); });
}

}  // namespace moatsim::cli
