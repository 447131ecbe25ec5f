// A partitioned replicate (core/partition.hpp) gives the rows of the run in one process, bit
// for bit, at any partition count, in both modes: the partitions here are lock-step threads
// (tests/thread_partitions.hpp), as MPI ranks would be.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>

#include "core/input_error.hpp"
#include "experiments/ensemble.hpp"
#include "io/csv_tables.hpp"
#include "io/population_csv.hpp"
#include "scratch_dir.hpp"
#include "tests/fixtures.hpp"
#include "tests/thread_partitions.hpp"

using namespace moatsim;

namespace {

std::string tables(const Scenario& s, const EnsembleResult& r) {
    std::ostringstream out;
    out.precision(17);
    out << "brand";
    for (const double b : r.brand) out << ',' << b;
    out << "\niterations," << r.calibration_iterations << '\n';
    write_clouds_csv(out, s, r);
    write_vendors_csv(out, s, r);
    write_market_csv(out, s, r);
    return out.str();
}

// Every partition's result as tables; all must agree (each holds the whole run's rows).
std::vector<std::string> partitioned_tables(const Scenario& s, int partitions,
                                            std::uint64_t* reductions = nullptr) {
    test::ThreadPartitions group(partitions);
    std::vector<std::string> out(static_cast<std::size_t>(partitions));
    const auto n = static_cast<std::uint64_t>(s.population.enterprises);
    group.run([&](int p, PartitionReducer& reducer) {
        const Partition part{partition_range(n, partitions, p), &reducer};
        out[static_cast<std::size_t>(p)] = tables(s, run_ensemble_partitioned(s, nullptr, part));
    });
    if (reductions) *reductions = group.sums() + group.folds();
    return out;
}

void check_identical_at_1_to_4_partitions(const Scenario& s) {
    const std::string whole = tables(s, run_ensemble(s, nullptr));
    REQUIRE(whole.size() > 1000);
    for (int partitions = 1; partitions <= 4; ++partitions) {
        INFO("partitions: " << partitions);
        for (const std::string& rows : partitioned_tables(s, partitions)) CHECK(rows == whole);
    }
}

}  // namespace

TEST_CASE("partition ranges are contiguous, whole blocks, and cover the population",
          "[partition]") {
    for (const std::uint64_t n : {0ull, 1ull, 4095ull, 4096ull, 5ull * 4096 + 123, 1000000ull}) {
        for (int parts = 1; parts <= 7; ++parts) {
            std::uint64_t next = 0;
            for (int p = 0; p < parts; ++p) {
                const EnterpriseRange r = partition_range(n, parts, p);
                CHECK(r.begin == next);
                CHECK(r.end >= r.begin);
                CHECK(r.total == n);
                CHECK((r.begin % partition_grain == 0 || r.begin == n));
                next = r.end;
            }
            CHECK(next == n);
        }
    }
    // As even as whole blocks allow: 6 blocks over 4 partitions are 1, 2, 1, 2.
    const std::uint64_t n = 5 * 4096 + 123;
    CHECK(partition_range(n, 4, 0).count() == 4096);
    CHECK(partition_range(n, 4, 3).count() == 4096 + 123);
}

TEST_CASE("a drawn population's block is those rows of the whole population", "[partition]") {
    Scenario s = test::small_scenario(3 * 4096 + 77, 1);
    const Population whole = replicate_population(s, 1);
    test::ThreadPartitions group(3);
    group.run([&](int p, PartitionReducer& reducer) {
        const EnterpriseRange r = partition_range(whole.count(), 3, p);
        const Population block = replicate_population_block(s, 1, {r, &reducer});
        REQUIRE(block.count() == r.count());
        for (std::size_t i = 0; i < block.count(); ++i) {
            const std::size_t g = r.begin + i;
            if (block.key(i) != whole.key(g) || block.demand[i] != whole.demand[g] ||
                block.alpha[i] != whole.alpha[g] || block.home[i] != whole.home[g] ||
                block.adopted[i] != whole.adopted[g] ||
                !std::equal(block.taste_of(i), block.taste_of(i) + whole.vendors, whole.taste_of(g)))
                FAIL("row " << g << " differs in partition " << p);
        }
    });
}

TEST_CASE("stochastic mode: a partitioned run's rows equal one process's at 1-4 partitions",
          "[partition]") {
    // Six blocks of enterprises, calibrated brands, catalog events, two replicates.
    Scenario s = test::small_scenario(5 * 4096 + 123, 18);
    s.run.replicates = 2;
    check_identical_at_1_to_4_partitions(s);
}

TEST_CASE("expected mode: a partitioned run's rows equal one process's at 1-4 partitions",
          "[partition]") {
    Scenario s = test::small_scenario(5 * 4096 + 123, 12);
    s.run.mode = Mode::expected;
    s.run.replicates = 2;
    check_identical_at_1_to_4_partitions(s);
}

TEST_CASE("a partitioned run with empty partitions (fewer blocks than partitions)",
          "[partition]") {
    Scenario s = test::small_scenario(3000, 8);
    const std::string whole = tables(s, run_ensemble(s, nullptr));
    for (const std::string& rows : partitioned_tables(s, 3)) CHECK(rows == whole);
    s.run.mode = Mode::expected;
    const std::string expected = tables(s, run_ensemble(s, nullptr));
    for (const std::string& rows : partitioned_tables(s, 3)) CHECK(rows == expected);
}

TEST_CASE("a partitioned run reduces once per tick and a few times while setting up",
          "[partition]") {
    Scenario s = test::small_scenario(2 * 4096, 10);
    s.run.replicates = 1;
    std::uint64_t reductions = 0;
    partitioned_tables(s, 2, &reductions);
    // Per tick one sum (rows 0..T); set-up: the size scale, the calibration's checks and
    // iterations, the ledger's scales. Calibration dominates, so bound from below only.
    CHECK(reductions >= static_cast<std::uint64_t>(s.run.ticks + 1 + 3));
}

TEST_CASE("population CSV: each partition loads only its rows, and the run is the same",
          "[partition]") {
    test::ScratchDir dir("partitioned_population");
    Scenario s = test::small_scenario(4 * 4096 + 9, 10);
    std::vector<std::string> clouds, vendors;
    for (const auto& c : s.clouds) clouds.push_back(c.name);
    for (const auto& v : s.vendors) vendors.push_back(v.name);
    const auto file = dir.path / "population.csv";
    {
        std::ofstream out(file, std::ios::binary);
        write_population_csv(out, replicate_population(s, 0), clouds, vendors);
        out << "\n\n";  // trailing line ends end the last row; they add none
    }
    REQUIRE(count_population_rows(file) == 4 * 4096 + 9);
    const Population whole = load_population_csv(file, clouds, vendors);
    for (const Mode mode : {Mode::stochastic, Mode::expected}) {
        s.run.mode = mode;
        const std::string one = tables(s, run_ensemble(s, &whole));
        for (int parts = 2; parts <= 3; ++parts) {
            test::ThreadPartitions group(parts);
            std::vector<std::string> out(static_cast<std::size_t>(parts));
            group.run([&](int p, PartitionReducer& reducer) {
                const EnterpriseRange r = partition_range(whole.count(), parts, p);
                const Population block = load_population_csv_block(file, clouds, vendors, r);
                REQUIRE(block.count() == r.count());
                CHECK(block.id.empty());  // ids 0..N-1: keys are global indices
                CHECK(block.key(0) == r.begin);
                out[static_cast<std::size_t>(p)] =
                    tables(s, run_ensemble_partitioned(s, &block, {r, &reducer}));
            });
            for (const std::string& rows : out) CHECK(rows == one);
        }
    }
}

TEST_CASE("population CSV block: a bad row is reported with its line by its partition only",
          "[partition]") {
    test::ScratchDir dir("partitioned_bad_population");
    const auto file = dir.write("p.csv",
                                "id,size,alpha,beta,phi,home_cloud,taste_X,adopted\n"
                                "7,1,1,1,1,A,0,1\n"
                                "9,1,1,1,1,A,0,0\n"
                                "3,1,x,1,1,A,0,1\n");
    REQUIRE(count_population_rows(file) == 3);
    const Population first = load_population_csv_block(file, {"A"}, {"X"}, {0, 2, 3});
    CHECK(first.count() == 2);
    CHECK(first.key(0) == 7);
    CHECK(first.key(1) == 9);
    CHECK_THROWS_WITH(load_population_csv_block(file, {"A"}, {"X"}, {2, 3, 3}),
                      Catch::Contains("p.csv:4:") && Catch::Contains("column 'alpha'"));
}
