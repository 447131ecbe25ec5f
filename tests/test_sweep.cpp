// Sweeps: designs, bad sweep files, and resuming an interrupted sweep to the same CSV.
#include <catch2/catch.hpp>

#include <tbb/global_control.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "core/input_error.hpp"
#include "experiments/sweep_spec.hpp"
#include "tests/scenario_text.hpp"
#include "experiments/sweep_runner.hpp"

using namespace moatsim;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

struct SweepDir {
    fs::path dir;
    SweepDir() {
        static int count = 0;
        dir = fs::temp_directory_path() /
              ("moatsim_sweep_" + std::to_string(::getpid()) + "_" + std::to_string(count++));
        fs::remove_all(dir);
        fs::create_directories(dir);
        std::ofstream(dir / "base.toml")
            << test::minimal << "\n[run]\nticks = 6\nreplicates = 2\n"
            << "[population]\nenterprises = 400\n"
            << "lock_in_fear = { dist = \"lognormal\", mean = 1.0, sd = 0.5 }\n";
    }
    ~SweepDir() { fs::remove_all(dir); }
    fs::path write(const std::string& text) const {
        std::ofstream(dir / "sweep.toml") << text;
        return dir / "sweep.toml";
    }
};

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::string grid_sweep =
    "name = \"g\"\nbase = \"base.toml\"\nmetrics = [\"share_workload\", \"price\"]\n"
    "[design]\nkind = \"grid\"\n"
    "[[parameters]]\nkey = \"clouds.A.price\"\nvalues = [3.0, 4.0, 5.0]\n"
    "[[parameters]]\nkey = \"population.lock_in_fear.mean\"\nvalues = [0.5, 2.0]\n";

}  // namespace

TEST_CASE("sweep designs: grid order and Latin hypercube strata", "[sweep]") {
    const SweepDir d;
    const SweepSpec grid = load_sweep(d.write(grid_sweep));
    const auto runs = expand_design(grid);
    REQUIRE(runs.size() == 6);
    CHECK(runs[0].values == std::vector<double>{3.0, 0.5});
    CHECK(runs[1].values == std::vector<double>{3.0, 2.0});  // the last parameter turns fastest
    CHECK(runs[5].values == std::vector<double>{5.0, 2.0});
    CHECK(runs[5].index == 5);

    const SweepSpec lhs = load_sweep(d.write(
        "name = \"l\"\nbase = \"base.toml\"\n[design]\nkind = \"lhs\"\nsamples = 10\nseed = 3\n"
        "[[parameters]]\nkey = \"clouds.A.price\"\nrange = [2.0, 4.0]\n"
        "[[parameters]]\nkey = \"globals.review_rate\"\nrange = [0.0, 0.5]\n"));
    const auto samples = expand_design(lhs);
    REQUIRE(samples.size() == 10);
    for (std::size_t p = 0; p < 2; ++p) {  // exactly one sample per tenth of each range
        std::vector<int> hits(10, 0);
        const double lo = p == 0 ? 2.0 : 0.0, hi = p == 0 ? 4.0 : 0.5;
        for (const auto& s : samples) {
            REQUIRE(s.values[p] >= lo);
            REQUIRE(s.values[p] <= hi);
            ++hits[std::min(9, static_cast<int>((s.values[p] - lo) / (hi - lo) * 10))];
        }
        CHECK(hits == std::vector<int>(10, 1));
    }
    CHECK(expand_design(lhs)[3].values == samples[3].values);  // deterministic
}

TEST_CASE("a sweep file's run keys reach every run, the command line wins", "[sweep]") {
    const SweepDir d;
    const fs::path file = d.write(test::with(grid_sweep, "metrics", "mode = \"expected\"\nkernel = \"reference\"\nmetrics"));
    const SweepSpec spec = load_sweep(file);
    REQUIRE(spec.overrides.mode);
    CHECK(*spec.overrides.mode == Mode::expected);
    REQUIRE(spec.overrides.kernel);
    CHECK(*spec.overrides.kernel == Kernel::reference);
    ScenarioOverrides command_line;
    command_line.kernel = Kernel::fast;
    CHECK(*load_sweep(file, command_line).overrides.kernel == Kernel::fast);
    CHECK_THROWS_WITH(load_sweep(d.write(test::with(grid_sweep, "metrics", "kernel = \"quick\"\nmetrics"))),
                      Contains("kernel") && Contains("fast"));
}

TEST_CASE("bad sweep files get clear errors", "[sweep]") {
    const SweepDir d;
    const auto with = [&](const std::string& from, const std::string& to) {
        return d.write(test::with(grid_sweep, from, to));
    };
    CHECK_THROWS_WITH(load_sweep(with("clouds.A.price", "clouds.A.prize")),
                      Contains("sweep.toml:6:1: parameters[0]: 'clouds.A.prize' = 3 cannot be set "
                               "on the base scenario") &&
                          Contains("unknown key 'clouds.A.prize' (did you mean 'price'?)"));
    CHECK_THROWS_WITH(load_sweep(with("population.lock_in_fear.mean", "population.fear.mean")),
                      Contains("parameters[1]: 'population.fear.mean'") && Contains("unknown key"));
    CHECK_THROWS_WITH(load_sweep(with("values = [3.0, 4.0, 5.0]", "values = []")),
                      Contains("sweep.toml:8:1: parameters[0].values: expected at least one value"));
    const std::string lhs = "name = \"l\"\nbase = \"base.toml\"\n[design]\nkind = \"lhs\"\n"
                            "samples = 4\n[[parameters]]\nkey = \"clouds.A.price\"\nrange = [4.0, 4.0]\n";
    CHECK_THROWS_WITH(load_sweep(d.write(lhs)),
                      Contains("sweep.toml:8:1: parameters[0].range: expected [low, high] with "
                               "low < high (a non-empty range)"));
    // An integer key cannot be sampled from a range: refused when the file is read, not at
    // the first run that draws 10.5.
    CHECK_THROWS_WITH(load_sweep(d.write(test::with(lhs, "clouds.A.price\"\nrange = [4.0, 4.0]",
                                                    "globals.lead_time\"\nrange = [1, 24]"))),
                      Contains("sweep.toml:6:1: parameters[0]: 'globals.lead_time' = 1 cannot "
                               "be set on the base scenario") && Contains("got a float"));
    CHECK_THROWS_WITH(load_sweep(d.write(test::with(lhs, "samples = 4", "samples = 0"))),
                      Contains("sweep.toml:5:1: design.samples: expected an integer in [1, 1000000], got 0"));
    CHECK_THROWS_WITH(load_sweep(with("[design]", "[desing]")),
                      Contains("unknown key 'desing' (did you mean 'design'?)"));
    CHECK_THROWS_WITH(load_sweep(with("base.toml", "nowhere.toml")),
                      Contains("cannot open scenario file") && Contains("nowhere.toml"));
    CHECK_THROWS_WITH(load_sweep(with("values = [3.0, 4.0, 5.0]", "values = [3.0, -4.0]")),
                      Contains("sweep.toml:6:1: parameters[0]: 'clouds.A.price' = -4 cannot be "
                               "set on the base scenario") && Contains("expected a number > 0"));
    CHECK_THROWS_WITH(load_sweep(d.write(test::with(grid_sweep, "metrics", "enterprises = 500\nmetrics") +
                                         "[[parameters]]\nkey = \"population.enterprises\"\n"
                                         "values = [300, 600]\n")),
                      Contains("parameters[2].key: 'population.enterprises' is swept"));
    CHECK_THROWS_WITH(load_sweep(with("\"price\"]", "\"prices\"]")),
                      Contains("metrics[1]: expected one of share_workload, share_revenue"));
}

TEST_CASE("an interrupted sweep, resumed, writes the same CSV, threads do not matter",
          "[sweep]") {
    const SweepDir d;
    const SweepSpec spec = load_sweep(d.write(grid_sweep));
    const fs::path full = d.dir / "full", cut = d.dir / "cut", one = d.dir / "one";
    (void)run_sweep(spec, {full});
    const std::string sweep_csv = read_all(full / "sweep.csv");
    const std::string runs_csv = read_all(full / "runs.csv");
    CHECK(std::count(sweep_csv.begin(), sweep_csv.end(), '\n') == 1 + 6 * 7 * 2);

    {
        const tbb::global_control single(tbb::global_control::max_allowed_parallelism, 1);
        (void)run_sweep(spec, {one});
    }
    CHECK(read_all(one / "sweep.csv") == sweep_csv);

    // Simulate kill -9 after run 2 was listed and while run 3's rows were half written:
    // runs.csv ends mid-line, sweep.csv holds runs 0-2 and a part of run 3.
    fs::copy(full, cut);
    const std::size_t runs_cut = runs_csv.find("\n3,") + 3;  // "3," of run 3's row kept
    fs::resize_file(cut / "runs.csv", runs_cut);
    const std::size_t rows_cut = sweep_csv.find("\n3,") + 40;
    fs::resize_file(cut / "sweep.csv", rows_cut);
    const SweepSummary resumed = run_sweep(spec, {cut});
    CHECK(resumed.resumed == 3);
    CHECK(read_all(cut / "sweep.csv") == sweep_csv);
    const std::string runs_again = read_all(cut / "runs.csv");
    CHECK(std::count(runs_again.begin(), runs_again.end(), '\n') == 7);  // no run twice

    // Finished: rerunning does nothing and changes nothing.
    CHECK(run_sweep(spec, {cut}).resumed == 6);
    CHECK(read_all(cut / "sweep.csv") == sweep_csv);

    // A run whose combination of values the scenario rejects stops the sweep with a message
    // naming the run; runs.csv still lists only runs whose rows are all in sweep.csv.
    const fs::path failing = d.dir / "failing";
    const SweepSpec bad = load_sweep(d.write(
        "name = \"f\"\nbase = \"base.toml\"\n[design]\nkind = \"grid\"\n"
        "[[parameters]]\nkey = \"globals.lerner_min\"\nvalues = [0.1, 0.5]\n"
        "[[parameters]]\nkey = \"globals.lerner_max\"\nvalues = [0.6, 0.4]\n"));
    CHECK_THROWS_WITH(run_sweep(bad, {failing}),
                      Contains("run 3 (globals.lerner_min = 0.5, globals.lerner_max = 0.4)") &&
                          Contains("lerner_min <= lerner_max"));
    const std::string listed = read_all(failing / "runs.csv"), rows = read_all(failing / "sweep.csv");
    for (const char* run : {"\n0,", "\n1,", "\n2,", "\n3,"})
        if (listed.find(run) != std::string::npos) CHECK(rows.find(run) != std::string::npos);

    // A different sweep is not mixed into this directory.
    const SweepSpec other = load_sweep(d.write(test::with(grid_sweep, "5.0]", "6.0]")));
    CHECK_THROWS_WITH(run_sweep(other, {cut}), Contains("holds a different sweep"));
}

TEST_CASE("replicate_values keeps each replicate's value, paired across runs", "[sweep]") {
    const SweepDir d;
    // Two runs with the same value: on common random numbers replicate r of both is the same
    // world, so their per-replicate values agree exactly while replicates differ.
    const SweepSpec spec = load_sweep(d.write(
        "name = \"p\"\nbase = \"base.toml\"\nreplicate_values = true\n[design]\nkind = \"grid\"\n"
        "[[parameters]]\nkey = \"clouds.A.price\"\nvalues = [3.0, 3.0]\n"));
    CHECK(spec.replicate_values);
    (void)run_sweep(spec, {d.dir / "out"});
    std::istringstream csv(read_all(d.dir / "out" / "sweep.csv"));
    std::string line;
    std::getline(csv, line);
    CHECK(line == "run,clouds.A.price,tick,date,cloud,share_workload_mean,share_workload_lo95,"
                  "share_workload_hi95,share_workload_r0,share_workload_r1");
    std::vector<std::vector<double>> rows;  // per row: mean, r0, r1
    while (std::getline(csv, line)) {
        std::vector<std::string> f;
        std::stringstream s(line);
        for (std::string x; std::getline(s, x, ',');) f.push_back(x);
        REQUIRE(f.size() == 10);
        rows.push_back({std::stod(f[5]), std::stod(f[8]), std::stod(f[9])});
    }
    REQUIRE(rows.size() == 2 * 7 * 2);  // runs x ticks x clouds
    bool replicates_differ = false;
    for (std::size_t i = 0; i < rows.size() / 2; ++i) {
        CHECK(rows[i][0] == Approx((rows[i][1] + rows[i][2]) / 2));
        CHECK(rows[i][1] == rows[i + rows.size() / 2][1]);  // run 0 vs run 1, replicate 0
        CHECK(rows[i][2] == rows[i + rows.size() / 2][2]);
        replicates_differ = replicates_differ || rows[i][1] != rows[i][2];
    }
    CHECK(replicates_differ);
    CHECK_THROWS_WITH(load_sweep(d.write("name = \"p\"\nbase = \"base.toml\"\nreplicate_values = 1\n"
                                         "[design]\nkind = \"grid\"\n[[parameters]]\nkey = \"clouds.A.price\"\nvalues = [3.0]\n")),
                      Contains("sweep.toml:3:1: replicate_values: expected true or false"));
}
