#pragma once
// The messages of the work queue (distributed/mpi_job_executor.cpp) and a job's error as
// bytes: what a job threw on one rank is rethrown on rank 0 with its type, so the program
// exits with the code and message a single process would have.
#include <exception>
#include <string>
#include <string_view>

namespace moatsim {

/// Message tags. Worker -> coordinator: ready (a free slot asks for a job), result, failed
/// (a job threw), alive (heartbeat while computing), bye (the command ended on this rank).
/// Coordinator -> worker: job, done (the batch is over; carries shared results or the
/// failure), stop (no more batches: leave). Ready, result, failed and done start with the
/// batch's number (every rank counts its batches alike): a rank released from one batch may
/// ask for the next before rank 0 has released the others from the current one.
enum class JobTag : int { ready = 1, result, failed, alive, bye, job = 20, done, stop };

/// The exception `error` as bytes: its kind (input, output, simulation, other) and contents.
[[nodiscard]] std::string error_bytes(const std::exception_ptr& error);
/// Throws the exception error_bytes() described, with its original type.
[[noreturn]] void rethrow_error_bytes(std::string_view bytes);
/// The message of the exception error_bytes() described.
[[nodiscard]] std::string error_message(std::string_view bytes);

}  // namespace moatsim
