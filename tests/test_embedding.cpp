// The embedding facade (include/moatsim/moatsim.hpp) against the command-line program: the
// same scenario gives the same numbers, bit for bit, whether run through the facade or by
// `moatsim run` / `moatsim compare` and read back; errors come out as api::InputError.
#include <moatsim/moatsim.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <string>

#include "tests/scratch_dir.hpp"

namespace api = moatsim::api;
using moatsim::test::ScratchDir;

namespace {

const std::string baseline = std::string(MOATSIM_SOURCE_DIR) + "/scenarios/baseline.toml";
const std::string no_optionality =
    std::string(MOATSIM_SOURCE_DIR) + "/scenarios/no_optionality.toml";

api::Overrides small() {
    api::Overrides o;
    o.enterprises = 3000;
    o.replicates = 3;
    o.ticks = 24;
    return o;
}

// Equal bits, or both NaN (no interval).
bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

void require_same(const api::RunResult& a, const api::RunResult& b) {
    REQUIRE(a.scenario == b.scenario);
    REQUIRE(a.start == b.start);
    REQUIRE(a.clouds == b.clouds);
    REQUIRE(a.vendors == b.vendors);
    REQUIRE(a.replicates.size() == b.replicates.size());
    for (std::size_t r = 0; r < a.replicates.size(); ++r) {
        const auto &x = a.replicates[r], &y = b.replicates[r];
        REQUIRE(x.replicate == y.replicate);
        REQUIRE(x.ticks.size() == y.ticks.size());
        for (std::size_t t = 0; t < x.ticks.size(); ++t) {
            const api::Tick &p = x.ticks[t], &q = y.ticks[t];
            REQUIRE((p.tick == q.tick && p.date == q.date));
            REQUIRE((same(p.adopters, q.adopters) && same(p.switches, q.switches) &&
                     same(p.hhi, q.hhi)));
            REQUIRE((p.clouds.size() == q.clouds.size() && p.vendors.size() == q.vendors.size()));
            for (std::size_t k = 0; k < p.clouds.size(); ++k) {
                const auto &c = p.clouds[k], &d = q.clouds[k];
                REQUIRE((same(c.share_workload, d.share_workload) &&
                         same(c.share_revenue, d.share_revenue) && same(c.customers, d.customers) &&
                         same(c.price, d.price) && same(c.capacity, d.capacity) &&
                         same(c.utilization, d.utilization) &&
                         same(c.silicon_fraction, d.silicon_fraction) &&
                         same(c.revenue_usage, d.revenue_usage) &&
                         same(c.revenue_training, d.revenue_training)));
            }
            for (std::size_t m = 0; m < p.vendors.size(); ++m) {
                const auto &v = p.vendors[m], &w = q.vendors[m];
                REQUIRE((same(v.share, w.share) && same(v.quality, w.quality) &&
                         same(v.revenue, w.revenue) && same(v.training_spend, w.training_spend)));
            }
        }
    }
}

int run_cli(const std::string& args) {
    return std::system((std::string(MOATSIM_CLI) + " " + args + " -q > /dev/null 2>&1").c_str());
}

}  // namespace

TEST_CASE("embedding: overrides and key settings reach the loaded scenario", "[embedding]") {
    api::Overrides o = small();
    o.seed = 7;
    o.mode = api::Mode::expected;
    o.settings = {{"globals.optionality_weight", 0.25}};
    const api::Scenario s = api::load_scenario(baseline, o);
    CHECK(s.name() == "baseline");
    CHECK(s.enterprises() == 3000);
    CHECK(s.replicates() == 3);
    CHECK(s.ticks() == 24);
    CHECK(s.seed() == 7);
    CHECK(s.mode() == api::Mode::expected);
    CHECK(s.start() == "2025-01");
    CHECK(s.clouds().front() == "AWS");
    CHECK(s.to_toml().find("optionality_weight = 0.25") != std::string::npos);
    CHECK(std::string(api::version) == MOATSIM_VERSION_STRING);
}

TEST_CASE("embedding: run equals `moatsim run` read back, for any thread count",
          "[embedding]") {
    const ScratchDir dir("embedding_run");
    REQUIRE(run_cli("run " + baseline + " --enterprises 3000 --reps 3 --ticks 24 --out " +
                    (dir.path / "run").string()) == 0);
    const api::RunResult read = api::read_run(dir.path / "run");
    const api::RunResult ran = api::run(api::load_scenario(baseline, small()), {.threads = 1});
    require_same(ran, read);
    require_same(api::run(api::load_scenario(baseline, small()), {.threads = 2}), ran);
    CHECK(ran.replicates.size() == 3);
    CHECK(ran.replicates[0].ticks.size() == 25);
    CHECK(ran.mean_cloud_share("AWS", 0) > 0.0);
    CHECK_THROWS_AS(ran.mean_cloud_share("AWS", 25), std::out_of_range);
    CHECK_THROWS_AS(ran.mean_vendor_share("nobody", 0), std::out_of_range);
}

TEST_CASE("embedding: compare pairs as `moatsim compare` does", "[embedding]") {
    const ScratchDir dir("embedding_compare");
    REQUIRE(run_cli("compare " + baseline + " " + no_optionality +
                    " --enterprises 3000 --reps 3 --ticks 24 --out " +
                    (dir.path / "cmp").string()) == 0);
    const api::Comparison read = api::read_comparison(dir.path / "cmp");
    const api::Comparison c =
        api::compare(api::load_scenario(baseline, small()),
                     api::load_scenario(no_optionality, small()));
    CHECK(c.metric == "share_workload");
    CHECK(read.metric == c.metric);
    CHECK(read.clouds == c.clouds);
    CHECK(read.ticks == c.ticks);
    REQUIRE(read.rows.size() == c.rows.size());
    for (std::size_t i = 0; i < c.rows.size(); ++i) {
        const auto &a = c.rows[i], &b = read.rows[i];
        REQUIRE((a.tick == b.tick && a.date == b.date && a.cloud == b.cloud));
        REQUIRE((same(a.mean_base, b.mean_base) && same(a.mean_alt, b.mean_alt) &&
                 same(a.diff, b.diff) && same(a.lo95, b.lo95) && same(a.hi95, b.hi95)));
        REQUIRE((a.replicates == 3 && b.replicates == 3));
        REQUIRE(a.excludes_zero() == b.excludes_zero());
    }
    // The pair's runs are those of the comparison (the row's mean sums in another order).
    CHECK(c.base.mean_cloud_share("AWS", 24) == Approx(c.row("AWS", 24).mean_base).epsilon(1e-12));
    CHECK(c.alt.mean_cloud_share("AWS", 24) == Approx(c.row("AWS", 24).mean_alt).epsilon(1e-12));
}

TEST_CASE("embedding: a scenario compared with itself differs by exactly 0", "[embedding]") {
    api::Overrides o = small();
    const api::Scenario base = api::load_scenario(baseline, o);
    o.seed = 99;  // taken from the base: common random numbers
    const api::Comparison c = api::compare(base, api::load_scenario(baseline, o),
                                           {.metric = "price", .cloud = "Azure"});
    REQUIRE(c.rows.size() == 25);
    for (const auto& r : c.rows) {
        CHECK(r.cloud == "Azure");
        CHECK(r.diff == 0.0);
    }
}

TEST_CASE("embedding: bad input is an api::InputError naming what was wrong", "[embedding]") {
    const ScratchDir dir("embedding_errors");
    const auto message = [](const auto& f) {
        try {
            f();
        } catch (const api::InputError& e) {
            return std::string(e.what());
        }
        return std::string("(no InputError)");
    };
    CHECK_THAT(message([] { (void)api::load_scenario("no/such.toml"); }),
               Catch::Contains("no/such.toml"));
    CHECK_THAT(message([] { (void)api::parse_scenario("name = 3", "inline.toml"); }),
               Catch::Contains("inline.toml"));
    CHECK_THAT(message([] {
                   api::Overrides o;
                   o.settings = {{"globals.optionality_weight", 1}};
                   (void)api::parse_scenario("", "inline.toml", o);
               }),
               Catch::Contains("need a scenario file"));
    const api::Scenario s = api::load_scenario(baseline, small());
    api::CompareOptions bad_metric, bad_cloud;
    bad_metric.metric = "happiness";
    bad_cloud.cloud = "Oracle";
    CHECK_THAT(message([&] { (void)api::compare(s, s, bad_metric); }),
               Catch::Contains("happiness"));
    CHECK_THAT(message([&] { (void)api::compare(s, s, bad_cloud); }), Catch::Contains("Oracle"));
    CHECK_THAT(message([&] { (void)api::run(s, {.threads = -1}); }), Catch::Contains("threads"));
    CHECK_THAT(message([&] { (void)api::read_run(dir.path); }), Catch::Contains("market.csv"));
    dir.write("market.csv", "scenario,rep,tick,date,adopters,switches,hhi\nb,0,1,2025-02,1,0,1\n");
    CHECK_THAT(message([&] { (void)api::read_run(dir.path); }),
               Catch::Contains("market.csv:2") && Catch::Contains("in order"));
    CHECK_THAT(message([&] { (void)api::read_comparison(dir.path); }),
               Catch::Contains("compare.csv"));
    dir.write("manifest.json", R"({"command": "compare", "replicates": "many"})");
    CHECK_THAT(message([&] { (void)api::read_comparison(dir.path); }),
               Catch::Contains("manifest.json: replicates") && Catch::Contains("'many'"));
}
