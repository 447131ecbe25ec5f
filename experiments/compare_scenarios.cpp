#include "experiments/compare_scenarios.hpp"

#include <fmt/format.h>

#include <utility>

#include "core/input_error.hpp"
#include "experiments/counterfactual.hpp"
#include "experiments/job_bytes.hpp"
#include "experiments/job_executor.hpp"
#include "experiments/replicate_bytes.hpp"
#include "market/tick_check.hpp"

namespace moatsim {
namespace {

// Runs whose ticks do not line up, or that share no cloud, have nothing to pair.
void check_comparable(const Scenario& base, const Scenario& alt, const CompareOptions& options) {
    const std::optional<std::string>& cloud = options.cloud;
    if (!(base.start == alt.start))
        throw InputError("compare: the scenarios start at different dates (" +
                         base.start.to_string() + " and " + alt.start.to_string() +
                         "), so their ticks do not line up");
    if (cloud && (base.cloud_index(*cloud) < 0 || alt.cloud_index(*cloud) < 0))
        throw InputError(options.cloud_option + ": '" + *cloud +
                         "' is not a cloud of both scenarios");
    bool shared = false;
    for (const auto& c : alt.clouds) shared = shared || base.cloud_index(c.name) >= 0;
    if (!shared)
        throw InputError("compare: " + base.source.string() + " and " + alt.source.string() +
                         " have no cloud in common, so there is nothing to compare");
}

// Common random numbers need the same seed, replicate count, mode and population size.
std::vector<std::string> align_run(Scenario& alt, const Scenario& base) {
    std::vector<std::string> notes;
    const auto note = [&](const char* what, const auto& from, const auto& to) {
        if (from != to)
            notes.push_back(fmt::format("{}: {} {} -> {} (taken from the base for common random "
                                        "numbers)", alt.name, what, from, to));
    };
    note("seed", alt.run.seed, base.run.seed);
    note("replicates", alt.run.replicates, base.run.replicates);
    note("enterprises", alt.population.enterprises, base.population.enterprises);
    alt.run.seed = base.run.seed;
    alt.run.replicates = base.run.replicates;
    alt.run.mode = base.run.mode;
    alt.population.enterprises = base.population.enterprises;
    return notes;
}

}  // namespace

PairedScenarios pair_scenarios(Scenario base, Scenario alt, const CompareOptions& options) {
    base = pin_base_brands(std::move(base), options.overrides, nullptr);
    check_comparable(base, alt, options);
    PairedScenarios pair;
    pair.notes = align_run(alt, base);
    if (alt.calibrate_on_base == false && !alt.bases.empty())
        pair.notes.push_back(alt.name + ": calibrate = \"self\" is set aside: compare gives the "
                             "alternative the base's brands (docs/ODD.md section 5)");
    const std::vector<double> brands = brands_of(base, nullptr);
    pair.base = with_brands_from(Scenario(base), base, brands);
    pair.alt = with_brands_from(std::move(alt), pair.base, brands, &pair.unmatched);
    return pair;
}

std::uint64_t comparison_rows(const PairedScenarios& pair) {
    return static_cast<std::uint64_t>(pair.base.run.replicates) *
           static_cast<std::uint64_t>(pair.base.run.ticks + pair.alt.run.ticks + 2);
}

ScenarioComparison run_comparison(const PairedScenarios& pair, const CompareOptions& options,
                                  const std::function<void()>& on_tick) {
    ScenarioComparison out;
    out.base_run = ensemble_without_replicates(pair.base);
    out.alt_run = ensemble_without_replicates(pair.alt);
    const int replicates = pair.base.run.replicates;
    out.base_run.replicates.resize(static_cast<std::size_t>(replicates));
    out.alt_run.replicates.resize(static_cast<std::size_t>(replicates));
    // Job j: replicate j of the base for j < R, replicate j - R of the alternative after.
    const auto which = [&](int j) -> std::pair<const Scenario*, EnsembleResult*> {
        return j < replicates ? std::pair{&pair.base, &out.base_run}
                              : std::pair{&pair.alt, &out.alt_run};
    };
    // A numeric failure is kept per job and the lowest job's is reported (as run_ensemble
    // reports the lowest replicate's), whichever thread or rank failed first.
    std::vector<std::optional<SimulationError>> failures(static_cast<std::size_t>(2 * replicates));
    JobBatch batch;
    batch.count = 2 * replicates;
    batch.compute = [&](int j) {
        const auto [scenario, run] = which(j);
        try {
            return ByteWriter().put(std::uint8_t{1})
                .put(replicate_bytes(run_one_replicate(*scenario, run->brand,
                                                       static_cast<std::uint64_t>(j % replicates),
                                                       on_tick)))
                .take();
        } catch (const SimulationError& e) {
            return ByteWriter().put(std::uint8_t{0}).put(simulation_error_bytes(e)).take();
        }
    };
    batch.deliver = [&](int j, const std::string& bytes) {
        ByteReader in(bytes);
        if (in.get<std::uint8_t>() == 0) {
            failures[static_cast<std::size_t>(j)] = simulation_error_from_bytes(in.text());
            return;
        }
        which(j).second->replicates[static_cast<std::size_t>(j % replicates)] =
            replicate_from_bytes(in.text());
    };
    batch.computed_elsewhere = [&](int j) {
        if (!on_tick) return;
        for (int t = 0; t <= which(j).first->run.ticks; ++t) on_tick();
    };
    batch.describe = [&](int j) {
        return (j < replicates ? "base replicate " : "alternative replicate ") +
               std::to_string(j % replicates);
    };
    JobExecutor& executor = job_executor();
    executor.run(batch);
    if (!executor.writes_outputs()) return out;  // an MPI rank that only computed
    for (const auto& failure : failures)
        if (failure) throw *failure;
    out.comparison = compare_runs(pair.base, out.base_run, pair.alt, out.alt_run, options.metric,
                                  options.cloud);
    return out;
}

}  // namespace moatsim
