#pragma once
// The work queue of an MPI job (docs/MPI.md): rank 0 (the coordinator) hands out a batch's
// jobs one at a time to whichever rank asks — dynamic load balancing, since jobs differ in
// length — computes its own share on its threads too, and alone delivers the results (so it
// alone writes files: in index order, as one process would). Every rank keeps as many jobs
// running as it has worker threads (one for a one_at_a_time batch).
//
// Every rank runs the same command, so all make the same sequence of batches. A job that
// throws on any rank stops the batch: no new job is handed out, those running finish, and
// rank 0 rethrows the error with its type. A rank that falls silent while computing (no
// heartbeat for MOATSIM_MPI_TIMEOUT seconds, default 60) makes rank 0 name the jobs in
// flight and abort the whole job (MPI_Abort); a rank that dies is noticed by mpirun, which
// ends every rank (rank 0 then names its jobs in flight on SIGTERM). What rank 0 delivered
// is on disk either way, so rerunning the command resumes.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "distributed/mpi_session.hpp"
#include "experiments/job_executor.hpp"

namespace moatsim {

/// Thrown on a rank other than 0 when rank 0 ended the batch early (a job failed there or
/// elsewhere) or left before this batch: the rank's command stops; rank 0 reports.
struct JobsStopped : std::runtime_error {
    JobsStopped() : std::runtime_error("stopped by rank 0") {}
};

class MpiJobExecutor final : public JobExecutor {
public:
    explicit MpiJobExecutor(const MpiSession& session);

    void run(const JobBatch& batch) override;
    [[nodiscard]] bool writes_outputs() const override { return session_.coordinator(); }

    /// The jobs being computed now and their ranks ("run 3 (a = 1) on rank 1; ..."), empty
    /// outside a batch; thread-safe (for the message when a signal stops rank 0).
    [[nodiscard]] std::string in_flight() const;

    /// At the end of the command, on every rank. Rank 0: releases every other rank and waits
    /// for each to confirm (bounded by the timeout). Others: tell rank 0 how the command
    /// ended here (`exit_code`, and `message` if it failed), then wait to be released.
    void finish(int exit_code, const std::string& message);

private:
    void coordinate(const JobBatch& batch);
    void work(const JobBatch& batch);
    [[noreturn]] void abort_silent_rank(int rank, double seconds);

    const MpiSession& session_;
    std::chrono::seconds timeout_;
    bool stopped_ = false;   // worker: rank 0 sent stop
    bool said_bye_ = false;  // worker: sent bye
    std::map<int, bool> gone_;  // coordinator: ranks that said bye
    // Every rank numbers its batches alike; ready, result, failed and done carry the number.
    std::uint64_t batch_number_ = 0;
    // Coordinator: requests for the next batch from ranks released from this one while
    // another was still finishing (rank -> {capacity, requests}); served when it starts.
    struct EarlyRequests {
        int capacity = 0;
        int parked = 0;
    };
    std::map<int, EarlyRequests> early_;

    mutable std::mutex in_flight_mutex_;
    const JobBatch* batch_ = nullptr;  // during run()
    std::map<int, int> in_flight_;     // job -> rank
};

}  // namespace moatsim
