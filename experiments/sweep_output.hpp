#pragma once
// A sweep's output directory, written so that an interrupted sweep (Ctrl-C, kill -9) can be
// resumed by rerunning the same command:
// - sweep.csv: one row per run x tick x cloud, the swept values as columns;
// - runs.csv: one row per run, appended only after that run's rows are in sweep.csv;
// - sweep.plan: the sweep's fingerprint (input hashes, runs and their values).
// Runs are appended in run order, so on disk the finished runs are always 0..k-1; reopening
// keeps exactly those, cuts any partial tail, and the sweep continues from run k.
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "experiments/ensemble.hpp"
#include "experiments/sweep_spec.hpp"

namespace moatsim {

/// sweep.csv's header: run,<parameter keys>,tick,date,cloud,<metric>_mean,_lo95,_hi95...
[[nodiscard]] std::string sweep_csv_header(const SweepSpec& spec);
/// The rows of one finished run (means and 95% intervals across its replicates).
[[nodiscard]] std::string sweep_csv_rows(const SweepSpec& spec, const SweepRun& run,
                                         const Scenario& scenario, const EnsembleResult& result);
/// runs.csv's header and one row: run,<parameter keys>,seed,replicates,wall_seconds
[[nodiscard]] std::string runs_csv_header(const SweepSpec& spec);
[[nodiscard]] std::string runs_csv_row(const SweepSpec& spec, const SweepRun& run,
                                       std::uint64_t seed, int replicates, double seconds);

class SweepOutput {
public:
    /// Opens (creating) dir for the sweep whose fingerprint is `plan`. Fresh directory: writes
    /// the plan and both headers. Same plan: keeps the complete runs on disk. Other plan:
    /// @throws InputError (the directory holds a different sweep).
    SweepOutput(const std::filesystem::path& dir, const std::string& plan,
                const std::string& sweep_header, const std::string& runs_header);
    ~SweepOutput();
    SweepOutput(const SweepOutput&) = delete;
    SweepOutput& operator=(const SweepOutput&) = delete;

    /// Runs 0..completed()-1 were on disk when the directory was opened.
    [[nodiscard]] int completed() const noexcept { return completed_; }

    /// Thread-safe: hands over run `index`'s rows; runs are written in index order as soon as
    /// all earlier ones are in. @throws InputError if a write fails.
    void finish(int index, std::string rows, std::string runs_row);

private:
    void append(std::FILE* f, const std::string& text, const std::filesystem::path& name);

    std::filesystem::path dir_;
    int completed_ = 0;
    int next_ = 0;
    std::mutex mutex_;
    std::map<int, std::pair<std::string, std::string>> pending_;
    std::FILE* sweep_ = nullptr;
    std::FILE* runs_ = nullptr;
};

}  // namespace moatsim
