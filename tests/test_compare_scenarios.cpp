// The paired-comparison rule (experiments/compare_scenarios.hpp), the live replicate and the
// thread limit of experiments/, and io/'s readers of a result directory read back against
// the records that were written.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>

#include "core/input_error.hpp"
#include "experiments/compare_scenarios.hpp"
#include "experiments/counterfactual.hpp"
#include "experiments/live_replicate.hpp"
#include "experiments/thread_limit.hpp"
#include "io/csv_tables.hpp"
#include "io/run_results.hpp"
#include "io/run_tables.hpp"
#include "market/parameters.hpp"
#include "tests/fixtures.hpp"
#include "tests/scratch_dir.hpp"

using namespace moatsim;
using Catch::Contains;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool same_rows(const TickRecord& a, const TickRecord& b) {
    bool same = a.tick == b.tick && a.clouds.size() == b.clouds.size() &&
                a.vendors.size() == b.vendors.size() && same_bits(a.adopters, b.adopters) &&
                same_bits(a.switches, b.switches) && same_bits(a.hhi, b.hhi);
    for (std::size_t k = 0; same && k < a.clouds.size(); ++k)
        same = same_bits(a.clouds[k].share_workload, b.clouds[k].share_workload) &&
               same_bits(a.clouds[k].price, b.clouds[k].price) &&
               same_bits(a.clouds[k].revenue_training, b.clouds[k].revenue_training);
    for (std::size_t m = 0; same && m < a.vendors.size(); ++m)
        same = same_bits(a.vendors[m].share, b.vendors[m].share) &&
               same_bits(a.vendors[m].training_spend, b.vendors[m].training_spend);
    return same;
}

}  // namespace

TEST_CASE("pair_scenarios: the alternative takes the base's run and brands", "[compare]") {
    Scenario base = test::small_scenario(1200, 6);
    base.run.replicates = 2;
    Scenario alt = base;
    alt.name = "alt";
    alt.run.seed = base.run.seed + 7;
    alt.run.replicates = 5;
    alt.population.enterprises = 900;
    alt.run.mode = base.run.mode == Mode::expected ? Mode::stochastic : Mode::expected;
    alt.clouds[2].name = "D";  // a cloud the base lacks keeps its own brand
    alt.clouds[2].brand = 0.125;

    const PairedScenarios pair = pair_scenarios(base, alt, {});
    CHECK(pair.alt.run.seed == base.run.seed);
    CHECK(pair.alt.run.replicates == 2);
    CHECK(pair.alt.population.enterprises == 1200);
    CHECK(pair.alt.run.mode == base.run.mode);
    REQUIRE(pair.notes.size() == 3);  // seed, replicates, enterprises
    CHECK_THAT(pair.notes[0], Contains("alt: seed") && Contains("common random numbers"));
    CHECK(pair.unmatched == std::vector<std::string>{"D"});
    const std::vector<double> brands = brands_of(base, nullptr);
    for (std::size_t k = 0; k < 2; ++k) {
        CHECK(same_bits(pair.base.clouds[k].brand, brands[k]));
        CHECK(same_bits(pair.alt.clouds[k].brand, brands[k]));
    }
    CHECK(pair.alt.clouds[2].brand == 0.125);
    CHECK(pair.base.calibration == CalibrationMethod::none);
    CHECK(pair.alt.calibration == CalibrationMethod::none);
}

TEST_CASE("pair_scenarios: what cannot be paired is bad input", "[compare]") {
    const Scenario base = test::small_scenario(500, 3);
    Scenario later = base;
    later.start = base.start.plus_months(1);
    CHECK_THROWS_WITH(pair_scenarios(base, later, {}), Contains("start at different dates"));
    Scenario elsewhere = base;
    for (auto& c : elsewhere.clouds) c.name += "2";
    CHECK_THROWS_WITH(pair_scenarios(base, elsewhere, {}), Contains("no cloud in common"));
    CompareOptions only;
    only.cloud = "Nimbus";
    only.cloud_option = "--cloud";
    CHECK_THROWS_WITH(pair_scenarios(base, base, only),
                      Contains("--cloud: 'Nimbus' is not a cloud of both scenarios"));
}

TEST_CASE("run_comparison: a scenario against itself under another seed differs by exactly 0",
          "[compare]") {
    Scenario base = test::small_scenario(1000, 8);
    base.run.replicates = 3;
    Scenario alt = base;
    alt.run.seed += 99;  // taken from the base: the same draws
    CompareOptions options;
    options.metric = Metric::price;
    const PairedScenarios pair = pair_scenarios(base, alt, options);
    const ScenarioComparison run = run_comparison(pair, options);
    REQUIRE(run.comparison.rows.size() == 9 * 3);
    for (const auto& row : run.comparison.rows) {
        CHECK(row.diff.mean == 0.0);
        CHECK(row.diff.count == 3);
    }
    // The base's run is the one `moatsim run` makes of the same scenario.
    const EnsembleResult direct = run_ensemble(pair.base, nullptr);
    CHECK(same_rows(direct.replicates[2].ticks[8], run.base_run.replicates[2].ticks[8]));
}

TEST_CASE("LiveReplicate: month by month, the rows of the ensemble's replicate", "[live]") {
    Scenario s = test::small_scenario(800, 5);
    s.run.replicates = 2;
    const EnsembleResult all = run_ensemble(s, nullptr);
    LiveReplicate live(s, {}, 1);
    CHECK(same_rows(live.initialize(), all.replicates[1].ticks[0]));
    for (int t = 1; t <= 5; ++t) CHECK(same_rows(live.advance(), all.replicates[1].ticks[t]));
}

TEST_CASE("LiveReplicate: the live catalog and margins follow the events (the live view's grid)", "[live]") {
    Scenario s = test::small_scenario(300, 8);  // X joins C at tick 6
    s.events.push_back(Event{3, make_set(s, "vendors.Y.margin", 4.5)});
    std::stable_sort(s.events.begin(), s.events.end(), [](const Event& a, const Event& b) { return a.tick < b.tick; });
    LiveReplicate live(s, {}, 0);
    (void)live.initialize();
    CHECK(live.clouds()[2].offers[0] == 0);
    CHECK(live.vendors()[1].margin == 3.0);
    for (int t = 1; t <= 6; ++t) {
        (void)live.advance();
        CHECK(live.vendors()[1].margin == (t >= 3 ? 4.5 : 3.0));
        CHECK(live.clouds()[2].offers[0] == (t >= 6 ? 1 : 0));
    }
    CHECK(live.clouds()[1].offers == s.clouds[1].offers);  // the others as the scenario has them
}

TEST_CASE("ThreadLimit: at most the given workers while it lives", "[threads]") {
    const int all = worker_threads();
    {
        const ThreadLimit one(1);
        CHECK(worker_threads() == 1);
    }
    CHECK(worker_threads() == all);
    const ThreadLimit none(0);
    CHECK(worker_threads() == all);
}

TEST_CASE("io readers: a run directory read back equals what was written", "[results]") {
    Scenario s = test::small_scenario(700, 4);
    s.run.replicates = 2;
    const EnsembleResult result = run_ensemble(s, nullptr);
    const test::ScratchDir d("readers");
    write_run_outputs(d.path, resolved_scenario(s, result), result);

    const RunTables t = read_run_tables(d.path);
    CHECK(t.scenario == "small");
    CHECK(t.start == s.start);
    REQUIRE(t.clouds.size() == s.clouds.size());
    REQUIRE(t.replicates.size() == 2);
    for (std::size_t r = 0; r < 2; ++r)
        for (int tick = 0; tick <= 4; ++tick)
            CHECK(same_rows(t.replicates[r].ticks[tick], result.replicates[r].ticks[tick]));

    // Each metric read together with others equals the same metric read alone.
    const std::vector<std::string> metrics = {"share_workload", "price", "share_revenue",
                                              "vendor_share"};
    const RunResults all = read_run_results(d.path, metrics);
    REQUIRE(all.metrics.size() == metrics.size());
    REQUIRE(all.scenario.has_value());
    CHECK(all.scenario->info.ticks == 4);
    for (const auto& m : metrics) {
        const SeriesSet alone = read_run_series(d.path, m);
        const SeriesSet& together = all.series(m);
        REQUIRE(together.series.size() == alone.series.size());
        for (std::size_t i = 0; i < alone.series.size(); ++i)
            CHECK(together.series[i].mean == alone.series[i].mean);
    }
    CHECK_THROWS_AS(all.series("capacity"), InputError);
}
