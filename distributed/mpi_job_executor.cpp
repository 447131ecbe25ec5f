#include "distributed/mpi_job_executor.hpp"

#include <boost/mpi/status.hpp>
#include <boost/serialization/string.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "distributed/job_messages.hpp"
#include "experiments/job_bytes.hpp"
#include "io/fault_hook.hpp"

namespace moatsim {
namespace {

using Clock = std::chrono::steady_clock;
namespace mpi = boost::mpi;

constexpr auto poll_wait = std::chrono::milliseconds(1);
constexpr auto heartbeat = std::chrono::seconds(1);

int tag(JobTag t) { return static_cast<int>(t); }

std::chrono::seconds timeout_from_environment() {
    if (const char* text = std::getenv("MOATSIM_MPI_TIMEOUT")) {
        const long seconds = std::strtol(text, nullptr, 10);
        if (seconds > 0) return std::chrono::seconds(seconds);
    }
    return std::chrono::seconds(60);
}

// A message from any rank, if one is waiting.
std::optional<std::pair<mpi::status, std::string>> receive(const mpi::communicator& world,
                                                           int source = mpi::any_source) {
    const boost::optional<mpi::status> probe = world.iprobe(source, mpi::any_tag);
    if (!probe) return std::nullopt;
    std::string payload;
    world.recv(probe->source(), probe->tag(), payload);
    return std::pair{*probe, std::move(payload)};
}

}  // namespace

MpiJobExecutor::MpiJobExecutor(const MpiSession& session)
    : session_(session), timeout_(timeout_from_environment()) {}

void MpiJobExecutor::run(const JobBatch& batch) {
    if (stopped_) throw JobsStopped();
    ++batch_number_;
    {
        const std::lock_guard lock(in_flight_mutex_);
        batch_ = &batch;
    }
    struct Clear {
        MpiJobExecutor& self;
        ~Clear() {
            const std::lock_guard lock(self.in_flight_mutex_);
            self.batch_ = nullptr;
            self.in_flight_.clear();
        }
    } clear{*this};
    if (session_.coordinator()) coordinate(batch);
    else work(batch);
}

std::string MpiJobExecutor::in_flight() const {
    const std::lock_guard lock(in_flight_mutex_);
    if (!batch_) return {};
    std::string out;
    for (const auto& [job, rank] : in_flight_)
        out += fmt::format("{}{} on rank {}", out.empty() ? "" : "; ",
                           batch_->describe ? batch_->describe(job) : "job " + std::to_string(job),
                           rank);
    return out;
}

void MpiJobExecutor::abort_silent_rank(int rank, double seconds) {
    std::fprintf(stderr,
                 "error: MPI rank %d has not been heard from for %.0f s (MOATSIM_MPI_TIMEOUT) "
                 "while computing; jobs in flight: %s. Stopping every rank; what was written is "
                 "kept, so rerunning the same command resumes\n",
                 rank, seconds, in_flight().c_str());
    std::fflush(stderr);
    session_.abort(1);
}

void MpiJobExecutor::coordinate(const JobBatch& batch) {
    const mpi::communicator& world = session_.world();
    struct Worker {
        int capacity = 0;  // its slots, known from its first ready
        int parked = 0;    // its requests not answered yet
        int running = 0;   // jobs handed to it and not returned
        bool released = false;
        Clock::time_point heard = Clock::now();
    };
    std::vector<Worker> workers(static_cast<std::size_t>(session_.size()));
    for (const auto& [rank, gone] : gone_)
        if (gone) workers[static_cast<std::size_t>(rank)].released = true;
    // Requests that arrived while the previous batch waited for a slower rank.
    for (const auto& [rank, early] : early_) {
        Worker& w = workers[static_cast<std::size_t>(rank)];
        w.capacity = early.capacity;
        w.parked = early.parked;
    }
    early_.clear();
    LocalJobRunner local(batch);
    int local_running = 0;
    int next = batch.first;
    bool stopping = false;
    std::string failure;  // error_bytes of the first failure
    std::vector<std::string> shared(batch.share_results ? static_cast<std::size_t>(batch.count) : 0);

    const auto forget = [&](int job) {
        const std::lock_guard lock(in_flight_mutex_);
        in_flight_.erase(job);
    };
    const auto fail = [&](std::string bytes) {
        if (failure.empty()) failure = std::move(bytes);
        stopping = true;
    };
    const auto finished = [&](int job, int rank, std::string bytes) {
        forget(job);
        if (stopping) return;  // after a failure nothing more is delivered
        try {
            if (rank != 0 && batch.computed_elsewhere) batch.computed_elsewhere(job);
            if (batch.share_results) shared[static_cast<std::size_t>(job)] = std::move(bytes);
            else batch.deliver(job, bytes);
        } catch (...) {
            fail(error_bytes(std::current_exception()));
        }
    };
    // Gives the next job to `rank` (0: this process's threads); false when none is left.
    const auto hand_out = [&](int rank) {
        if (stopping || next >= batch.count) return false;
        {
            const std::lock_guard lock(in_flight_mutex_);
            in_flight_[next] = rank;
        }
        if (rank == 0) {
            local.start(next);
            ++local_running;
        } else {
            world.send(rank, tag(JobTag::job), ByteWriter().put(next).take());
        }
        ++next;
        return true;
    };

    for (;;) {
        for (FinishedJob& f : local.collect(poll_wait)) {
            --local_running;
            if (f.error) {
                forget(f.index);
                fail(error_bytes(f.error));
            } else {
                finished(f.index, 0, std::move(f.result));
            }
        }
        while (local_running < local.capacity() && hand_out(0)) {}
        while (auto message = receive(world)) {
            const int r = message->first.source();
            Worker& w = workers[static_cast<std::size_t>(r)];
            w.heard = Clock::now();
            ByteReader in(message->second);
            const auto kind = static_cast<JobTag>(message->first.tag());
            const bool numbered = kind == JobTag::ready || kind == JobTag::result || kind == JobTag::failed;
            const std::uint64_t of_batch = numbered ? in.get<std::uint64_t>() : batch_number_;
            if (kind == JobTag::ready && of_batch == batch_number_ + 1) {
                // Released already, that rank went on to the next batch: its request waits
                // for it, or that batch would never hand it a job nor release it (a hang).
                EarlyRequests& early = early_[r];
                early.capacity = in.get<int>();
                ++early.parked;
                continue;
            }
            // An older batch's: none comes, as a rank is released only once all its requests
            // and results of a batch have arrived.
            if (of_batch != batch_number_) continue;
            switch (kind) {
                case JobTag::ready:
                    w.capacity = in.get<int>();
                    ++w.parked;
                    break;
                case JobTag::result: {
                    const int job = in.get<int>();
                    --w.running, ++w.parked;
                    finished(job, r, in.text());
                    break;
                }
                case JobTag::failed: {
                    const int job = in.get<int>();
                    --w.running, ++w.parked;
                    forget(job);
                    fail(in.text());
                    break;
                }
                case JobTag::bye: {
                    const int code = in.get<int>();
                    const std::string why = in.text();
                    gone_[r] = true;
                    // Released already: its command went on and ended after this batch, as
                    // it should. Otherwise it ended before taking its part (it failed there,
                    // outside any job): its jobs in flight will never come back.
                    if (w.released) break;
                    w.released = true;
                    {
                        const std::lock_guard lock(in_flight_mutex_);
                        std::erase_if(in_flight_, [r](const auto& entry) { return entry.second == r; });
                    }
                    w.running = 0;
                    fail(error_bytes(std::make_exception_ptr(std::runtime_error(fmt::format(
                        "MPI rank {} stopped (exit code {}) while rank 0 still had jobs for it{}{}",
                        r, code, why.empty() ? "" : ": ", why)))));
                    break;
                }
                default:  // alive
                    break;
            }
        }
        for (std::size_t r = 1; r < workers.size(); ++r) {
            Worker& w = workers[r];
            while (!w.released && w.parked > 0 && hand_out(static_cast<int>(r))) --w.parked, ++w.running;
        }
        const bool all_computed = (stopping || next >= batch.count) && local_running == 0 &&
            std::all_of(workers.begin() + 1, workers.end(), [](const Worker& w) { return w.running == 0; });
        if (all_computed) {
            // A rank is released once every one of its slots asks again, so that no request
            // of it is still on its way when the next batch starts.
            std::string done;
            bool all_released = true;
            for (std::size_t r = 1; r < workers.size(); ++r) {
                Worker& w = workers[r];
                if (!w.released && w.capacity > 0 && w.parked == w.capacity) {
                    if (done.empty()) {
                        ByteWriter out;
                        out.put(batch_number_);
                        out.put(static_cast<std::uint8_t>(!failure.empty())).put(failure);
                        out.put(static_cast<std::uint64_t>(failure.empty() ? shared.size() : 0));
                        for (std::size_t i = 0; failure.empty() && i < shared.size(); ++i) out.put(shared[i]);
                        done = out.take();
                    }
                    world.send(static_cast<int>(r), tag(JobTag::done), done);
                    w.released = true;
                }
                all_released = all_released && w.released;
            }
            if (all_released) break;
        }
        const auto now = Clock::now();
        for (std::size_t r = 1; r < workers.size(); ++r) {
            const Worker& w = workers[r];
            if (!w.released && w.running > 0 && now - w.heard > timeout_)
                abort_silent_rank(static_cast<int>(r),
                                  std::chrono::duration<double>(now - w.heard).count());
        }
    }
    if (!failure.empty()) rethrow_error_bytes(failure);
    for (int i = 0; batch.share_results && i < batch.count; ++i)
        batch.deliver(i, shared[static_cast<std::size_t>(i)]);
}

void MpiJobExecutor::work(const JobBatch& batch) {
    const mpi::communicator& world = session_.world();
    LocalJobRunner local(batch);
    // Tests (io/fault_hook.hpp): rank_late:<rank> comes to every batch late, after the
    // others were released from the one before and asked for this one.
    if (fault_armed("rank_late:" + std::to_string(session_.rank())))
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const std::string ready = ByteWriter().put(batch_number_).put(local.capacity()).take();
    for (int slot = 0; slot < local.capacity(); ++slot) world.send(0, tag(JobTag::ready), ready);
    int running = 0, results_sent = 0;
    auto last_word = Clock::now();
    for (;;) {
        for (FinishedJob& f : local.collect(poll_wait)) {
            --running;
            if (f.error) {
                world.send(0, tag(JobTag::failed),
                           ByteWriter().put(batch_number_).put(f.index).put(error_bytes(f.error)).take());
            } else {
                world.send(0, tag(JobTag::result),
                           ByteWriter().put(batch_number_).put(f.index).put(f.result).take());
            }
            last_word = Clock::now();
            // Tests (io/fault_hook.hpp): once this rank has returned a result, it dies without
            // a word (rank_exit:<rank>), or falls silent for good (rank_stall:<rank>).
            if (++results_sent == 1) {
                if (fault_armed("rank_exit:" + std::to_string(session_.rank()))) std::_Exit(3);
                while (fault_armed("rank_stall:" + std::to_string(session_.rank())))
                    std::this_thread::sleep_for(std::chrono::seconds(1));
            }
        }
        while (auto message = receive(world, 0)) {
            ByteReader in(message->second);
            switch (static_cast<JobTag>(message->first.tag())) {
                case JobTag::job: {
                    local.start(in.get<int>());
                    ++running;
                    break;
                }
                case JobTag::done: {
                    if (in.get<std::uint64_t>() != batch_number_)
                        throw std::logic_error("MPI ranks out of step: rank 0 ended another batch");
                    const bool failed = in.get<std::uint8_t>() != 0;
                    (void)in.text();  // the failure: rank 0 reports it
                    const auto results = in.get<std::uint64_t>();
                    if (failed) throw JobsStopped();
                    for (std::uint64_t i = 0; i < results; ++i)
                        batch.deliver(static_cast<int>(i), in.text());
                    return;
                }
                case JobTag::stop:
                    stopped_ = true;
                    throw JobsStopped();
                default:
                    break;
            }
        }
        if (running > 0 && Clock::now() - last_word > heartbeat) {
            world.send(0, tag(JobTag::alive), std::string());
            last_word = Clock::now();
        }
    }
}

void MpiJobExecutor::finish(int exit_code, const std::string& message) {
    const mpi::communicator& world = session_.world();
    if (!session_.coordinator()) {
        if (!said_bye_) world.send(0, tag(JobTag::bye), ByteWriter().put(exit_code).put(message).take());
        said_bye_ = true;
        while (!stopped_) {
            if (auto m = receive(world, 0)) stopped_ = m->first.tag() == tag(JobTag::stop);
            else std::this_thread::sleep_for(poll_wait * 10);
        }
        return;
    }
    for (int r = 1; r < session_.size(); ++r) world.send(r, tag(JobTag::stop), std::string());
    // Every rank confirms; requests of batches that never started are dropped on the way.
    const auto deadline = Clock::now() + 5 * timeout_;
    int waiting = 0;
    for (int r = 1; r < session_.size(); ++r) waiting += gone_[r] ? 0 : 1;
    while (waiting > 0) {
        if (auto m = receive(world)) {
            if (m->first.tag() == tag(JobTag::bye) && !gone_[m->first.source()]) {
                gone_[m->first.source()] = true;
                --waiting;
            }
        } else if (Clock::now() > deadline) {
            std::fprintf(stderr, "error: %d MPI rank(s) did not end within %lld s of rank 0; "
                         "stopping every rank\n", waiting,
                         static_cast<long long>(5 * timeout_.count()));
            session_.abort(1);
        } else {
            std::this_thread::sleep_for(poll_wait * 10);
        }
    }
}

}  // namespace moatsim
