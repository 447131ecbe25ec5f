#include "experiments/compare_scenarios.hpp"

#include <fmt/format.h>

#include <utility>

#include "core/input_error.hpp"
#include "experiments/counterfactual.hpp"

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
    out.base_run = run_ensemble(pair.base, nullptr, on_tick);
    out.alt_run = run_ensemble(pair.alt, nullptr, on_tick);
    out.comparison = compare_runs(pair.base, out.base_run, pair.alt, out.alt_run, options.metric,
                                  options.cloud);
    return out;
}

}  // namespace moatsim
