#include "experiments/sweep_output.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/input_error.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_format.hpp"
#include "core/summary.hpp"

namespace moatsim {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The run index a CSV line starts with, or -1.
long leading_index(std::string_view line) {
    long value = -1;
    const auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), value);
    return ec == std::errc() && ptr != line.data() && ptr < line.data() + line.size() && *ptr == ','
               ? value
               : -1;
}

// Bytes of `text` to keep: the header plus complete lines whose leading index, read in order,
// satisfies keep(index). Stops at the first line that does not (or is cut short).
template <class Keep>
std::size_t kept_prefix(const std::string& text, const std::string& header, Keep keep) {
    if (text.compare(0, header.size(), header) != 0) return std::string::npos;
    std::size_t at = header.size();
    while (at < text.size()) {
        const std::size_t end = text.find('\n', at);
        if (end == std::string::npos) break;
        if (!keep(leading_index(std::string_view(text).substr(at, end - at)))) break;
        at = end + 1;
    }
    return at;
}

std::FILE* open_append(const fs::path& file) {
    std::FILE* f = std::fopen(file.c_str(), "ab");
    if (!f) throw InputError("cannot write '" + file.string() + "': " + std::strerror(errno));
    return f;
}

void cut(const fs::path& file, std::size_t bytes) {
    std::error_code ec;
    fs::resize_file(file, bytes, ec);
    if (ec) throw InputError("cannot truncate '" + file.string() + "': " + ec.message());
}

}  // namespace

std::string sweep_csv_header(const SweepSpec& spec) {
    std::string h = "run";
    for (const auto& p : spec.parameters) h += "," + csv_text(p.key);
    h += ",tick,date,cloud";
    for (const Metric m : spec.metrics)
        h += fmt::format(",{0}_mean,{0}_lo95,{0}_hi95", metric_name(m));
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
                const Interval i = mean_interval(values);
                fmt::format_to(std::back_inserter(buf), ",{},{},{}", csv_number(i.mean),
                               csv_number(i.lo95), csv_number(i.hi95));
            }
            buf.push_back('\n');
        }
    }
    return fmt::to_string(buf);
}

std::string runs_csv_header(const SweepSpec& spec) {
    std::string h = "run";
    for (const auto& p : spec.parameters) h += "," + csv_text(p.key);
    return h + ",seed,replicates,wall_seconds\n";
}

std::string runs_csv_row(const SweepSpec& spec, const SweepRun& run, std::uint64_t seed,
                         int replicates, double seconds) {
    (void)spec;
    std::string row = std::to_string(run.index);
    for (const double v : run.values) row += "," + csv_number(v);
    return row + fmt::format(",{},{},{:.3f}\n", seed, replicates, seconds);
}

SweepOutput::SweepOutput(const fs::path& dir, const std::string& plan,
                         const std::string& sweep_header, const std::string& runs_header)
    : dir_(dir) {
    ensure_writable_directory(dir);
    const fs::path plan_file = dir / "sweep.plan", sweep = dir / "sweep.csv",
                   runs = dir / "runs.csv";
    std::error_code ec;
    if (fs::exists(plan_file, ec)) {
        if (read_all(plan_file) != plan)
            throw InputError("output directory '" + dir.string() + "' holds a different sweep "
                             "(its sweep.plan differs: other inputs, design or settings); "
                             "use another --out or remove the directory");
        // runs.csv decides which runs are finished: its rows are appended after the run's
        // sweep.csv rows, so every run it lists is complete in sweep.csv.
        const std::string runs_text = fs::exists(runs, ec) ? read_all(runs) : std::string();
        long expect = 0;
        std::size_t keep = kept_prefix(runs_text, runs_header, [&](long index) {
            if (index != expect) return false;
            ++expect;
            return true;
        });
        if (keep == std::string::npos) keep = 0, expect = 0;
        completed_ = static_cast<int>(expect);
        const std::string sweep_text = fs::exists(sweep, ec) ? read_all(sweep) : std::string();
        std::size_t sweep_keep = kept_prefix(sweep_text, sweep_header,
                                             [&](long index) { return index >= 0 && index < expect; });
        if (sweep_keep == std::string::npos) sweep_keep = 0, completed_ = 0, keep = 0;
        if (keep == 0 || sweep_keep == 0) {
            write_file_atomically(runs, runs_header);
            write_file_atomically(sweep, sweep_header);
        } else {
            cut(runs, keep);
            cut(sweep, sweep_keep);
        }
    } else {
        write_file_atomically(sweep, sweep_header);
        write_file_atomically(runs, runs_header);
        write_file_atomically(plan_file, plan);  // last: a directory with a plan is complete
    }
    next_ = completed_;
    sweep_ = open_append(sweep);
    runs_ = open_append(runs);
}

SweepOutput::~SweepOutput() {
    if (sweep_) std::fclose(sweep_);
    if (runs_) std::fclose(runs_);
}

void SweepOutput::append(std::FILE* f, const std::string& text, const fs::path& name) {
    if (std::fwrite(text.data(), 1, text.size(), f) != text.size() || std::fflush(f) != 0)
        throw InputError("cannot write '" + (dir_ / name).string() + "': " + std::strerror(errno));
}

void SweepOutput::finish(int index, std::string rows, std::string runs_row) {
    const std::lock_guard lock(mutex_);
    pending_.emplace(index, std::pair{std::move(rows), std::move(runs_row)});
    for (auto it = pending_.find(next_); it != pending_.end(); it = pending_.find(next_)) {
        append(sweep_, it->second.first, "sweep.csv");
        append(runs_, it->second.second, "runs.csv");
        pending_.erase(it);
        ++next_;
    }
}

}  // namespace moatsim
