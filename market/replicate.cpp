#include "market/replicate.hpp"

#include <cmath>
#include <exception>
#include <stdexcept>
#include <string>

#include "agents/adoption_rule.hpp"
#include "market/cloud_supply.hpp"
#include "market/events.hpp"
#include "market/tick_check.hpp"

namespace moatsim {
namespace {

std::vector<double> grown(const std::vector<double>& demand, double factor) {
    std::vector<double> out(demand);
    for (double& d : out) d *= factor;
    return out;
}

}  // namespace

Replicate::Replicate(const Scenario& scenario, const Population& population,
                     std::uint64_t replicate, std::vector<double> brand,
                     StochasticStepping stepping)
    : Replicate(scenario, population, replicate, std::move(brand),
                Partition::whole(population.count()), stepping) {}

Replicate::Replicate(const Scenario& scenario, const Population& population,
                     std::uint64_t replicate, std::vector<double> brand,
                     const Partition& partition, StochasticStepping stepping)
    : scenario_(scenario), population_(population), replicate_(replicate),
      partition_(partition), brand_(std::move(brand)), market_(scenario),
      stepper_(population.count(), static_cast<int>(scenario.clouds.size()),
               static_cast<int>(scenario.vendors.size()), stepping, *partition.reducer) {
    if (partition.range.count() != population.count())
        throw std::logic_error("Replicate: the population block has " +
                               std::to_string(population.count()) + " rows, its range " +
                               std::to_string(partition.range.count()));
    // The live brand is the calibrated one, so `set clouds.X.brand` events act on it.
    for (std::size_t k = 0; k < brand_.size(); ++k) market_.clouds[k].brand = brand_[k];
}

std::vector<double> Replicate::live_brands() const {
    std::vector<double> b;
    for (const auto& c : market_.clouds) b.push_back(c.brand);
    return b;
}

StepInputs Replicate::inputs(double hazard) const {
    return {ctx_, population_, scenario_.run.mode, scenario_.run.kernel, scenario_.run.seed, replicate_,
            static_cast<std::uint64_t>(market_.tick), hazard, market_.globals.review_rate,
            cumulative_hazard_};
}

TickRecord Replicate::initialize() {
    market_.tick = 0;
    // The rows are this partition's: all partitions agree before any goes on to the ledger.
    run_agreed(*partition_.reducer, [&] { check_population(scenario_, population_); });
    apply_events_due(scenario_, market_);
    market_.fill_choice_context(live_brands(), ctx_);
    check_choice_inputs(scenario_, market_.tick, ctx_);
    const Tally tally = stepper_.allocate_initial(inputs(0.0), enterprises_);
    adopted_fraction_ = partition_.range.total ? tally.adopters / static_cast<double>(partition_.range.total) : 0.0;

    // Tick -1 clears with no training demand and unconstrained capacity; its budgets set the
    // training demand of tick 1, and capacity is sized to that total demand plus headroom.
    const int K = market_.cloud_count();
    for (int k = 0; k < K; ++k) market_.capacity_gpu[k] = 1e300;  // unconstrained for row 0
    const Clearing clearing = clear_market(market_, tally.demand);
    const Training training = train_vendors(market_, clearing.vendor_revenue);
    for (int k = 0; k < K; ++k) {
        const double cap = (clearing.enterprise_demand[k] + market_.training_demand[k]) *
                           (1.0 + market_.globals.headroom);
        const double f = market_.clouds[k].silicon_fraction;
        market_.capacity_silicon[k] = cap * f;
        market_.capacity_gpu[k] = cap * (1.0 - f);
        market_.excess[k] = 0.0;
    }
    TickRecord row = record(clearing, training, tally);
    check_tick(scenario_, row);  // every mode and command passes here
    return row;
}

TickRecord Replicate::advance() {
    ++market_.tick;
    const Globals& g = market_.globals;
    apply_events_due(scenario_, market_);                                   // step 1
    market_.fill_choice_context(live_brands(), ctx_);
    check_choice_inputs(scenario_, market_.tick, ctx_);
    const double hazard = adoption_hazard(g.bass_p, g.bass_q, adopted_fraction_);
    cumulative_hazard_ += hazard >= 1.0 ? HUGE_VAL : -std::log1p(-hazard);
    const Tally tally = stepper_.step(inputs(hazard), enterprises_);         // steps 2-3
    adopted_fraction_ = partition_.range.total ? tally.adopters / static_cast<double>(partition_.range.total) : 0.0;

    deliver_capacity(market_);                                              // step 4
    const Clearing clearing = clear_market(market_, grown(tally.demand, market_.demand_factor()));
    market_.excess = clearing.excess;
    const Training training = train_vendors(market_, clearing.vendor_revenue);  // step 5
    TickRecord row = record(clearing, training, tally);                     // step 7 (prices used)
    check_tick(scenario_, row);
    const double alpha_bar = tally.adopters > 0.0 ? tally.alpha_sum / tally.adopters : 0.0;
    update_clouds(market_, clearing.share_workload, alpha_bar, clearing.total_demand);  // step 6
    return row;
}

TickRecord Replicate::record(const Clearing& c, const Training& training, const Tally& tally) const {
    const int K = market_.cloud_count(), M = market_.vendor_count();
    TickRecord row;
    row.tick = market_.tick;
    row.clouds.resize(K);
    row.vendors.resize(M);
    double revenue_total = 0.0;
    for (int k = 0; k < K; ++k) revenue_total += c.revenue_usage[k] + training.revenue_training[k];
    for (int k = 0; k < K; ++k) {
        CloudRecord& r = row.clouds[k];
        r.share_workload = c.share_workload[k];
        r.revenue_usage = c.revenue_usage[k];
        r.revenue_training = training.revenue_training[k];
        r.share_revenue = revenue_total > 0.0 ? (r.revenue_usage + r.revenue_training) / revenue_total : 0.0;
        r.customers = tally.customers[k];
        r.demand = c.enterprise_demand[k];
        r.price = market_.clouds[k].price;
        r.capacity = market_.capacity(k);
        r.utilization = r.capacity > 0.0 ? c.served[k] / r.capacity : 0.0;
        r.silicon_fraction = silicon_fraction(market_, k);
        row.hhi += r.share_workload * r.share_workload;
    }
    for (int m = 0; m < M; ++m) {
        VendorRecord& v = row.vendors[m];
        v.share = c.vendor_share[m];
        v.quality = market_.quality[m];
        v.revenue = c.vendor_revenue[m];
        v.training_spend = training.budget[m];
    }
    row.adopters = tally.adopters;
    row.switches = tally.switches;
    row.decisions = tally.decisions;
    return row;
}

ReplicateResult Replicate::run(const std::function<void()>& on_tick) {
    ReplicateResult result;
    result.replicate = replicate_;
    result.ticks.reserve(static_cast<std::size_t>(scenario_.run.ticks) + 1);
    result.ticks.push_back(initialize());
    if (on_tick) on_tick();
    for (int t = 1; t <= scenario_.run.ticks; ++t) {
        result.ticks.push_back(advance());
        if (on_tick) on_tick();
    }
    return result;
}

}  // namespace moatsim
