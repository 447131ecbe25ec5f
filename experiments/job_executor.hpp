#pragma once
// How an experiment runs its independent jobs — the runs of a sweep, the blocks of a
// sensitivity or uncertainty analysis, the starts and profile points of a calibration, the
// replicates of a compare. A job is a pure function of its index whose result is bytes, so it
// can be computed on any thread of any process; the experiment writes what is delivered. The
// default executor runs the jobs on this process's TBB threads; under mpirun the distributed/
// room installs one that hands them out to ranks (docs/MPI.md). experiments/ knows no MPI.
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace moatsim {

struct JobBatch {
    int first = 0, count = 0;  // the jobs to compute: first..count-1 (0..first-1 resumed)
    /// Computes job i. Called on any process, from any thread, several at once.
    std::function<std::string(int)> compute;
    /// Receives job i's result, on the process that writes the outputs (every process when
    /// share_results); from several threads at once, in any order.
    std::function<void(int, const std::string&)> deliver;
    /// Before deliver, for a job another process computed (its rows never ticked here).
    std::function<void(int)> computed_elsewhere;
    /// "run 3 (a = 1, b = 2)": names a job in messages (runs in flight when a rank fails).
    std::function<std::string(int)> describe;
    /// A process computes one job at a time (jobs whose code is not thread-safe); otherwise
    /// as many as it has worker threads.
    bool one_at_a_time = false;
    /// Every process receives every result, in index order after the last is computed: for an
    /// experiment whose next step (on every process) needs them, like a calibration's.
    bool share_results = false;
};

class JobExecutor {
public:
    virtual ~JobExecutor() = default;
    /// Computes and delivers every job of `batch`, returning once all are delivered. When a
    /// job (or a delivery) throws, no further job is started or delivered, those running
    /// finish, and the exception is rethrown (with its type: InputError, OutputError,
    /// SimulationError).
    virtual void run(const JobBatch& batch) = 0;
    /// False on a process that only computes (an MPI rank other than 0): it must write and
    /// read no output, and its results go to the process that does.
    [[nodiscard]] virtual bool writes_outputs() const { return true; }
};

/// The executor experiments use now: the local one unless another was installed.
[[nodiscard]] JobExecutor& job_executor();
/// Installs `executor` for every later experiment; nullptr restores the local one.
void set_job_executor(std::shared_ptr<JobExecutor> executor);

/// A job computed by a LocalJobRunner: its result, or what it threw.
struct FinishedJob {
    int index = 0;
    std::string result;
    std::exception_ptr error;
};

/// A distributed executor's own share of a batch: starts jobs one by one on threads of their
/// own, at most capacity() at once, all inside one TBB arena of this process's worker-thread
/// count (so several jobs, each parallel inside, share the cores instead of oversubscribing
/// them), while the caller's thread stays free to communicate.
class LocalJobRunner {
public:
    explicit LocalJobRunner(const JobBatch& batch);
    ~LocalJobRunner();  // waits for the jobs still running
    LocalJobRunner(const LocalJobRunner&) = delete;
    LocalJobRunner& operator=(const LocalJobRunner&) = delete;

    /// 1 for a one_at_a_time batch, else this process's worker threads.
    [[nodiscard]] int capacity() const noexcept { return capacity_; }
    [[nodiscard]] int running() const;
    /// Starts job `index` (running() < capacity()).
    void start(int index);
    /// The jobs finished since the last call; waits up to `timeout` for one if none has.
    [[nodiscard]] std::vector<FinishedJob> collect(std::chrono::milliseconds timeout);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    int capacity_ = 1;
};

/// The local executor's work: batch on this process's TBB threads (tbb::parallel_for). A
/// distributed executor uses it for the jobs it computes itself.
void run_jobs_locally(const JobBatch& batch);

}  // namespace moatsim
