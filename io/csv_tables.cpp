#include "io/csv_tables.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>
#include <string>
#include <vector>

#include "market/scenario_writer.hpp"
#include "io/csv_format.hpp"
#include "io/atomic_file.hpp"
#include "core/summary.hpp"

namespace moatsim {
namespace {

std::string field(const std::string& text) { return csv_text(text); }
std::string number(double v) { return csv_number(v); }

// Rows are built in a buffer per replicate and written once: fast and ordered.
template <class RowFn>
void for_each_row(std::ostream& out, const Scenario& s, const EnsembleResult& result, RowFn&& fn) {
    const std::string name = field(s.name);
    fmt::memory_buffer buf;
    for (const auto& rep : result.replicates) {
        buf.clear();
        for (const auto& row : rep.ticks) {
            const std::string prefix = fmt::format("{},{},{},{}", name, rep.replicate, row.tick,
                                                   s.start.plus_months(row.tick).to_string());
            fn(buf, prefix, row);
        }
        out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    }
}

}  // namespace

void write_clouds_csv(std::ostream& out, const Scenario& s, const EnsembleResult& result) {
    out << "scenario,rep,tick,date,cloud,share_workload,share_revenue,customers,price,capacity,"
           "utilization,silicon_fraction,revenue_usage,revenue_training\n";
    for_each_row(out, s, result, [&](auto& buf, const std::string& prefix, const TickRecord& row) {
        for (std::size_t k = 0; k < row.clouds.size(); ++k) {
            const CloudRecord& c = row.clouds[k];
            fmt::format_to(std::back_inserter(buf), "{},{},{},{},{},{},{},{},{},{},{}\n", prefix,
                           field(s.clouds[k].name), number(c.share_workload),
                           number(c.share_revenue), number(c.customers), number(c.price),
                           number(c.capacity), number(c.utilization), number(c.silicon_fraction),
                           number(c.revenue_usage), number(c.revenue_training));
        }
    });
}

void write_vendors_csv(std::ostream& out, const Scenario& s, const EnsembleResult& result) {
    out << "scenario,rep,tick,date,vendor,share,quality,revenue,training_spend\n";
    for_each_row(out, s, result, [&](auto& buf, const std::string& prefix, const TickRecord& row) {
        for (std::size_t m = 0; m < row.vendors.size(); ++m) {
            const VendorRecord& v = row.vendors[m];
            fmt::format_to(std::back_inserter(buf), "{},{},{},{},{},{}\n", prefix,
                           field(s.vendors[m].name), number(v.share), number(v.quality),
                           number(v.revenue), number(v.training_spend));
        }
    });
}

void write_market_csv(std::ostream& out, const Scenario& s, const EnsembleResult& result) {
    out << "scenario,rep,tick,date,adopters,switches,hhi\n";
    for_each_row(out, s, result, [&](auto& buf, const std::string& prefix, const TickRecord& row) {
        fmt::format_to(std::back_inserter(buf), "{},{},{},{}\n", prefix, number(row.adopters),
                       number(row.switches), number(row.hhi));
    });
}

void write_summary_csv(std::ostream& out, const Scenario& s, const EnsembleResult& result) {
    out << "scenario,tick,date,cloud,replicates,share_workload_mean,share_workload_lo95,"
           "share_workload_hi95,share_revenue_mean,share_revenue_lo95,share_revenue_hi95\n";
    if (result.replicates.empty()) return;
    const std::size_t rows = result.replicates.front().ticks.size();
    std::vector<double> workload, revenue;
    for (std::size_t t = 0; t < rows; ++t) {
        for (std::size_t k = 0; k < s.clouds.size(); ++k) {
            workload.clear();
            revenue.clear();
            for (const auto& rep : result.replicates) {
                workload.push_back(rep.ticks[t].clouds[k].share_workload);
                revenue.push_back(rep.ticks[t].clouds[k].share_revenue);
            }
            const Interval w = fraction_interval(workload), r = fraction_interval(revenue);
            const int tick = result.replicates.front().ticks[t].tick;
            fmt::print(out, "{},{},{},{},{},{},{},{},{},{},{}\n", field(s.name), tick,
                       s.start.plus_months(tick).to_string(), field(s.clouds[k].name), w.count,
                       number(w.mean), number(w.lo95), number(w.hi95), number(r.mean),
                       number(r.lo95), number(r.hi95));
        }
    }
}

void write_run_outputs(const std::filesystem::path& dir, const Scenario& resolved,
                       const EnsembleResult& result) {
    const auto write = [&](const char* name, auto&& writer) {
        AtomicFile file(dir / name);
        writer(file.stream(), resolved, result);
        file.commit();
    };
    write("clouds.csv", write_clouds_csv);
    write("vendors.csv", write_vendors_csv);
    write("market.csv", write_market_csv);
    write("summary.csv", write_summary_csv);
    write_file_atomically(dir / "scenario.resolved.toml", resolved_toml(resolved));
}

}  // namespace moatsim
