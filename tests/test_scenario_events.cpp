// Scenario events: names they refer to, dates within the horizon, order, and the
// consistency of the values that `set` events leave in force.
#include <catch2/catch.hpp>

#include <string>

#include "core/input_error.hpp"
#include "market/parameters.hpp"
#include "market/scenario_loader.hpp"
#include "market/scenario_writer.hpp"
#include "tests/scenario_text.hpp"

using namespace moatsim;
using namespace moatsim::test;
using Catch::Contains;

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
                      Contains("no settable cloud field 'target_share'") && Contains("brand, price"));
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

TEST_CASE("events past the horizon are set aside (after overrides) and before the start fail",
          "[scenario]") {
    const auto dated = [](const std::string& date) {
        return with_events("[[events]]\ndate = \"" + date +
                           "\"\nkind = \"gpu_shock\"\nfactor = 0.5\nmonths = 3\n");
    };
    CHECK(parse(dated("2035-01")).events.at(0).tick == 120);  // the last month of 120 ticks
    CHECK(parse(dated("2035-01")).skipped_events.empty());
    const Scenario past = parse(dated("2035-02"));
    CHECK(past.events.empty());
    REQUIRE(past.skipped_events.size() == 1);
    CHECK(past.skipped_events[0].tick == 121);
    CHECK_THROWS_WITH(parse(dated("2024-12")),
                      Contains("x.toml:21:1: events[0].date: 2024-12 is before the start date 2025-01"));
    ScenarioOverrides o;
    o.ticks = 12;
    CHECK(parse(dated("2026-01"), o).events.at(0).tick == 12);
    const Scenario shortened = parse(dated("2026-02"), o);
    CHECK(shortened.events.empty());
    REQUIRE(shortened.skipped_events.size() == 1);
    CHECK(shortened.skipped_events[0].tick == 13);
    // A skipped event is still checked like any other.
    CHECK_THROWS_WITH(parse(with_events("[[events]]\ndate = \"2026-02\"\nkind = \"gpu_shock\"\n"
                                        "factor = 0.5\nmonths = 0\n"), o),
                      Contains("events[0].months"));
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

TEST_CASE("set events may not leave lerner_min above lerner_max at any tick", "[scenario]") {
    const auto set = [](const char* date, const char* parameter, const char* value) {
        return std::string("[[events]]\ndate = \"") + date + "\"\nkind = \"set\"\nparameter = \"" +
               parameter + "\"\nvalue = " + value + "\n";
    };
    // Defaults are lerner_min 0, lerner_max 0.9 (docs/SCENARIO.md). Raising the ceiling
    // first, then the floor, is fine even when the file lists them the other way round.
    CHECK_NOTHROW(parse(with_events(set("2026-01", "globals.lerner_min", "0.95") +
                                    set("2025-06", "globals.lerner_max", "0.97"))));
    // The same two events at one date apply in file order, so the floor passes the ceiling.
    CHECK_THROWS_WITH(parse(with_events(set("2026-01", "globals.lerner_min", "0.95") +
                                        set("2026-01", "globals.lerner_max", "0.97"))),
                      Contains("x.toml:20:1: events[0].value: this set leaves lerner_min (0.95) "
                               "above lerner_max (0.9)"));
    CHECK_THROWS_WITH(parse(with_events(set("2025-02", "globals.lerner_min", "0.2") +
                                        set("2025-03", "globals.lerner_max", "0.1"))),
                      Contains("events[1].value") && Contains("lerner_min (0.2) above lerner_max (0.1)"));
}

TEST_CASE("each kind loads into its own payload and a set resolves its target at load", "[scenario]") {
    const auto ev = [](const char* body) {
        return std::string("[[events]]\ndate = \"2025-04\"\n") + body;
    };
    const Scenario s = parse(with_events(
        ev("kind = \"set\"\nparameter = \"clouds.B.price\"\nvalue = 7\n") +
        ev("kind = \"set\"\nparameter = \"globals.review_rate\"\nvalue = 0.2\n") +
        ev("kind = \"set\"\nparameter = \"vendors.Y.margin\"\nvalue = 2\n") +
        ev("kind = \"catalog_remove\"\ncloud = \"B\"\nvendor = \"X\"\n") +
        ev("kind = \"port\"\ncloud = \"A\"\nvendor = \"Y\"\nvalue = 0.25\n") +
        ev("kind = \"training_split\"\nvendor = \"Y\"\nsplit = {A = 0.5, B = 0.5}\n") +
        ev("kind = \"funding\"\nvendor = \"X\"\namount = 3\nmonths = 4\n") +
        ev("kind = \"gpu_shock\"\nfactor = 0.5\nmonths = 2\n")));
    REQUIRE(s.events.size() == 8);
    const int A = s.cloud_index("A"), B = s.cloud_index("B");
    const int X = s.vendor_index("X"), Y = s.vendor_index("Y");

    const auto* price = s.events[0].as<event::Set>();
    REQUIRE(price);
    CHECK(price->parameter == "clouds.B.price");
    CHECK(price->target.scope == ParameterRef::Scope::cloud);
    CHECK(price->target.index == B);
    CHECK(price->target.cloud_field == &CloudSpec::price);
    CHECK(price->value == 7.0);
    const auto* rate = s.events[1].as<event::Set>();
    REQUIRE(rate);
    CHECK(rate->target.global_field == &Globals::review_rate);
    const auto* margin = s.events[2].as<event::Set>();
    REQUIRE(margin);
    CHECK((margin->target.index == Y && margin->target.vendor_field == &VendorSpec::margin));
    CHECK(s.events[3].payload == EventPayload{event::CatalogRemove{B, X}});
    CHECK(s.events[4].payload == EventPayload{event::Port{A, Y, 0.25}});
    CHECK(s.events[5].payload == EventPayload{event::TrainingSplit{Y, {0.5, 0.5}}});
    CHECK(s.events[6].payload == EventPayload{event::Funding{X, 3.0, 4}});
    CHECK(s.events[7].payload == EventPayload{event::GpuShock{0.5, 2}});
    for (std::size_t i = 0; i < s.events.size(); ++i) {
        CHECK(s.events[i].kind() == enum_at<EventKind>(i < 3 ? 0 : i - 1));  // three sets, then one of each kind
        CHECK(cloud_of(s.events[i]) == (i == 3 ? B : i == 4 ? A : -1));
    }
    // The resolved scenario writes each payload back in the file's own words.
    const std::string written = resolved_toml(s);
    CHECK_THAT(written, Contains("kind = \"port\"\ncloud = \"A\"\nvendor = \"Y\"\nvalue = 0.25\n"));
    CHECK_THAT(written, Contains("kind = \"funding\"\nvendor = \"X\"\namount = 3.0\nmonths = 4\n"));
    CHECK(parse_scenario(written, "resolved.toml").events == s.events);
}

TEST_CASE("set events made in code resolve their parameter or say why not", "[scenario]") {
    const Scenario s = parse(with_events(""));
    const event::Set set = make_set(s, "vendors.X.quality0", 1.5);
    CHECK(set.target.vendor_field == &VendorSpec::quality0);
    CHECK(set.target.index == s.vendor_index("X"));
    CHECK_THROWS_AS(make_set(s, "vendors.Q.quality0", 1.0), InputError);
    CHECK_THROWS_WITH(make_set(s, "globals.nonsense", 1.0),
                      Contains("unknown parameter 'globals.nonsense'"));
    CHECK_THROWS_WITH(make_set(s, "clouds.A.target_share", 0.5),  // not settable
                      Contains("unknown parameter 'clouds.A.target_share'"));
}
