// The cost of a partitioned run's reductions alone (docs/SCALING.md), at the ranks it is
// started with: `mpirun -np N moatsim_bench_reduce [--values W] [--repeats R]`. Times
// MpiPartitionReducer::sum on W int64 (stochastic mode's per-tick ledger: K*M + K + 4 values)
// and fold_in_order on W doubles (expected mode's per-tick tally), R times each after a
// warm-up, every rank in step; rank 0 prints one line per kind. A benchmark, never a test.
#include <mpi.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "distributed/mpi_partition_reducer.hpp"

int main(int argc, char** argv) {
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    int values = 4 * 9 + 4 + 4;  // baseline: 4 clouds x 9 vendors
    int repeats = 20000;
    for (int a = 1; a + 1 < argc; a += 2) {
        if (std::strcmp(argv[a], "--values") == 0) values = std::atoi(argv[a + 1]);
        if (std::strcmp(argv[a], "--repeats") == 0) repeats = std::atoi(argv[a + 1]);
    }
    moatsim::MpiPartitionReducer reducer(MPI_COMM_WORLD);
    std::vector<std::int64_t> ints(static_cast<std::size_t>(values));
    std::vector<double> doubles(static_cast<std::size_t>(values));
    const auto fold = [](std::span<double> r) {
        for (double& x : r) x += 1.0;
    };
    const auto time = [&](auto&& op) {
        for (int i = 0; i < repeats / 10; ++i) op();  // warm-up
        MPI_Barrier(MPI_COMM_WORLD);
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < repeats; ++i) op();
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        double slowest = 0.0;
        MPI_Reduce(&s, &slowest, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
        return 1e6 * slowest / repeats;
    };
    const double sum_us = time([&] {
        for (std::size_t x = 0; x < ints.size(); ++x) ints[x] = static_cast<std::int64_t>(x);
        reducer.sum(ints);
    });
    const double fold_us = time([&] { reducer.fold_in_order(doubles, fold); });
    if (reducer.index() == 0) {
        std::printf("ranks=%d kind=sum_int64 values=%d bytes_per_rank=%zu us_per_call=%.2f\n",
                    reducer.partitions(), values, ints.size() * sizeof(std::int64_t), sum_us);
        std::printf("ranks=%d kind=fold_double values=%d bytes_per_rank=%zu us_per_call=%.2f\n",
                    reducer.partitions(), values, doubles.size() * sizeof(double), fold_us);
    }
    MPI_Finalize();
    return 0;
}
