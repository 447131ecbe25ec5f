// The seam between experiments and MPI (experiments/job_executor.hpp): results as bytes keep
// every bit, the local runners compute every job once, and an experiment's outputs do not
// depend on which executor ran its jobs or in which order they were delivered — what the MPI
// work queue relies on for byte-identical files at any rank count (docs/MPI.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <set>
#include <stdexcept>

#include "core/input_error.hpp"
#include "experiments/compare_scenarios.hpp"
#include "experiments/ensemble.hpp"
#include "experiments/job_bytes.hpp"
#include "experiments/job_executor.hpp"
#include "experiments/replicate_bytes.hpp"
#include "experiments/sweep_runner.hpp"
#include "tests/fixtures.hpp"
#include "tests/scenario_text.hpp"
#include "tests/scratch_dir.hpp"

using namespace moatsim;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Computes every job first, then delivers them last to first: the opposite of the order a
// single process tends to deliver in, as another rank's results may arrive.
class ReversedExecutor final : public JobExecutor {
public:
    std::vector<int> counts;  // jobs per batch seen
    void run(const JobBatch& batch) override {
        counts.push_back(batch.count - batch.first);
        std::vector<std::string> results;
        for (int i = batch.first; i < batch.count; ++i) results.push_back(batch.compute(i));
        for (int i = batch.count; i-- > batch.first;)
            batch.deliver(i, results[static_cast<std::size_t>(i - batch.first)]);
    }
};

// Installs an executor for one test case and restores the local one.
struct Installed {
    explicit Installed(std::shared_ptr<JobExecutor> e) { set_job_executor(std::move(e)); }
    ~Installed() { set_job_executor(nullptr); }
};

}  // namespace

TEST_CASE("job bytes: numbers, text and vectors come back bit for bit", "[jobs]") {
    const double odd = std::nextafter(1.0, 2.0);
    const std::string bytes = ByteWriter()
                                  .put(odd)
                                  .put(-0.0)
                                  .put(std::numeric_limits<double>::denorm_min())
                                  .put(std::int64_t{-7})
                                  .put(std::string_view("a,b\n"))
                                  .put(std::vector<double>{0.1, 0.2})
                                  .take();
    ByteReader in(bytes);
    CHECK(same_bits(in.get<double>(), odd));
    CHECK(same_bits(in.get<double>(), -0.0));
    CHECK(same_bits(in.get<double>(), std::numeric_limits<double>::denorm_min()));
    CHECK(in.get<std::int64_t>() == -7);
    CHECK(in.text() == "a,b\n");
    CHECK(in.numbers<double>() == std::vector<double>{0.1, 0.2});
    CHECK(in.done());
    CHECK_THROWS(in.get<int>());  // past the end: an error, not a read of garbage
}

TEST_CASE("replicate bytes: every record of a replicate survives the trip", "[jobs]") {
    Scenario s = test::small_scenario(600, 5);
    s.run.replicates = 1;
    const EnsembleResult run = run_ensemble(s, nullptr);
    const ReplicateResult& r = run.replicates[0];
    const ReplicateResult back = replicate_from_bytes(replicate_bytes(r));
    REQUIRE(back.ticks.size() == r.ticks.size());
    CHECK(back.replicate == r.replicate);
    for (std::size_t t = 0; t < r.ticks.size(); ++t) {
        const TickRecord &a = r.ticks[t], &b = back.ticks[t];
        CHECK(a.tick == b.tick);
        CHECK(same_bits(a.adopters, b.adopters));
        CHECK(same_bits(a.switches, b.switches));
        CHECK(same_bits(a.hhi, b.hhi));
        CHECK(same_bits(a.decisions, b.decisions));
        REQUIRE(a.clouds.size() == b.clouds.size());
        for (std::size_t k = 0; k < a.clouds.size(); ++k) {
            CHECK(same_bits(a.clouds[k].share_workload, b.clouds[k].share_workload));
            CHECK(same_bits(a.clouds[k].customers, b.clouds[k].customers));
            CHECK(same_bits(a.clouds[k].revenue_training, b.clouds[k].revenue_training));
            CHECK(same_bits(a.clouds[k].demand, b.clouds[k].demand));
        }
        REQUIRE(a.vendors.size() == b.vendors.size());
        for (std::size_t m = 0; m < a.vendors.size(); ++m) {
            CHECK(same_bits(a.vendors[m].quality, b.vendors[m].quality));
            CHECK(same_bits(a.vendors[m].training_spend, b.vendors[m].training_spend));
        }
    }
    CHECK_THROWS(replicate_from_bytes(replicate_bytes(r) + "x"));
}

TEST_CASE("simulation errors keep their message and parts across processes", "[jobs]") {
    const SimulationError e("s.toml", 7, "2025-08", "clouds.A.price", "is nan", "globals.x");
    const SimulationError back = simulation_error_from_bytes(simulation_error_bytes(e));
    CHECK(std::string(back.what()) == e.what());
    CHECK(back.tick() == 7);
    CHECK(back.date() == "2025-08");
    CHECK(back.quantity() == "clouds.A.price");
    CHECK(back.hint() == "globals.x");
}

TEST_CASE("local runners compute and deliver every job exactly once", "[jobs]") {
    std::vector<int> delivered;
    std::mutex mutex;
    JobBatch batch;
    batch.first = 2;
    batch.count = 40;
    batch.compute = [](int i) { return std::to_string(i * i); };
    batch.deliver = [&](int i, const std::string& r) {
        const std::lock_guard lock(mutex);
        CHECK(r == std::to_string(i * i));
        delivered.push_back(i);
    };
    run_jobs_locally(batch);
    std::sort(delivered.begin(), delivered.end());
    std::vector<int> expected;
    for (int i = 2; i < 40; ++i) expected.push_back(i);
    CHECK(delivered == expected);

    batch.one_at_a_time = true;  // in index order on the calling thread
    delivered.clear();
    run_jobs_locally(batch);
    CHECK(delivered == expected);

    // A rank's own slots: results or what the job threw, each collected once.
    batch.one_at_a_time = false;
    batch.compute = [](int i) -> std::string {
        if (i == 5) throw InputError("five");
        return std::to_string(i);
    };
    LocalJobRunner runner(batch);
    REQUIRE(runner.capacity() >= 1);
    std::set<int> seen;
    int started = 0;
    while (seen.size() < 10) {
        while (started < 10 && runner.running() < runner.capacity()) runner.start(started++);
        for (FinishedJob& f : runner.collect(std::chrono::milliseconds(50))) {
            CHECK(seen.insert(f.index).second);
            if (f.index == 5) {
                REQUIRE(f.error);
                CHECK_THROWS_AS(std::rethrow_exception(f.error), InputError);
            } else {
                CHECK_FALSE(f.error);
                CHECK(f.result == std::to_string(f.index));
            }
        }
    }
    CHECK(runner.running() == 0);
}

TEST_CASE("outputs do not depend on the order jobs are delivered in", "[jobs]") {
    const test::ScratchDir dir("job_order");
    std::ofstream(dir.path / "base.toml")
        << test::minimal << "\n[run]\nticks = 6\nreplicates = 2\n[population]\nenterprises = 400\n";
    std::ofstream(dir.path / "sweep.toml")
        << "name = \"g\"\nbase = \"base.toml\"\n[design]\nkind = \"grid\"\n"
           "[[parameters]]\nkey = \"clouds.A.price\"\nvalues = [3.0, 4.0, 5.0]\n";
    const SweepSpec spec = load_sweep(dir.path / "sweep.toml");
    (void)run_sweep(spec, {dir.path / "local"});
    auto reversed = std::make_shared<ReversedExecutor>();
    {
        const Installed installed(reversed);
        (void)run_sweep(spec, {dir.path / "reversed"});
    }
    CHECK(reversed->counts == std::vector<int>{3});  // one job per run
    CHECK(test::slurp(dir.path / "local/sweep.csv") == test::slurp(dir.path / "reversed/sweep.csv"));

    Scenario base = test::small_scenario(800, 6);
    base.run.replicates = 3;
    Scenario alt = base;
    alt.clouds[0].price *= 1.2;
    CompareOptions options;
    const PairedScenarios pair = pair_scenarios(base, alt, options);
    const ScenarioComparison local = run_comparison(pair, options);
    ScenarioComparison other;
    {
        const Installed installed(reversed);
        other = run_comparison(pair, options);
    }
    CHECK(reversed->counts.back() == 6);  // one job per replicate of each scenario
    REQUIRE(other.comparison.rows.size() == local.comparison.rows.size());
    for (std::size_t i = 0; i < local.comparison.rows.size(); ++i)
        CHECK(same_bits(other.comparison.rows[i].diff.mean, local.comparison.rows[i].diff.mean));
    CHECK(same_bits(other.alt_run.replicates[2].ticks[6].clouds[0].price,
                    local.alt_run.replicates[2].ticks[6].clouds[0].price));
}
