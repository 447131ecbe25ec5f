#pragma once
// A sweep's output directory, written so that an interrupted sweep (Ctrl-C, kill -9) can be
// resumed by rerunning the same command:
// - sweep.csv: one row per run x tick x cloud, the swept values as columns;
// - runs.csv: one row per run, appended only after that run's rows are in sweep.csv (both
//   fsynced), with the number of rows and the SHA-256 of the run's sweep.csv rows;
// - sweep.plan: the sweep's fingerprint (input hashes, runs and their values).
// Runs are appended in run order, so on disk the finished runs are always 0..k-1. Reopening
// checks each listed run's rows against runs.csv (count, checksum, parameter values) and
// keeps the runs up to the first that does not match, cuts the rest, and the sweep goes on
// from there (recomputing the damaged run and the ones after it). A fresh directory gets its
// headers and plan in one atomic swap (io/result_directory.hpp), so a directory with a
// plan always has both headers. docs/RESULTS.md.
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "experiments/ensemble.hpp"
#include "experiments/sweep_spec.hpp"

namespace moatsim {

/// sweep.csv's header: run,<parameter keys>,tick,date,cloud,<metric>_mean,_lo95,_hi95...,
/// each metric followed by <metric>_r0 .. _r<replicates-1> when spec.replicate_values.
[[nodiscard]] std::string sweep_csv_header(const SweepSpec& spec, int replicates);
/// The rows of one finished run (means and 95% intervals across its replicates).
[[nodiscard]] std::string sweep_csv_rows(const SweepSpec& spec, const SweepRun& run,
                                         const Scenario& scenario, const EnsembleResult& result);
/// runs.csv's header and one row:
/// run,<parameter keys>,seed,replicates,wall_seconds,rows,rows_sha256
[[nodiscard]] std::string runs_csv_header(const SweepSpec& spec);
/// The part of a runs.csv row a resumed sweep can check: "run,<values>,seed,replicates,".
[[nodiscard]] std::string runs_csv_prefix(const SweepRun& run, std::uint64_t seed,
                                          int replicates);
/// A runs.csv row; `rows` is the run's sweep.csv rows (counted and hashed).
[[nodiscard]] std::string runs_csv_row(const SweepRun& run, std::uint64_t seed, int replicates,
                                       double seconds, const std::string& rows);

/// The journal's three files. A sweep's are the defaults; sensitivity and uncertainty
/// analyses keep their evaluations in the same resumable format under other names.
struct JournalNames {
    std::string rows = "sweep.csv";   // the rows of every finished run, in run order
    std::string runs = "runs.csv";    // one row per finished run, with its rows' checksum
    std::string plan = "sweep.plan";  // the fingerprint a resumed invocation must match
};

class SweepOutput {
public:
    /// Opens (creating) dir for the sweep whose fingerprint is `plan`; run i's runs.csv row
    /// starts with runs_prefixes[i]. Fresh directory: writes the plan and both headers. Same
    /// plan: keeps the runs on disk that check out; what it repaired is in notes().
    /// @throws InputError (the directory holds a different sweep), OutputError (I/O).
    SweepOutput(const std::filesystem::path& dir, const std::string& plan,
                const std::string& sweep_header, const std::string& runs_header,
                const std::vector<std::string>& runs_prefixes, JournalNames names = {});
    ~SweepOutput();
    SweepOutput(const SweepOutput&) = delete;
    SweepOutput& operator=(const SweepOutput&) = delete;

    /// Runs 0..completed()-1 were on disk when the directory was opened.
    [[nodiscard]] int completed() const noexcept { return completed_; }
    /// What reopening found and repaired, one sentence each, for the log.
    [[nodiscard]] const std::vector<std::string>& notes() const noexcept { return notes_; }

    /// Thread-safe: hands over run `index`'s rows; runs are written in index order as soon as
    /// all earlier ones are in, each fsynced. @throws OutputError if a write fails.
    void finish(int index, std::string rows, std::string runs_row);

private:
    void resume(const std::string& sweep_header, const std::string& runs_header,
                const std::vector<std::string>& runs_prefixes);
    void append(std::FILE* f, const std::string& text, const std::filesystem::path& name);

    std::filesystem::path dir_;
    JournalNames names_;
    int completed_ = 0;
    std::vector<std::string> notes_;
    int next_ = 0;
    std::mutex mutex_;
    std::map<int, std::pair<std::string, std::string>> pending_;
    std::FILE* sweep_ = nullptr;
    std::FILE* runs_ = nullptr;
};

}  // namespace moatsim
