// moatsim::api::compare: two scenarios on common random numbers, paired by the library's
// counterfactual rules (experiments/counterfactual.hpp) and compare_runs (experiments/comparison.hpp),
// as `moatsim compare` (cli/compare_command.cpp) does; the numbers equal its compare.csv
// (tests/test_embedding.cpp checks that).
#include "api/access.hpp"
#include "experiments/counterfactual.hpp"
#include "experiments/comparison.hpp"

namespace moatsim::api {
namespace {

using LibraryError = moatsim::InputError;  // turned into api::InputError on the way out

// The checks `moatsim compare` makes before running anything.
void check_comparable(const moatsim::Scenario& base, const moatsim::Scenario& alt,
                      const std::optional<std::string>& cloud) {
    if (!(base.start == alt.start))
        throw LibraryError("compare: the scenarios start at different dates (" +
                         base.start.to_string() + " and " + alt.start.to_string() +
                         "), so their ticks do not line up");
    if (cloud && (base.cloud_index(*cloud) < 0 || alt.cloud_index(*cloud) < 0))
        throw LibraryError("compare: cloud '" + *cloud + "' is not a cloud of both scenarios");
    bool shared = false;
    for (const auto& c : alt.clouds) shared = shared || base.cloud_index(c.name) >= 0;
    if (!shared)
        throw LibraryError("compare: " + base.source.string() + " and " + alt.source.string() +
                         " have no cloud in common, so there is nothing to compare");
}

// Common random numbers: the alternative takes the base's seed, replicate count, mode and
// population size (what cli/compare_command.cpp's align_run does, without its log lines).
void take_run_from(moatsim::Scenario& alt, const moatsim::Scenario& base) {
    alt.run.seed = base.run.seed;
    alt.run.replicates = base.run.replicates;
    alt.run.mode = base.run.mode;
    alt.population.enterprises = base.population.enterprises;
}

Comparison to_public(const moatsim::Scenario& base, const moatsim::Comparison& c) {
    Comparison out;
    out.metric = metric_name(c.metric);
    out.ticks = c.ticks;
    out.clouds = c.clouds;
    out.only_base_clouds = c.only_base_clouds;
    out.only_alt_clouds = c.only_alt_clouds;
    out.only_base_vendors = c.only_base_vendors;
    out.only_alt_vendors = c.only_alt_vendors;
    for (const auto& r : c.rows)
        out.rows.push_back({r.tick, base.start.plus_months(r.tick).to_string(), r.cloud,
                            r.mean_base, r.mean_alt, r.diff.mean, r.diff.lo95, r.diff.hi95,
                            r.diff.count});
    return out;
}

}  // namespace

Comparison compare(const Scenario& base_in, const Scenario& alt_in,
                   const CompareOptions& options) {
    return translating_errors([&] {
        const auto metric = parse_metric(options.metric);
        if (!metric)
            throw LibraryError("compare: metric: expected one of " + metric_names() + ", got '" +
                             options.metric + "'");
        const auto limit = thread_limit(options.threads);
        const Scenario::Impl& b = Access::impl(base_in);
        moatsim::Scenario base = pin_base_brands(b.scenario, b.overrides, nullptr);
        moatsim::Scenario alt = Access::impl(alt_in).scenario;
        check_comparable(base, alt, options.cloud);
        take_run_from(alt, base);
        const std::vector<double> brands = brands_of(base, nullptr);
        base = with_brands_from(moatsim::Scenario(base), base, brands);
        alt = with_brands_from(std::move(alt), base, brands);

        const EnsembleResult base_run = run_ensemble(base, nullptr);
        const EnsembleResult alt_run = run_ensemble(alt, nullptr);
        Comparison out = to_public(
            base, compare_runs(base, base_run, alt, alt_run, *metric, options.cloud));
        out.base = to_result(base, base_run);
        out.alt = to_result(alt, alt_run);
        return out;
    });
}

}  // namespace moatsim::api
