// The scenario loader: values and defaults, and one test per kind of bad input (the message
// must name the file, the line and the key). Events: test_scenario_events.cpp; the
// resolved-TOML round trip: test_scenario_roundtrip.cpp.
#include <catch2/catch.hpp>

#include <string>

#include "core/input_error.hpp"
#include "market/scenario_loader.hpp"
#include "market/scenario_writer.hpp"
#include "tests/scenario_text.hpp"

using namespace moatsim;
using namespace moatsim::test;
using Catch::Contains;

TEST_CASE("a minimal scenario parses with its values and the documented defaults", "[scenario]") {
    const Scenario s = parse(minimal);
    CHECK(s.name == "mini");
    CHECK(s.description.empty());
    CHECK(s.source == "x.toml");
    CHECK(s.start == YearMonth{2025, 1});
    CHECK(s.run.seed == 1);
    CHECK(s.run.ticks == 120);
    CHECK(s.run.replicates == 1);
    CHECK(s.run.mode == Mode::stochastic);
    CHECK(s.calibration == CalibrationMethod::berry);
    CHECK(s.globals.pricing == PricingRule::markup);
    CHECK(s.globals.lerner_max == Globals{}.lerner_max);
    CHECK(s.globals.gpu_supply == Globals{}.gpu_supply);
    CHECK(s.population.enterprises == PopulationSpec{}.enterprises);
    REQUIRE(s.clouds.size() == 2);
    CHECK(s.clouds[0].name == "A");
    CHECK(s.clouds[0].target_share == 0.6);
    CHECK(s.clouds[0].price == 4.0);
    CHECK(s.clouds[0].brand == 0.0);
    CHECK(s.clouds[0].silicon_discount == 0.0);
    CHECK(s.clouds[0].offers == std::vector<std::uint8_t>{1, 0});
    CHECK(s.clouds[1].offers == std::vector<std::uint8_t>{1, 1});
    CHECK(s.clouds[1].port == std::vector<double>{0.0, 0.0});
    REQUIRE(s.vendors.size() == 2);
    CHECK(s.vendors[1].name == "Y");
    CHECK(s.vendors[0].quality0 == 1.0);
    CHECK(s.vendors[0].quality_scale == 0.1);
    CHECK(s.vendors[0].compute_scale == 1.0);
    CHECK(s.vendors[0].training_split == std::vector<double>{1.0, 0.0});
    CHECK(s.vendors[1].training_split == std::vector<double>{0.5, 0.5});
    CHECK(s.population.home_cloud == std::vector<double>{0.6, 0.4});  // the target shares
    CHECK(s.events.empty());
}

TEST_CASE("clouds and vendors are ordered by name whatever the file order", "[scenario]") {
    std::string text = with(minimal, "[clouds.A]", "[clouds.Zed]");
    text = with(text, "{ A = 1.0 }", "{ Zed = 1.0 }");
    text = with(text, "{ A = 0.5, B = 0.5 }", "{ Zed = 0.5, B = 0.5 }");
    const Scenario s = parse(text);
    CHECK(s.clouds[0].name == "B");
    CHECK(s.clouds[1].name == "Zed");
    CHECK(s.vendors[0].training_split == std::vector<double>{0.0, 1.0});
}

TEST_CASE("command-line overrides replace the file's values", "[scenario]") {
    const std::string text = with(minimal, "start = \"2025-01\"\n",
                                  "start = \"2025-01\"\n[run]\nseed = 5\nticks = 0\n");
    ScenarioOverrides o;
    o.seed = 99;
    o.ticks = 12;  // replaces the invalid 0 before it is checked
    o.replicates = 3;
    o.mode = Mode::expected;
    o.enterprises = 777;
    const Scenario s = parse(text, o);
    CHECK(s.run.seed == 99);
    CHECK(s.run.ticks == 12);
    CHECK(s.run.replicates == 3);
    CHECK(s.run.mode == Mode::expected);
    CHECK(s.population.enterprises == 777);
    CHECK_THROWS_WITH(parse(text), Contains("x.toml:5:1: run.ticks: expected an integer in [1, 12000], got 0"));

    ScenarioOverrides bad;
    bad.enterprises = -5;
    CHECK_THROWS_WITH(parse(minimal, bad),
                      Contains("x.toml") && Contains("population.enterprises (set by --enterprises)") &&
                          Contains("got -5"));
    ScenarioOverrides huge;
    huge.seed = UINT64_MAX;
    CHECK_THROWS_WITH(parse(minimal, huge), Contains("run.seed (set by --seed)"));
}

TEST_CASE("malformed TOML and missing files are reported with their place", "[scenario]") {
    CHECK_THROWS_AS(parse(with(minimal, "[clouds.B]", "[clouds.B")), InputError);
    CHECK_THROWS_WITH(parse(with(minimal, "[clouds.B]", "[clouds.B")),
                      Contains("x.toml:9:") && Contains("malformed TOML: "));
    CHECK_THROWS_WITH(parse(with(minimal, "price = 4.0", "price = 4.0.0")),
                      Contains("x.toml:6:") && Contains("malformed TOML"));
    CHECK_THROWS_WITH(load_scenario("/nonexistent/dir/x.toml"),
                      Contains("cannot open scenario file '/nonexistent/dir/x.toml': "
                               "No such file or directory"));
}

TEST_CASE("unknown keys are rejected wherever they are, with a suggestion", "[scenario]") {
    CHECK_THROWS_WITH(parse(with(minimal, "name = \"mini\"", "nmae = \"mini\"")),
                      Contains("x.toml:1:1: unknown key 'nmae' (did you mean 'name'?)"));
    CHECK_THROWS_WITH(parse(with(minimal, "\n[clouds.A]", "\n[globals]\nreveiw_rate = 0.1\n[clouds.A]")),
                      Contains("x.toml:5:1: unknown key 'globals.reveiw_rate' (did you mean "
                               "'review_rate'?)"));
    CHECK_THROWS_WITH(parse(with(minimal, "price = 4.0", "price = 4.0\nbrnd = 1")),
                      Contains("x.toml:7:1: unknown key 'clouds.A.brnd' (did you mean 'brand'?)"));
    CHECK_THROWS_WITH(parse(with(minimal, "price = 4.0", "price = 4.0\nzzzzzz = 1")),
                      Contains("x.toml:7:1: unknown key 'clouds.A.zzzzzz' (allowed: target_share"));
    const std::string event = "[[events]]\ndate = \"2025-03\"\nkind = \"catalog_add\"\n"
                              "cloud = \"A\"\nvendor = \"Y\"\nvalue = 1\n";
    CHECK_THROWS_WITH(parse(with_events(event)),
                      Contains("x.toml:25:1: unknown key 'events[0].value' for kind 'catalog_add'"));
    CHECK_THROWS_WITH(parse(with(minimal, "{ A = 1.0 }", "{ A = 1.0, C = 0 }")),
                      Contains("x.toml:15:") && Contains("vendors.X.training_split.C: unknown cloud 'C'"));
}

TEST_CASE("values of the wrong type name what was expected and what was found", "[scenario]") {
    const auto run = [](const std::string& line) {
        return with(minimal, "start = \"2025-01\"\n", "start = \"2025-01\"\n[run]\n" + line + "\n");
    };
    CHECK_THROWS_WITH(parse(run("ticks = \"120\"")),
                      Contains("x.toml:4:1: run.ticks: expected an integer in [1, 12000], got a string (\"120\")"));
    CHECK_THROWS_WITH(parse(run("ticks = 12.5")),
                      Contains("x.toml:4:1: run.ticks: expected an integer in [1, 12000], got a float (12.5)"));
    CHECK_THROWS_WITH(parse(run("mode = \"fast\"")),
                      Contains("x.toml:4:1: run.mode: expected one of 'stochastic', 'expected', got 'fast'"));
    CHECK_THROWS_WITH(parse(with(minimal, "name = \"mini\"", "name = { a = 1 }")),
                      Contains("x.toml:1:1: name: expected a string, got a table"));
    CHECK_THROWS_WITH(parse(with(minimal, "price = 4.0", "price = \"4\"")),
                      Contains("x.toml:6:1: clouds.A.price: expected a number > 0, got a string"));
    CHECK_THROWS_WITH(parse(with(minimal, "price = 4.0", "price = -1")),
                      Contains("x.toml:6:1: clouds.A.price: expected a number > 0, got -1"));
    CHECK_THROWS_WITH(parse(with(minimal, "price = 4.0", "price = nan")),
                      Contains("clouds.A.price: expected a number > 0, got nan"));
    CHECK_THROWS_WITH(parse(with(minimal, "start = \"2025-01\"", "start = \"2025-13\"")),
                      Contains("x.toml:2:1: start: expected a \"YYYY-MM\" string"));
    CHECK_THROWS_WITH(parse(with(minimal, "price = 4.0\n", "")),
                      Contains("x.toml:4:1: clouds.A.price: required key is missing"));
    CHECK_THROWS_WITH(parse(with(minimal, "name = \"mini\"", "name = \"a/b\"")),
                      Contains("x.toml:1:1: name: expected a non-empty name without '/'"));
}

TEST_CASE("population sizes and counts must be positive", "[scenario]") {
    const auto pop = [](const std::string& line) {
        return minimal + "\n[population]\n" + line + "\n";  // the line is line 21
    };
    CHECK_NOTHROW(parse(pop("enterprises = 1")));
    CHECK_THROWS_WITH(parse(pop("enterprises = 0")),
                      Contains("x.toml:21:1: population.enterprises: expected an integer >= 1, got 0"));
    CHECK_THROWS_WITH(parse(pop("enterprises = -5")),
                      Contains("x.toml:21:1: population.enterprises") && Contains("got -5"));
    CHECK_THROWS_WITH(parse(pop("market_size = 0")),
                      Contains("x.toml:21:1: population.market_size: expected a number in (0, 1e+30], got 0"));
    CHECK_THROWS_WITH(parse(pop("size = { dist = \"constant\", value = -1 }")),
                      Contains("x.toml:21:") && Contains("population.size.value: expected a number > 0, got -1"));
    CHECK_THROWS_WITH(parse(pop("size = { dist = \"lognormal\", mean = 1, sd = -2 }")),
                      Contains("population.size.sd: expected a number >= 0, got -2"));
    CHECK_THROWS_WITH(parse(pop("size = { dist = \"pareto\", mean = 1 }")),
                      Contains("unknown key 'population.size.mean' for dist 'pareto'"));
    CHECK_THROWS_WITH(parse(pop("home_cloud = { A = 0.5, B = 0.4 }")),
                      Contains("x.toml:21:1: population.home_cloud: shares sum to 0.9"));
    const Scenario s = parse(pop("size = { dist = \"pareto\", shape = 1.5 }"));
    CHECK(s.population.size.kind == Distribution::Kind::pareto);
    CHECK(s.population.size.shape == 1.5);
}

TEST_CASE("target shares and splits must each sum to 1", "[scenario]") {
    CHECK_THROWS_WITH(parse(with(minimal, "target_share = 0.6", "target_share = 0.55")),
                      Contains("x.toml: clouds: target_share values sum to 0.95, expected 1 (+-1e-6)"));
    CHECK_NOTHROW(parse(with(minimal, "target_share = 0.6", "target_share = 0.6000000001")));
    CHECK_THROWS_WITH(parse(with(minimal, "{ A = 0.5, B = 0.5 }", "{ A = 0.5, B = 0.4 }")),
                      Contains("x.toml:18:1: vendors.Y.training_split: shares sum to 0.9"));
    CHECK_THROWS_WITH(parse(with(minimal, "{ A = 0.5, B = 0.5 }", "{ A = 1.5, B = -0.5 }")),
                      Contains("x.toml:18:") && Contains("vendors.Y.training_split.A: expected a number in [0, 1], got 1.5"));
    CHECK_THROWS_WITH(parse(with(minimal, "target_share = 0.6", "target_share = 0")),
                      Contains("x.toml:5:1: clouds.A.target_share: expected a number in (0, 1], got 0"));
}

TEST_CASE("catalogs and ports name existing vendors", "[scenario]") {
    CHECK_THROWS_WITH(parse(with(minimal, "catalog = [\"X\"]", "catalog = [\"X\", \"Claude\"]")),
                      Contains("x.toml:7:17: clouds.A.catalog[1]: unknown vendor 'Claude' (vendors: X, Y)"));
    CHECK_THROWS_WITH(parse(with(minimal, "catalog = [\"X\"]", "catalog = [\"X\", \"X\"]")),
                      Contains("x.toml:7:") && Contains("vendor 'X' is listed twice"));
    CHECK_THROWS_WITH(parse(with(minimal, "catalog = [\"X\"]", "catalog = [\"X\"]\nport = { Z = 0.5 }")),
                      Contains("x.toml:8:") && Contains("clouds.A.port.Z: unknown vendor 'Z'"));
    const Scenario s = parse(with(minimal, "catalog = [\"X\"]", "catalog = []\nport = { Y = 0.25 }"));
    CHECK(s.clouds[0].offers == std::vector<std::uint8_t>{0, 0});
    CHECK(s.clouds[0].port == std::vector<double>{0.0, 0.25});
}
