// Scenario inheritance: `base = ...` merges, chains, drops events by id, still rejects unknown
// keys (naming the file the key is in), and a counterfactual keeps its root base's brands.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "core/input_error.hpp"
#include "experiments/counterfactual.hpp"
#include "experiments/ensemble.hpp"
#include "market/scenario_loader.hpp"
#include "market/scenario_writer.hpp"
#include "tests/scenario_text.hpp"

using namespace moatsim;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

// A fresh directory of scenario files for one test.
struct ScenarioDir {
    fs::path dir;
    ScenarioDir() {
        static int count = 0;
        dir = fs::temp_directory_path() /
              ("moatsim_inherit_" + std::to_string(::getpid()) + "_" + std::to_string(count++));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~ScenarioDir() { fs::remove_all(dir); }
    fs::path write(const std::string& name, const std::string& text) const {
        fs::create_directories((dir / name).parent_path());
        std::ofstream(dir / name) << text;
        return dir / name;
    }
};

// The minimal scenario (tests/scenario_text.cpp) with two events that carry ids.
const std::string root = test::minimal +
    "\n[[events]]\nid = \"shock\"\ndate = \"2025-06\"\nkind = \"gpu_shock\"\nfactor = 0.5\nmonths = 3\n"
    "\n[[events]]\nid = \"cut\"\ndate = \"2025-09\"\nkind = \"set\"\nparameter = \"clouds.A.price\"\nvalue = 2.0\n";

}  // namespace

TEST_CASE("an inheriting scenario merges tables key by key and replaces values", "[inheritance]") {
    const ScenarioDir d;
    d.write("root.toml", root);
    const auto child = d.write("child.toml",
                               "base = \"root.toml\"\nname = \"child\"\n"
                               "[clouds.A]\nprice = 5.5\ncatalog = [\"X\", \"Y\"]\n"
                               "[globals]\nreview_rate = 0.2\n");
    const Scenario base = load_scenario(d.dir / "root.toml");
    const Scenario s = load_scenario(child);
    CHECK(s.name == "child");
    CHECK(s.clouds[0].price == 5.5);
    CHECK(s.clouds[0].target_share == base.clouds[0].target_share);  // kept from the base
    CHECK(s.clouds[0].offers == std::vector<std::uint8_t>{1, 1});    // array replaced
    CHECK(s.clouds[1].offers == base.clouds[1].offers);
    CHECK(s.globals.review_rate == 0.2);
    CHECK(s.events.size() == 2);
    REQUIRE(s.bases.size() == 1);
    CHECK(s.bases[0] == d.dir / "root.toml");
    CHECK(s.calibrate_on_base);
    // The resolved file is the merged scenario and stands alone.
    const std::string text = resolved_toml(s);
    CHECK(text.find("base =") == std::string::npos);
    test::check_same(s, parse_scenario(text, "resolved.toml"));
}

TEST_CASE("inheritance chains, appends events and drops them by id", "[inheritance]") {
    const ScenarioDir d;
    d.write("root.toml", root);
    d.write("mid.toml", "base = \"root.toml\"\nname = \"mid\"\ndrop_events = [\"shock\"]\n"
                        "[clouds.B]\nprice = 9.0\n");
    const auto leaf = d.write("sub/leaf.toml",
                              "base = \"../mid.toml\"\nname = \"leaf\"\ncalibrate = \"self\"\n"
                              "[clouds.A]\nprice = 1.5\n"
                              "[[events]]\nid = \"late\"\ndate = \"2026-01\"\nkind = \"catalog_add\"\n"
                              "cloud = \"A\"\nvendor = \"Y\"\n");
    const Scenario s = load_scenario(leaf);
    CHECK(s.name == "leaf");
    CHECK(s.clouds[0].price == 1.5);
    CHECK(s.clouds[1].price == 9.0);
    REQUIRE(s.events.size() == 2);
    CHECK(s.events[0].id == "cut");
    CHECK(s.events[1].id == "late");
    REQUIRE(s.bases.size() == 2);
    CHECK(s.bases.back().filename() == "root.toml");
    CHECK_FALSE(s.calibrate_on_base);
}

TEST_CASE("inheriting files still reject bad keys, naming the file they are in", "[inheritance]") {
    const ScenarioDir d;
    d.write("root.toml", root);
    CHECK_THROWS_WITH(load_scenario(d.write("a.toml", "base = \"root.toml\"\nname = \"a\"\n"
                                                      "[clouds.A]\npirce = 3.0\n")),
                      Contains("a.toml:4:1: unknown key 'clouds.A.pirce' (did you mean 'price'?)"));
    CHECK_THROWS_WITH(load_scenario(d.write("b.toml", "base = \"nowhere.toml\"\nname = \"b\"\n")),
                      Contains("b.toml:1:8: base: cannot open base scenario") &&
                          Contains("nowhere.toml"));
    CHECK_THROWS_WITH(load_scenario(d.write("c.toml", "base = \"root.toml\"\nname = \"c\"\n"
                                                      "drop_events = [\"shok\"]\n")),
                      Contains("c.toml:3:16: drop_events[0]: no inherited event has id 'shok' "
                               "(ids: shock, cut)"));
    d.write("loop1.toml", "base = \"loop2.toml\"\nname = \"l1\"\n");
    CHECK_THROWS_WITH(load_scenario(d.write("loop2.toml", "base = \"loop1.toml\"\nname = \"l2\"\n")),
                      Contains("inheritance cycle: loop2.toml -> loop1.toml -> loop2.toml"));
    CHECK_THROWS_WITH(load_scenario(d.write("d.toml", "calibrate = \"self\"\n" + root)),
                      Contains("calibrate: only a scenario that inherits"));
    CHECK_THROWS_WITH(load_scenario(d.write("e.toml", "base = \"root.toml\"\nname = \"e\"\n"
                                                      "calibrate = \"both\"\n")),
                      Contains("e.toml:3:13: calibrate: expected one of 'base', 'self'"));
    // A value inherited from the base is reported in the base file.
    d.write("bad_root.toml", test::with(root, "price = 4.0", "price = -4.0"));
    CHECK_THROWS_WITH(load_scenario(d.write("f.toml", "base = \"bad_root.toml\"\nname = \"f\"\n")),
                      Contains("bad_root.toml:6:1: clouds.A.price: expected a number > 0"));
}

TEST_CASE("a counterfactual keeps its root base's calibrated brands", "[inheritance]") {
    const ScenarioDir d;
    d.write("root.toml", root + "[population]\nenterprises = 1500\n");
    const auto cheap = d.write("cheap.toml", "base = \"root.toml\"\nname = \"cheap\"\n"
                                             "[clouds.A]\nprice = 2.0\n");
    const Scenario base = load_scenario(d.dir / "root.toml");
    const Scenario alt = pin_base_brands(load_scenario(cheap), {}, nullptr);
    CHECK(alt.calibration == CalibrationMethod::none);
    const auto brands = brands_of(base, nullptr);
    for (std::size_t k = 0; k < brands.size(); ++k) CHECK(alt.clouds[k].brand == brands[k]);
    // So the price cut shows at tick 0, where a re-calibrated world would hit the targets.
    Scenario a = alt;
    a.run.ticks = 1;
    a.run.replicates = 1;
    a.run.mode = Mode::expected;
    const EnsembleResult r = run_ensemble(a, nullptr);
    CHECK(r.replicates[0].ticks[0].clouds[0].share_workload > base.clouds[0].target_share + 0.01);
}

TEST_CASE("a bad value set in an inheriting file is reported in that file", "[inheritance]") {
    const ScenarioDir d;
    d.write("root.toml", root);
    CHECK_THROWS_WITH(load_scenario(d.write("g.toml", "base = \"root.toml\"\nname = \"g\"\n"
                                                      "[clouds.A]\nprice = -1.0\n")),
                      Contains("g.toml:4:1: clouds.A.price: expected a number > 0, got -1"));
    CHECK_THROWS_WITH(load_scenario(d.write("h.toml", "base = \"root.toml\"\nname = \"h\"\n"
                                                      "[[events]]\nid = \"cut\"\ndate = \"2025-03\"\n"
                                                      "kind = \"gpu_shock\"\nfactor = 0.5\nmonths = 1\n")),
                      Contains("id 'cut' is already used by events[1]; expected unique event ids"));
}

// Issue 9: the check compared the taste array's size (N x M) with the vendor count M, so any
// inheriting scenario refused every loaded population.
TEST_CASE("a loaded population calibrates the root base of an inheriting scenario", "[inheritance]") {
    const ScenarioDir d;
    d.write("root.toml", root + "[population]\nenterprises = 1500\n");
    const auto cheap = d.write("cheap.toml", "base = \"root.toml\"\nname = \"cheap\"\n"
                                             "[clouds.A]\nprice = 2.0\n");
    const Scenario base = load_scenario(d.dir / "root.toml");
    const Population pop = replicate_population(base, 0);
    REQUIRE(pop.count() > 1);  // the bug needed N > 1 to show
    const Scenario alt = pin_base_brands(load_scenario(cheap), {}, &pop);
    const auto brands = brands_of(base, &pop);
    for (std::size_t k = 0; k < brands.size(); ++k) CHECK(alt.clouds[k].brand == brands[k]);
    // A population whose rows have another vendor count cannot be the root's.
    Population wider = pop;
    wider.vendors += 1;
    CHECK_THROWS_WITH(pin_base_brands(load_scenario(cheap), {}, &wider),
                      Contains("cheap.toml") && Contains("root.toml") && Contains("same vendors"));
}
