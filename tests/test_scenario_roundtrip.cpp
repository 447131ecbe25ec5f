// The resolved-TOML round trip: what `run` writes as scenario.resolved.toml reads back into
// the same scenario, bit for bit, and the shipped baseline loads.
#include <catch2/catch.hpp>

#include <string>

#include "core/input_error.hpp"
#include "market/scenario_loader.hpp"
#include "market/scenario_writer.hpp"
#include "tests/scenario_text.hpp"

using namespace moatsim;
using namespace moatsim::test;
using Catch::Contains;

#ifndef MOATSIM_SOURCE_DIR
#define MOATSIM_SOURCE_DIR "."
#endif

TEST_CASE("resolved_toml reads back into an equal scenario, bit for bit", "[scenario]") {
    // Every kind of event, written inline (and out of date order) before the first table.
    std::string full = with(minimal, "start = \"2025-01\"\n", R"(start = "2025-01"
description = "all kinds \"quoted\", tab	and unicode é"
events = [
  { date = "2027-01", kind = "set", parameter = "clouds.B.price", value = 0.1, note = "last" },
  { date = "2025-01", kind = "catalog_remove", cloud = "B", vendor = "X" },
  { date = "2025-05", kind = "catalog_add", cloud = "A", vendor = "Y" },
  { date = "2025-05", kind = "port", cloud = "A", vendor = "X", value = 1e-17 },
  { date = "2025-07", kind = "training_split", vendor = "X", split = { A = 0.1, B = 0.9 } },
  { date = "2025-08", kind = "funding", vendor = "Y", amount = 2.5e8, months = 6 },
  { date = "2025-09", kind = "gpu_shock", factor = 0.1, months = 12 },
]
[run]
seed = 9007199254740993
ticks = 36
replicates = 2
mode = "expected"
[calibration]
method = "none"
[globals]
pricing = "fixed"
lead_time = 4
review_rate = 0.1
gpu_cost_decline = 1e-17
demand_growth = -0.5
[population]
enterprises = 12345
market_size = 3.3333333333333333e8
size = { dist = "pareto", shape = 1.1 }
price_sensitivity = { dist = "constant", value = 0.1 }
home_cloud = { A = 0.1, B = 0.9 }
)");
    full = with(full, "catalog = [\"X\", \"Y\"]", "catalog = [\"Y\", \"X\"]\nbrand = -0.7\nport = { Y = 0.1 }");
    Scenario s = parse(full);
    REQUIRE(s.events.size() == 7);
    // Awkward doubles set in code, so their shortest text form is long.
    s.globals.bass_p = 1.0 / 3.0;
    s.globals.bass_q = 0.1 + 0.2;
    s.clouds[0].brand = -1e-17;
    s.clouds[0].price = std::nextafter(4.0, 5.0);
    s.clouds[1].target_share = 1.0 - s.clouds[0].target_share;
    s.vendors[0].taste_mean = -2.0 / 3.0;
    s.vendors[1].funding = 9.999999999999999e14;  // large but in range ([0, 1e15])
    s.population.lock_in_fear = {Distribution::Kind::lognormal, 1.0 / 3.0, 5e-324, 2.0};
    REQUIRE(s.events[3].kind() == Event::Kind::training_split);
    REQUIRE(s.events[6].kind() == Event::Kind::set);
    std::get<event::Set>(s.events[6].payload).value = 1.0 / 3.0;
    std::get<event::TrainingSplit>(s.events[3].payload).split = {1.0 / 3.0, 2.0 / 3.0};

    const std::string written = resolved_toml(s);
    CHECK_THAT(written, Catch::StartsWith("# Written by moatsim") && Contains("resolved scenario"));
    CHECK_THAT(written, Contains("bass_p = 0.3333333333333333\n"));  // shortest form, not 17 digits
    CHECK_THAT(written, Contains("review_rate = 0.1\n"));
    const Scenario back = parse_scenario(written, "resolved.toml");
    check_same(s, back);
    Scenario again = back;
    again.source = s.source;  // named in the header comment
    CHECK(resolved_toml(again) == written);
}

TEST_CASE("baseline.toml loads and round-trips", "[scenario]") {
    const Scenario s = load_scenario(MOATSIM_SOURCE_DIR "/scenarios/baseline.toml");
    CHECK(s.name == "baseline");
    CHECK(s.start == YearMonth{2025, 1});
    CHECK(s.run.seed == 20250101);
    CHECK(s.run.ticks == 120);
    CHECK(s.run.replicates == 4);
    REQUIRE(s.clouds.size() == 4);
    CHECK(s.clouds[0].name == "AWS");
    CHECK(s.clouds[3].name == "Other");
    CHECK(s.vendors.size() == 9);
    CHECK(s.events.size() == 6);
    CHECK(s.population.home_cloud == std::vector<double>{0.30, 0.21, 0.13, 0.36});
    const int aws = s.cloud_index("AWS"), oss = s.vendor_index("OpenAI-oss");
    CHECK_FALSE(s.clouds[aws].offers[oss]);
    CHECK(s.events[0].kind() == Event::Kind::catalog_add);
    CHECK(s.events[0].tick == 7);
    check_same(s, parse_scenario(resolved_toml(s), "resolved.toml"));

    // A shorter horizon sets the later events aside; the resolved file keeps them (unapplied
    // again when read with its own ticks), so it still reads back into the same scenario.
    ScenarioOverrides o;
    o.ticks = 3;
    const Scenario shortened = load_scenario(MOATSIM_SOURCE_DIR "/scenarios/baseline.toml", o);
    CHECK(shortened.events.size() + shortened.skipped_events.size() == 6);
    CHECK_FALSE(shortened.skipped_events.empty());
    for (const auto& e : shortened.events) CHECK(e.tick <= 3);
    for (const auto& e : shortened.skipped_events) CHECK(e.tick > 3);
    check_same(shortened, parse_scenario(resolved_toml(shortened), "resolved.toml"));
}
