#include "experiments/sweep_output.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/input_error.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_format.hpp"
#include "io/fault_hook.hpp"
#include "io/file_text.hpp"
#include "io/result_directory.hpp"
#include "io/sha256.hpp"
#include "core/summary.hpp"
#include "io/temporaries.hpp"

namespace moatsim {
namespace {

namespace fs = std::filesystem;

std::FILE* open_append(const fs::path& file) {
    std::FILE* f = std::fopen(file.c_str(), "ab");
    if (!f) throw_output_failure("cannot write", file, errno);
    return f;
}

// Cuts file to `bytes` and makes that durable.
void cut(const fs::path& file, std::size_t bytes) {
    std::error_code ec;
    fs::resize_file(file, bytes, ec);
    if (ec) throw_output_failure("cannot truncate", file, ec.value());
    sync_path(file);
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// The rows count and checksum at the end of a runs.csv row ("...,<rows>,<sha256>").
bool row_check(std::string_view line, std::size_t& rows, std::string_view& sha) {
    const std::size_t comma = line.rfind(',');
    if (comma == std::string_view::npos || comma == 0) return false;
    sha = line.substr(comma + 1);
    const std::size_t before = line.rfind(',', comma - 1);
    if (before == std::string_view::npos) return false;
    const auto [ptr, ec] = std::from_chars(line.data() + before + 1, line.data() + comma, rows);
    return ec == std::errc() && ptr == line.data() + comma && sha.size() == 64;
}

// Files a sweep directory keeps across invocations; anything else (manifest.json, a report)
// described the directory before this invocation and is removed when it resumes.
bool journal_file(const JournalNames& names, const std::string& name) {
    return name == names.rows || name == names.runs || name == names.plan;
}

}  // namespace

std::string sweep_csv_header(const SweepSpec& spec, int replicates) {
    std::string h = "run";
    for (const auto& p : spec.parameters) h += "," + csv_text(p.key);
    h += ",tick,date,cloud";
    for (const Metric m : spec.metrics) {
        h += fmt::format(",{0}_mean,{0}_lo95,{0}_hi95", metric_name(m));
        for (int r = 0; spec.replicate_values && r < replicates; ++r)
            h += fmt::format(",{}_r{}", metric_name(m), r);
    }
    return h + "\n";
}

std::string sweep_csv_rows(const SweepSpec& spec, const SweepRun& run, const Scenario& s,
                           const EnsembleResult& result) {
    std::string prefix = std::to_string(run.index);
    for (const double v : run.values) prefix += "," + csv_number(v);
    fmt::memory_buffer buf;
    std::vector<double> values(result.replicates.size());
    const std::size_t rows = result.replicates.empty() ? 0 : result.replicates[0].ticks.size();
    for (std::size_t t = 0; t < rows; ++t) {
        const int tick = result.replicates[0].ticks[t].tick;
        for (std::size_t k = 0; k < s.clouds.size(); ++k) {
            fmt::format_to(std::back_inserter(buf), "{},{},{},{}", prefix, tick,
                           s.start.plus_months(tick).to_string(), csv_text(s.clouds[k].name));
            for (const Metric m : spec.metrics) {
                for (std::size_t r = 0; r < values.size(); ++r)
                    values[r] = metric_value(result.replicates[r].ticks[t].clouds[k], m);
                const Interval i =
                    metric_is_fraction(m) ? fraction_interval(values) : mean_interval(values);
                fmt::format_to(std::back_inserter(buf), ",{},{},{}", csv_number(i.mean),
                               csv_number(i.lo95), csv_number(i.hi95));
                // Replicate r of every run shares seed and population (common random
                // numbers): run-to-run differences of these columns are paired.
                for (std::size_t r = 0; spec.replicate_values && r < values.size(); ++r)
                    fmt::format_to(std::back_inserter(buf), ",{}", csv_number(values[r]));
            }
            buf.push_back('\n');
        }
    }
    return fmt::to_string(buf);
}

std::string runs_csv_header(const SweepSpec& spec) {
    std::string h = "run";
    for (const auto& p : spec.parameters) h += "," + csv_text(p.key);
    return h + ",seed,replicates,wall_seconds,rows,rows_sha256\n";
}

std::string runs_csv_prefix(const SweepRun& run, std::uint64_t seed, int replicates) {
    std::string row = std::to_string(run.index);
    for (const double v : run.values) row += "," + csv_number(v);
    return row + fmt::format(",{},{},", seed, replicates);
}

std::string runs_csv_row(const SweepRun& run, std::uint64_t seed, int replicates,
                         double seconds, const std::string& rows) {
    const auto count = std::count(rows.begin(), rows.end(), '\n');
    return runs_csv_prefix(run, seed, replicates) +
           fmt::format("{:.3f},{},{}\n", seconds, count, sha256_hex(rows));
}

SweepOutput::SweepOutput(const fs::path& dir, const std::string& plan,
                         const std::string& sweep_header, const std::string& runs_header,
                         const std::vector<std::string>& runs_prefixes, JournalNames names)
    : dir_(dir), names_(std::move(names)) {
    const fs::path plan_file = dir / names_.plan;
    std::error_code ec;
    if (fs::exists(plan_file, ec)) {
        ensure_writable_directory(dir);
        if (read_whole_file(plan_file) != plan)
            throw InputError("output directory '" + dir.string() + "' holds a different sweep "
                             "(its " + names_.plan + " differs: other inputs, design or settings); "
                             "use another --out or remove the directory");
        resume(sweep_header, runs_header, runs_prefixes);
    } else {
        // A new sweep replaces whatever result was there, in one swap: headers and plan.
        ResultDirectory fresh(dir);
        notes_ = fresh.notes();
        write_file_atomically(fresh.path() / names_.rows, sweep_header);
        write_file_atomically(fresh.path() / names_.runs, runs_header);
        write_file_atomically(fresh.path() / names_.plan, plan);
        fresh.commit();
    }
    next_ = completed_;
    sweep_ = open_append(dir / names_.rows);
    runs_ = open_append(dir / names_.runs);
}

void SweepOutput::resume(const std::string& sweep_header, const std::string& runs_header,
                         const std::vector<std::string>& runs_prefixes) {
    for (const fs::path& p : remove_stale_temporaries(dir_, ".tmp-"))
        notes_.push_back("removed " + p.string() + " (an unfinished file of an interrupted run)");
    std::error_code ec;
    for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (journal_file(names_, name) || !it->is_regular_file() || !replaceable_result_file(name) ||
            parse_temporary_name(name, ".tmp-"))
            continue;
        std::error_code gone;
        if (fs::remove(it->path(), gone))
            notes_.push_back("removed " + it->path().string() + " (it described this sweep "
                             "before this invocation)");
    }
    const fs::path sweep = dir_ / names_.rows, runs = dir_ / names_.runs;
    const std::string runs_text = read_whole_file(runs), sweep_text = read_whole_file(sweep);
    if (!starts_with(runs_text, runs_header) || !starts_with(sweep_text, sweep_header)) {
        notes_.push_back(dir_.string() + ": runs.csv or sweep.csv does not start with this "
                         "sweep's header (damaged, or written by an older moatsim); recomputing "
                         "every run");
        write_file_atomically(runs, runs_header);
        write_file_atomically(sweep, sweep_header);
        return;
    }
    // A run counts as done only if its runs.csv row is the planned one and the rows it
    // recorded (count and SHA-256) are exactly the next rows of sweep.csv.
    std::size_t runs_at = runs_header.size(), sweep_at = sweep_header.size();
    std::string problem;
    int run = 0;
    for (; runs_at < runs_text.size(); ++run) {
        const std::size_t end = runs_text.find('\n', runs_at);
        if (end == std::string::npos) break;  // the row of an interrupted run, cut short
        const std::string_view line = std::string_view(runs_text).substr(runs_at, end - runs_at);
        std::size_t rows = 0;
        std::string_view sha;
        if (static_cast<std::size_t>(run) >= runs_prefixes.size() ||
            !starts_with(line, runs_prefixes[static_cast<std::size_t>(run)]) ||
            !row_check(line, rows, sha)) {
            problem = "its runs.csv row is not the planned one (damaged or edited)";
            break;
        }
        std::size_t block_end = sweep_at;
        for (std::size_t r = 0; r < rows && block_end != std::string::npos; ++r) {
            block_end = sweep_text.find('\n', block_end);
            if (block_end != std::string::npos) ++block_end;
        }
        if (block_end == std::string::npos ||
            sha256_hex(std::string_view(sweep_text).substr(sweep_at, block_end - sweep_at)) != sha) {
            problem = "its rows in sweep.csv are missing or differ from the checksum runs.csv "
                      "recorded (damaged or edited)";
            break;
        }
        runs_at = end + 1;
        sweep_at = block_end;
    }
    if (!problem.empty())
        notes_.push_back(fmt::format("{}: run {}: {}; recomputing it and every later run",
                                     dir_.string(), run, problem));
    completed_ = run;
    cut(runs, runs_at);
    cut(sweep, sweep_at);
}

SweepOutput::~SweepOutput() {
    if (sweep_) std::fclose(sweep_);
    if (runs_) std::fclose(runs_);
}

void SweepOutput::append(std::FILE* f, const std::string& text, const fs::path& name) {
    const fs::path path = dir_ / name;
    if (fault_armed("write_error") || fault_armed("write_error:" + name.string()))
        throw_output_failure("cannot write", path, ENOSPC);
    // fsync per run: once runs.csv lists a run, its rows are on disk, not in a cache.
    errno = 0;
    if (std::fwrite(text.data(), 1, text.size(), f) != text.size() || std::fflush(f) != 0 ||
        ::fsync(::fileno(f)) != 0)
        throw_output_failure("cannot write", path, errno != 0 ? errno : EIO);
}

void SweepOutput::finish(int index, std::string rows, std::string runs_row) {
    const std::lock_guard lock(mutex_);
    pending_.emplace(index, std::pair{std::move(rows), std::move(runs_row)});
    for (auto it = pending_.find(next_); it != pending_.end(); it = pending_.find(next_)) {
        append(sweep_, it->second.first, names_.rows);
        append(runs_, it->second.second, names_.runs);
        pending_.erase(it);
        ++next_;
        fault_point("after_run:" + std::to_string(next_ - 1));
    }
}

}  // namespace moatsim
