// moatsim::api::compare: two scenarios on common random numbers, paired and run by
// experiments/compare_scenarios.hpp, the functions `moatsim compare` (cli/compare_command.cpp)
// calls; the numbers equal its compare.csv (tests/test_embedding.cpp checks that).
#include "api/access.hpp"
#include "experiments/compare_scenarios.hpp"

namespace moatsim::api {
namespace {

using LibraryError = moatsim::InputError;  // turned into api::InputError on the way out

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
        moatsim::CompareOptions paired_options;
        paired_options.metric = *metric;
        paired_options.cloud = options.cloud;
        paired_options.overrides = b.overrides;
        const PairedScenarios pair =
            pair_scenarios(b.scenario, Access::impl(alt_in).scenario, paired_options);
        const ScenarioComparison run = run_comparison(pair, paired_options);
        Comparison out = to_public(pair.base, run.comparison);
        out.base = to_result(pair.base, run.base_run);
        out.alt = to_result(pair.alt, run.alt_run);
        return out;
    });
}

}  // namespace moatsim::api
