// The classroom's worlds (classroom/): a student's world beside the shared baseline, levers
// as dated events, and the export that `moatsim run` reproduces exactly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "classroom/classroom_world.hpp"
#include "classroom/protocol.hpp"
#include "classroom/scenario_shelf.hpp"
#include "core/input_error.hpp"
#include "experiments/ensemble.hpp"
#include "experiments/live_replicate.hpp"
#include "io/csv_tables.hpp"
#include "market/scenario_loader.hpp"
#include "scratch_dir.hpp"

using namespace moatsim;

namespace {

const std::filesystem::path source = MOATSIM_SOURCE_DIR;

// baseline.toml and one inheriting scenario, copied so the shelf reads only them.
ScenarioShelf test_shelf(const test::ScratchDir& dir, std::int64_t enterprises = 2000) {
    for (const char* f : {"baseline.toml", "gpu_shortage.toml"})
        std::filesystem::copy_file(source / "scenarios" / f, dir.path / f);
    std::vector<std::string> skipped;
    ScenarioShelf shelf = ScenarioShelf::load(dir.path, enterprises, skipped);
    REQUIRE(skipped.empty());
    return shelf;
}

int cloud(const ClassroomWorld& w, const char* name) { return w.scenario().cloud_index(name); }

double aws_difference(const ClassroomWorld& w) {
    const int k = cloud(w, "AWS");
    return w.rows().back().clouds[k].share_workload - w.baseline_rows().back().clouds[k].share_workload;
}

LeverPull pull(std::string lever, double value, std::string cloud = "", std::string vendor = "") {
    LeverPull p;
    p.lever = std::move(lever), p.value = value, p.cloud = std::move(cloud), p.vendor = std::move(vendor);
    return p;
}

}  // namespace

TEST_CASE("classroom: untouched, the student's world is the baseline row for row", "[classroom]") {
    test::ScratchDir dir("classroom_same");
    const ScenarioShelf shelf = test_shelf(dir);
    ClassroomWorld w(*shelf.find("baseline"));
    for (int t = 0; t < 30; ++t) w.step();
    REQUIRE(w.tick() == 30);
    for (int t = 0; t <= 30; ++t)
        for (std::size_t k = 0; k < w.rows()[t].clouds.size(); ++k)
            REQUIRE(w.rows()[t].clouds[k].share_workload == w.baseline_rows()[t].clouds[k].share_workload);
    // The world runs as served: expected mode, the server's enterprise count, one replicate.
    CHECK(w.scenario().run.mode == Mode::expected);
    CHECK(w.scenario().population.enterprises == 2000);
}

TEST_CASE("classroom: two sessions share one baseline and get the same rows", "[classroom]") {
    test::ScratchDir dir("classroom_shared");
    const ScenarioShelf shelf = test_shelf(dir);
    ClassroomWorld a(*shelf.find("baseline")), b(*shelf.find("baseline"));
    for (int t = 0; t < 12; ++t) a.step();
    for (int t = 0; t < 20; ++t) b.step();
    for (int t = 0; t <= 12; ++t)
        REQUIRE(a.baseline_rows()[t].clouds[0].price == b.baseline_rows()[t].clouds[0].price);
}

TEST_CASE("classroom: AWS dropping Anthropic moves the AWS difference below zero", "[classroom]") {
    test::ScratchDir dir("classroom_drop");
    const ScenarioShelf shelf = test_shelf(dir);
    ClassroomWorld w(*shelf.find("baseline"));
    for (int t = 0; t < 24; ++t) w.step();
    REQUIRE(w.levers().catalog[cloud(w, "AWS")][w.scenario().vendor_index("Anthropic")] == 1);
    const auto events = w.pull(pull("catalog", 0, "AWS", "Anthropic"));
    REQUIRE(events.size() == 1);
    CHECK(events[0].tick == 24);  // a pull while month t is shown acts in month t
    CHECK(events[0].text == "2027-01 class: AWS stops offering Anthropic");
    CHECK(w.levers().catalog[cloud(w, "AWS")][w.scenario().vendor_index("Anthropic")] == 0);
    // Month 24 was computed again with the change; the months before are as they were.
    REQUIRE(w.tick() == 24);
    for (int t = 0; t < 24; ++t)
        REQUIRE(w.rows()[t].clouds[cloud(w, "AWS")].share_workload ==
                w.baseline_rows()[t].clouds[cloud(w, "AWS")].share_workload);
    CHECK(aws_difference(w) < 0.0);
    for (int t = 0; t < 12; ++t) w.step();
    CHECK(aws_difference(w) < -0.01);
}

TEST_CASE("classroom: the exported scenario reproduces the student's world with moatsim run",
          "[classroom]") {
    test::ScratchDir dir("classroom_export");
    const ScenarioShelf shelf = test_shelf(dir);
    const char* which = GENERATE("baseline", "gpu_shortage");
    ClassroomWorld w(*shelf.find(which));
    for (int t = 0; t < 5; ++t) w.step();
    w.pull(pull("catalog", 0, "AWS", "Anthropic"));
    w.pull(pull("review_rate", 0.1));
    for (int t = 0; t < 4; ++t) w.step();
    w.pull(pull("lock_in_fear", 2.5));
    w.pull(pull("silicon_discount", 0.5, "AWS"));
    w.pull(pull("port", 1.0, "AWS", "Meta"));
    w.step();
    w.pull(pull("switch_cost_cloud", 1.5));
    w.pull(pull("switch_cost_vendor", 0.25));
    w.pull(pull("price_war_ceiling", 0.3));
    LeverPull shock = pull("gpu_shock", 0.4);
    shock.months = 6;
    w.pull(shock);
    w.pull(pull("catalog", 1, "Azure", "Anthropic"));
    for (int t = 0; t < 8; ++t) w.step();
    REQUIRE(w.tick() == 18);

    const std::string toml = w.export_toml();
    INFO(toml);
    CHECK(toml.find(std::string("base = \"") + which + ".toml\"") != std::string::npos);
    const auto file = dir.path / (std::string(which) + "_class.toml");
    std::ofstream(file) << toml;
    const Scenario loaded = load_scenario(file);
    REQUIRE(loaded.bases.size() >= 1);
    const EnsembleResult run = run_ensemble(loaded, nullptr);
    const auto& rows = run.replicates.at(0).ticks;
    for (int t = 0; t <= w.tick(); ++t) {
        INFO("tick " << t);
        for (std::size_t k = 0; k < rows[t].clouds.size(); ++k) {
            REQUIRE(rows[t].clouds[k].share_workload == w.rows()[t].clouds[k].share_workload);
            REQUIRE(rows[t].clouds[k].price == w.rows()[t].clouds[k].price);
            REQUIRE(rows[t].clouds[k].capacity == w.rows()[t].clouds[k].capacity);
        }
        for (std::size_t m = 0; m < rows[t].vendors.size(); ++m)
            REQUIRE(rows[t].vendors[m].share == w.rows()[t].vendors[m].share);
    }
    // The exported CSV is the head of the one `moatsim run` writes for the file.
    std::ostringstream written;
    write_clouds_csv(written, loaded, run);
    const std::string csv = w.export_clouds_csv();
    REQUIRE(csv.size() > 200);
    CHECK(written.str().compare(0, csv.size(), csv) == 0);
    // So are the exported vendors.csv and market.csv.
    std::ostringstream vendors_written, market_written;
    write_vendors_csv(vendors_written, loaded, run);
    write_market_csv(market_written, loaded, run);
    const std::string vendors = w.export_vendors_csv(), market = w.export_market_csv();
    REQUIRE(vendors.size() > 200);
    REQUIRE(market.size() > 100);
    CHECK(vendors_written.str().compare(0, vendors.size(), vendors) == 0);
    CHECK(market_written.str().compare(0, market.size(), market) == 0);
    CHECK(std::count(market.begin(), market.end(), '\n') == w.tick() + 2);  // header + months 0..tick
    // And the student's world differs from the baseline.
    CHECK(aws_difference(w) != 0.0);
}

TEST_CASE("classroom: lock-in fear scales the two weights phi multiplies", "[classroom]") {
    test::ScratchDir dir("classroom_fear");
    const ScenarioShelf shelf = test_shelf(dir);
    ClassroomWorld w(*shelf.find("baseline"));
    const double omega = w.scenario().globals.optionality_weight;
    const double theta = w.scenario().globals.silicon_lockin_weight;
    CHECK(w.levers().lock_in_fear == Approx(1.0));  // baseline: lognormal mean 1
    const auto events = w.pull(pull("lock_in_fear", 3.0));
    REQUIRE(events.size() == 2);
    CHECK(w.levers().lock_in_fear == Approx(3.0));
    bool saw_omega = false, saw_theta = false;
    for (const auto& e : w.scenario().events) {
        const auto* set = e.as<event::Set>();
        if (!set) continue;
        if (set->parameter == "globals.optionality_weight") saw_omega = set->value == Approx(3 * omega);
        if (set->parameter == "globals.silicon_lockin_weight") saw_theta = set->value == Approx(3 * theta);
    }
    CHECK(saw_omega);
    CHECK(saw_theta);
}

TEST_CASE("classroom: bad pulls are refused with a clear message and change nothing", "[classroom]") {
    test::ScratchDir dir("classroom_bad");
    const ScenarioShelf shelf = test_shelf(dir);
    ClassroomWorld w(*shelf.find("baseline"));
    w.step();
    const std::size_t events = w.scenario().events.size();
    CHECK_THROWS_WITH(w.pull(pull("teleport", 1)), Catch::Contains("unknown lever 'teleport'"));
    CHECK_THROWS_WITH(w.pull(pull("review_rate", std::nan(""))), Catch::Contains("not a finite number"));
    CHECK_THROWS_WITH(w.pull(pull("review_rate", HUGE_VAL)), Catch::Contains("not a finite number"));
    CHECK_THROWS_WITH(w.pull(pull("review_rate", 0.9)), Catch::Contains("[0, 0.5]"));
    CHECK_THROWS_WITH(w.pull(pull("review_rate", -0.1)), Catch::Contains("[0, 0.5]"));
    CHECK_THROWS_WITH(w.pull(pull("catalog", 0.5, "AWS", "Meta")), Catch::Contains("0 (off) or 1 (on)"));
    CHECK_THROWS_WITH(w.pull(pull("catalog", 0, "AWZ", "Meta")), Catch::Contains("unknown cloud 'AWZ'"));
    CHECK_THROWS_WITH(w.pull(pull("port", 0.5, "AWS", "Nobody")), Catch::Contains("unknown vendor 'Nobody'"));
    CHECK_THROWS_WITH(w.pull(pull("price_war_ceiling", 0.05)), Catch::Contains("price floor"));
    LeverPull shock = pull("gpu_shock", 0.5);
    shock.months = 0;
    CHECK_THROWS_WITH(w.pull(shock), Catch::Contains("months must be a whole number"));
    CHECK(w.scenario().events.size() == events);
    CHECK(w.student_events().empty());
    // At the last month a pull still acts, in that month.
    while (!w.finished()) w.step();
    const double before = w.rows().back().switches;
    w.pull(pull("review_rate", 0.5));
    CHECK(w.tick() == w.scenario().run.ticks);
    CHECK(w.rows().back().switches != before);
}

TEST_CASE("classroom protocol: client messages are checked", "[classroom]") {
    using T = ClientMessage::Type;
    CHECK(parse_client_message(R"({"type":"open","scenario":"baseline"})").scenario == "baseline");
    const ClientMessage lever = parse_client_message(
        R"({"type":"lever","lever":"catalog","cloud":"AWS","vendor":"Meta","value":0})");
    CHECK(lever.type == T::lever);
    CHECK(lever.pull.vendor == "Meta");
    CHECK_THROWS_WITH(parse_client_message("{nope"), "malformed message: not JSON");
    CHECK_THROWS_WITH(parse_client_message("[1,2]"), "malformed message: expected a JSON object");
    CHECK_THROWS_WITH(parse_client_message(R"({"type":"lever","lever":"review_rate","value":NaN})"),
                      "malformed message: not JSON");
    CHECK_THROWS_WITH(parse_client_message(R"({"type":"lever","lever":"review_rate","value":"0.1"})"),
                      "\"value\" must be a number");
    CHECK_THROWS_WITH(parse_client_message(R"({"type":"lever","lever":"review_rate"})"),
                      Catch::Contains("missing \"value\""));
    CHECK_THROWS_WITH(parse_client_message(R"({"type":"dance"})"), Catch::Contains("unknown message type 'dance'"));
    CHECK_THROWS_WITH(parse_client_message(R"({"type":"export","format":"/etc/passwd"})"),
                      Catch::Contains("\"toml\" or \"csv\""));
    CHECK_THROWS_WITH(parse_client_message(R"({"kind":"open"})"), Catch::Contains("missing \"type\""));
}

TEST_CASE("classroom: a replicate continues only with events dated after its month", "[classroom]") {
    test::ScratchDir dir("classroom_continue");
    const ScenarioShelf shelf = test_shelf(dir);
    const Scenario& served = shelf.find("baseline")->world;
    LiveReplicate live(served, ScenarioOverrides{}, 0);
    (void)live.initialize();
    for (int t = 0; t < 10; ++t) (void)live.advance();
    REQUIRE(live.tick() == 10);
    const auto with_event_at = [&](int tick) {
        std::string text = shelf.find("baseline")->resolved_text;
        text += "[[events]]\ndate = \"" + served.start.plus_months(tick).to_string() +
                "\"\nkind = \"set\"\nparameter = \"globals.review_rate\"\nvalue = 0.2\n";
        return parse_scenario(text, "continue test");
    };
    CHECK_THROWS_WITH(live.continue_with_events(with_event_at(10)), Catch::Contains("already run"));
    CHECK_THROWS_WITH(live.continue_with_events(with_event_at(3)), Catch::Contains("already run"));
    CHECK_NOTHROW(live.continue_with_events(with_event_at(11)));
    // From then on it is the replicate of the extended scenario, row for row.
    const Scenario extended = with_event_at(11);
    LiveReplicate fresh(extended, ScenarioOverrides{}, 0);
    (void)fresh.initialize();
    for (int t = 0; t < 10; ++t) (void)fresh.advance();
    TickRecord a;
    for (int t = 0; t < 5; ++t) {
        a = live.advance();
        const TickRecord b = fresh.advance();
        for (std::size_t k = 0; k < a.clouds.size(); ++k)
            REQUIRE(a.clouds[k].share_workload == b.clouds[k].share_workload);
    }
    // ... and the event took effect: month 15 is not the served scenario's.
    REQUIRE(a.tick == 15);
    CHECK(a.switches != shelf.find("baseline")->baseline->row(15).switches);
}
