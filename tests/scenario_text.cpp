#include "tests/scenario_text.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <tuple>

namespace moatsim::test {
namespace {

bool same(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

void check_same(const Distribution& a, const Distribution& b) {
    CHECK(a.kind == b.kind);
    for (auto f : {&Distribution::mean, &Distribution::sd, &Distribution::shape})
        CHECK(same(a.*f, b.*f));
}

void check_same(const std::vector<double>& a, const std::vector<double>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(same(a[i], b[i]));
}
}  // namespace

// Line numbers matter: the error tests name them.
const std::string minimal =                 // line
    "name = \"mini\"\n"                     // 1
    "start = \"2025-01\"\n"                 // 2
    "\n"                                    // 3
    "[clouds.A]\n"                          // 4
    "target_share = 0.6\n"                  // 5
    "price = 4.0\n"                         // 6
    "catalog = [\"X\"]\n"                   // 7
    "\n"                                    // 8
    "[clouds.B]\n"                          // 9
    "target_share = 0.4\n"                  // 10
    "price = 3.0\n"                         // 11
    "catalog = [\"X\", \"Y\"]\n"            // 12
    "\n"                                    // 13
    "[vendors.X]\n"                         // 14
    "training_split = { A = 1.0 }\n"        // 15
    "\n"                                    // 16
    "[vendors.Y]\n"                         // 17
    "training_split = { A = 0.5, B = 0.5 }\n";  // 18

std::string with(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

Scenario parse(const std::string& text, const ScenarioOverrides& o) {
    return parse_scenario(text, "x.toml", o);
}

std::string with_events(const std::string& events) { return minimal + "\n" + events; }

void check_same(const Scenario& a, const Scenario& b) {
    CHECK(a.name == b.name);
    CHECK(a.description == b.description);
    CHECK(a.start == b.start);
    CHECK(std::tie(a.run.seed, a.run.ticks, a.run.replicates, a.run.mode) ==
          std::tie(b.run.seed, b.run.ticks, b.run.replicates, b.run.mode));
    CHECK(a.calibration == b.calibration);
    const Globals &g = a.globals, &h = b.globals;
    CHECK(g.pricing == h.pricing);
    CHECK(g.lead_time == h.lead_time);
    for (auto f : {&Globals::gpu_cost, &Globals::gpu_cost_decline, &Globals::gpu_supply,
                   &Globals::gpu_supply_growth, &Globals::demand_growth, &Globals::bass_p,
                   &Globals::bass_q, &Globals::review_rate, &Globals::switch_cost_cloud,
                   &Globals::switch_cost_vendor, &Globals::data_gravity,
                   &Globals::optionality_weight, &Globals::silicon_lockin_weight,
                   &Globals::scarcity_penalty, &Globals::nest_lambda, &Globals::markup_speed,
                   &Globals::lerner_min, &Globals::lerner_max, &Globals::headroom})
        CHECK(same(g.*f, h.*f));
    const PopulationSpec &p = a.population, &q = b.population;
    CHECK(p.enterprises == q.enterprises);
    CHECK(same(p.market_size, q.market_size));
    CHECK(same(p.adopted_initial, q.adopted_initial));
    CHECK(same(p.taste_sd, q.taste_sd));
    for (auto f : {&PopulationSpec::size, &PopulationSpec::price_sensitivity,
                   &PopulationSpec::quality_sensitivity, &PopulationSpec::lock_in_fear})
        check_same(p.*f, q.*f);
    check_same(p.home_cloud, q.home_cloud);
    REQUIRE(a.clouds.size() == b.clouds.size());
    for (std::size_t k = 0; k < a.clouds.size(); ++k) {
        const CloudSpec &c = a.clouds[k], &d = b.clouds[k];
        CHECK(c.name == d.name);
        for (auto f : {&CloudSpec::target_share, &CloudSpec::brand, &CloudSpec::price,
                       &CloudSpec::silicon_discount, &CloudSpec::silicon_fraction,
                       &CloudSpec::silicon_target, &CloudSpec::silicon_supply,
                       &CloudSpec::silicon_supply_growth})
            CHECK(same(c.*f, d.*f));
        CHECK(c.offers == d.offers);
        check_same(c.port, d.port);
    }
    REQUIRE(a.vendors.size() == b.vendors.size());
    for (std::size_t m = 0; m < a.vendors.size(); ++m) {
        const VendorSpec &v = a.vendors[m], &w = b.vendors[m];
        CHECK(v.name == w.name);
        for (auto f : {&VendorSpec::taste_mean, &VendorSpec::quality0, &VendorSpec::quality_scale,
                       &VendorSpec::compute_scale, &VendorSpec::margin, &VendorSpec::reinvest,
                       &VendorSpec::funding})
            CHECK(same(v.*f, w.*f));
        check_same(v.training_split, w.training_split);
    }
    check_same(a.events, b.events);
    check_same(a.skipped_events, b.skipped_events);
}

void check_same(const std::vector<Event>& a, const std::vector<Event>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const Event &e = a[i], &f = b[i];
        CHECK(std::tie(e.kind, e.tick, e.cloud, e.vendor, e.parameter, e.months, e.note, e.id) ==
              std::tie(f.kind, f.tick, f.cloud, f.vendor, f.parameter, f.months, f.note, f.id));
        CHECK(same(e.value, f.value));
        check_same(e.split, f.split);
    }
}


}  // namespace moatsim::test
