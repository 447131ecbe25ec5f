#include "distributed/mpi_partition_reducer.hpp"

#include <chrono>
#include <limits>
#include <stdexcept>
#include <string>

namespace moatsim {
namespace {

constexpr int fold_tag = 1301;  // issue 13: no other message of `run` uses it

void check(int code, const char* call) {
    if (code == MPI_SUCCESS) return;
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    MPI_Error_string(code, text, &length);
    throw std::runtime_error(std::string("partitioned run: ") + call + " failed: " +
                             std::string(text, static_cast<std::size_t>(length)));
}

int count_of(std::size_t n) {
    if (n > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw std::length_error("partitioned run: a reduction of more than 2^31 values");
    return static_cast<int>(n);
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

MpiPartitionReducer::MpiPartitionReducer(MPI_Comm comm) : comm_(comm) {
    check(MPI_Comm_rank(comm_, &rank_), "MPI_Comm_rank");
    check(MPI_Comm_size(comm_, &size_), "MPI_Comm_size");
}

void MpiPartitionReducer::sum(std::span<std::int64_t> values) {
    const auto started = std::chrono::steady_clock::now();
    if (size_ > 1)
        check(MPI_Allreduce(MPI_IN_PLACE, values.data(), count_of(values.size()), MPI_INT64_T,
                            MPI_SUM, comm_),
              "MPI_Allreduce");
    ++cost_.sums;
    cost_.sum_bytes += values.size_bytes();
    cost_.sum_seconds += seconds_since(started);
}

void MpiPartitionReducer::fold_in_order(std::span<double> running, const Fold& fold_mine) {
    const auto started = std::chrono::steady_clock::now();
    const int n = count_of(running.size());
    if (rank_ > 0)
        check(MPI_Recv(running.data(), n, MPI_DOUBLE, rank_ - 1, fold_tag, comm_, MPI_STATUS_IGNORE),
              "MPI_Recv");
    const auto folding = std::chrono::steady_clock::now();
    fold_mine(running);
    const double own = seconds_since(folding);  // computing, not communicating
    if (rank_ + 1 < size_)
        check(MPI_Send(running.data(), n, MPI_DOUBLE, rank_ + 1, fold_tag, comm_), "MPI_Send");
    if (size_ > 1) check(MPI_Bcast(running.data(), n, MPI_DOUBLE, size_ - 1, comm_), "MPI_Bcast");
    ++cost_.folds;
    cost_.fold_bytes += running.size_bytes();
    cost_.fold_seconds += seconds_since(started) - own;
}

}  // namespace moatsim
