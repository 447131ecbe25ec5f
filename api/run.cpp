// moatsim::api::run and the public result structs: the library's ensemble run (the one
// `moatsim run` calls), converted record by record.
#include <optional>

#include "api/access.hpp"
#include "experiments/counterfactual.hpp"

namespace moatsim::api {
namespace {

CloudTick to_public(const CloudRecord& c) {
    return {c.share_workload, c.share_revenue, c.customers,        c.price,           c.capacity,
            c.utilization,    c.silicon_fraction, c.revenue_usage, c.revenue_training};
}

VendorTick to_public(const VendorRecord& v) {
    return {v.share, v.quality, v.revenue, v.training_spend};
}

template <class Names>
int index_of(const Names& names, const std::string& name) noexcept {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<int>(i);
    return -1;
}

// The mean over replicates of pick(tick row, index) at `tick`.
template <class Pick>
double mean_at(const RunResult& r, int index, int tick, const char* what, Pick pick) {
    if (index < 0) throw std::out_of_range(std::string("unknown ") + what);
    double sum = 0;
    for (const auto& rep : r.replicates) {
        if (tick < 0 || static_cast<std::size_t>(tick) >= rep.ticks.size())
            throw std::out_of_range("tick " + std::to_string(tick) + " is past the horizon");
        sum += pick(rep.ticks[static_cast<std::size_t>(tick)], static_cast<std::size_t>(index));
    }
    return r.replicates.empty() ? 0.0 : sum / static_cast<double>(r.replicates.size());
}

}  // namespace

ThreadLimit thread_limit(int threads) {
    if (threads < 0 || threads > max_thread_limit)
        throw moatsim::InputError("threads: expected 0 (all cores) to " +
                                  std::to_string(max_thread_limit) + ", got " +
                                  std::to_string(threads));
    return ThreadLimit(threads);
}

RunResult to_result(const std::string& scenario, const YearMonth& start,
                    std::vector<std::string> clouds, std::vector<std::string> vendors,
                    const std::vector<ReplicateResult>& replicates) {
    RunResult r;
    r.scenario = scenario;
    r.start = start.to_string();
    r.clouds = std::move(clouds);
    r.vendors = std::move(vendors);
    for (const auto& rep : replicates) {
        Replicate out{rep.replicate, {}};
        for (const auto& row : rep.ticks) {
            Tick t{row.tick, start.plus_months(row.tick).to_string(), {}, {},
                   row.adopters, row.switches, row.hhi};
            for (const auto& c : row.clouds) t.clouds.push_back(to_public(c));
            for (const auto& v : row.vendors) t.vendors.push_back(to_public(v));
            out.ticks.push_back(std::move(t));
        }
        r.replicates.push_back(std::move(out));
    }
    return r;
}

RunResult to_result(const moatsim::Scenario& s, const EnsembleResult& e) {
    std::vector<std::string> clouds, vendors;
    for (const auto& c : s.clouds) clouds.push_back(c.name);
    for (const auto& v : s.vendors) vendors.push_back(v.name);
    return to_result(s.name, s.start, std::move(clouds), std::move(vendors), e.replicates);
}

RunResult run(const Scenario& scenario, const RunOptions& options) {
    return translating_errors([&] {
        const auto limit = thread_limit(options.threads);
        const Scenario::Impl& impl = Access::impl(scenario);
        moatsim::Scenario s = impl.scenario;
        if (s.calibrate_on_base) s = pin_base_brands(std::move(s), impl.overrides, nullptr);
        return to_result(s, run_ensemble(s, nullptr));
    });
}

int RunResult::cloud_index(const std::string& name) const noexcept {
    return index_of(clouds, name);
}

int RunResult::vendor_index(const std::string& name) const noexcept {
    return index_of(vendors, name);
}

double RunResult::mean_cloud_share(const std::string& cloud, int tick) const {
    return mean_at(*this, cloud_index(cloud), tick, "cloud",
                   [](const Tick& t, std::size_t k) { return t.clouds.at(k).share_workload; });
}

double RunResult::mean_vendor_share(const std::string& vendor, int tick) const {
    return mean_at(*this, vendor_index(vendor), tick, "vendor",
                   [](const Tick& t, std::size_t m) { return t.vendors.at(m).share; });
}

const ComparisonRow& Comparison::row(const std::string& cloud, int tick) const {
    for (const auto& r : rows)
        if (r.cloud == cloud && r.tick == tick) return r;
    throw std::out_of_range("no comparison row for " + cloud + " at tick " +
                            std::to_string(tick));
}

}  // namespace moatsim::api
