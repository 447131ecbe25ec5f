// The scenario loader and writer: values and defaults, one test per kind of bad input (the
// message must name the file, the line and the key), and the resolved-TOML round trip.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <tuple>

#include "agents/input_error.hpp"
#include "market/scenario_loader.hpp"
#include "market/scenario_writer.hpp"

#ifndef MOATSIM_SOURCE_DIR
#define MOATSIM_SOURCE_DIR "."
#endif

using namespace moatsim;
using Catch::Contains;

namespace {

// Line numbers matter: the error tests below name them.
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

/// `text` with the first `from` replaced by `to`; fails the test if `from` is absent.
std::string with(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

Scenario parse(const std::string& text, const ScenarioOverrides& o = {}) {
    return parse_scenario(text, "x.toml", o);
}

/// The minimal scenario plus events (appended after line 18, so the first event is line 20).
std::string with_events(const std::string& events) { return minimal + "\n" + events; }

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

/// Every field of two scenarios but `source`, doubles bit for bit.
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
    REQUIRE(a.events.size() == b.events.size());
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        const Event &e = a.events[i], &f = b.events[i];
        CHECK(std::tie(e.kind, e.tick, e.cloud, e.vendor, e.parameter, e.months, e.note) ==
              std::tie(f.kind, f.tick, f.cloud, f.vendor, f.parameter, f.months, f.note));
        CHECK(same(e.value, f.value));
        check_same(e.split, f.split);
    }
}

}  // namespace

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
                      Contains("x.toml:21:1: population.market_size: expected a number > 0, got 0"));
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

TEST_CASE("events name existing clouds, vendors and parameters", "[scenario]") {
    const auto event = [](const std::string& body) {
        return with_events("[[events]]\ndate = \"2025-06\"\n" + body);  // body starts at line 22
    };
    CHECK_THROWS_WITH(parse(event("kind = \"catalog_remove\"\ncloud = \"AWZ\"\nvendor = \"X\"\n")),
                      Contains("x.toml:23:1: events[0].cloud: unknown cloud 'AWZ' (clouds: A, B)"));
    CHECK_THROWS_WITH(parse(event("kind = \"funding\"\nvendor = \"Claude\"\namount = 1\nmonths = 2\n")),
                      Contains("x.toml:23:1: events[0].vendor: unknown vendor 'Claude' (vendors: X, Y)"));
    CHECK_THROWS_WITH(parse(event("kind = \"set\"\nparameter = \"globals.reveiw_rate\"\nvalue = 0.1\n")),
                      Contains("x.toml:23:1: events[0].parameter: unknown parameter 'globals.reveiw_rate'") &&
                          Contains("did you mean 'review_rate'?") && Contains("gpu_cost, gpu_cost_decline"));
    CHECK_THROWS_WITH(parse(event("kind = \"set\"\nparameter = \"clouds.A.target_share\"\nvalue = 0.1\n")),
                      Contains("no settable cloud field 'target_share'") && Contains("price, brand"));
    CHECK_THROWS_WITH(parse(event("kind = \"set\"\nparameter = \"vendors.Q.margin\"\nvalue = 1\n")),
                      Contains("unknown vendor 'Q'"));
    CHECK_THROWS_WITH(parse(event("kind = \"set\"\nparameter = \"globals.review_rate\"\nvalue = 2\n")),
                      Contains("x.toml:24:1: events[0].value: expected a number in [0, 1], got 2"));
    CHECK_THROWS_WITH(parse(event("kind = \"launch\"\n")),
                      Contains("x.toml:22:1: events[0].kind: expected one of 'set', 'catalog_add'"));
    CHECK_THROWS_WITH(parse(event("kind = \"gpu_shock\"\nfactor = 0.5\nmonths = 0\n")),
                      Contains("x.toml:24:1: events[0].months: expected an integer in [1, 12000], got 0"));
    CHECK_THROWS_WITH(parse(event("kind = \"port\"\ncloud = \"A\"\nvendor = \"X\"\n")),
                      Contains("events[0].value: required key is missing"));
}

TEST_CASE("events must fall within the horizon, after overrides", "[scenario]") {
    const auto dated = [](const std::string& date) {
        return with_events("[[events]]\ndate = \"" + date +
                           "\"\nkind = \"gpu_shock\"\nfactor = 0.5\nmonths = 3\n");
    };
    CHECK(parse(dated("2035-01")).events.at(0).tick == 120);  // the last month of 120 ticks
    CHECK_THROWS_WITH(parse(dated("2035-02")),
                      Contains("x.toml:21:1: events[0].date: 2035-02 is past the horizon: its last "
                               "month is 2035-01"));
    CHECK_THROWS_WITH(parse(dated("2024-12")),
                      Contains("x.toml:21:1: events[0].date: 2024-12 is before the start date 2025-01"));
    ScenarioOverrides o;
    o.ticks = 12;
    CHECK(parse(dated("2026-01"), o).events.at(0).tick == 12);
    CHECK_THROWS_WITH(parse(dated("2026-02"), o),
                      Contains("x.toml:21:1: events[0].date: 2026-02 is past the horizon") &&
                          Contains("2026-01") && Contains("set by --ticks"));
}

TEST_CASE("events are sorted by tick, in file order within a tick", "[scenario]") {
    const auto ev = [](const char* date, const char* note) {
        return std::string("[[events]]\ndate = \"") + date +
               "\"\nkind = \"gpu_shock\"\nfactor = 1\nmonths = 1\nnote = \"" + note + "\"\n";
    };
    const Scenario s = parse(with_events(ev("2025-09", "a") + ev("2025-03", "b") +
                                         ev("2025-09", "c") + ev("2025-03", "d")));
    REQUIRE(s.events.size() == 4);
    CHECK(s.events[0].note == "b");
    CHECK(s.events[1].note == "d");
    CHECK(s.events[2].note == "a");
    CHECK(s.events[3].note == "c");
    CHECK(s.events[0].tick == 2);
    CHECK(s.events[2].tick == 8);
}

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
    s.vendors[1].funding = 1e300;
    s.population.lock_in_fear = {Distribution::Kind::lognormal, 1.0 / 3.0, 5e-324, 2.0};
    s.events[6].value = 1.0 / 3.0;
    REQUIRE(s.events[3].kind == Event::Kind::training_split);
    REQUIRE(s.events[6].kind == Event::Kind::set);
    s.events[3].split = {1.0 / 3.0, 2.0 / 3.0};

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
    CHECK(s.events[0].kind == Event::Kind::catalog_add);
    CHECK(s.events[0].tick == 7);
    check_same(s, parse_scenario(resolved_toml(s), "resolved.toml"));

    ScenarioOverrides o;
    o.ticks = 3;
    CHECK_THROWS_WITH(load_scenario(MOATSIM_SOURCE_DIR "/scenarios/baseline.toml", o),
                      Contains("baseline.toml:") && Contains("past the horizon"));
}
