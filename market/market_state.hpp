#pragma once
// The market's live state during one replicate: the scenario's parameters as events
// change them, plus capacity, pipeline, vendors' compute and quality (docs/ODD.md section 2).
#include <vector>

#include "agents/choice.hpp"
#include "market/scenario.hpp"

namespace moatsim {

struct TimedAmount {  // outside funding or a GPU supply shock, active for ticks [from, until]
    int index = -1;   // vendor (funding); unused for shocks
    double value = 0;
    int until = 0;
};

/// A quantity that grows geometrically from an anchor: value(t) = base (1 + rate)^(t - since).
/// A `set` event re-anchors it at the event's tick, so a new rate acts from then on and a new
/// base sets the current level; neither rescales the months already run.
struct Trend {
    double base = 1.0;
    int since = 0;
    [[nodiscard]] double at(double rate, int tick) const noexcept;
};

/// The parameters that drive the trends, captured before a tick's events so that the changes
/// can be told apart from the values in force.
struct TrendInputs {
    double gpu_cost, gpu_cost_decline, gpu_supply, gpu_supply_growth, demand_growth;
    std::vector<double> silicon_supply, silicon_supply_growth;  // [K]
};

struct MarketState {
    explicit MarketState(const Scenario& scenario);

    int tick = 0;
    std::vector<CloudSpec> clouds;    // live parameters: price, discount, catalog, port...
    std::vector<VendorSpec> vendors;  // live parameters: margin, training split...
    Globals globals;
    std::vector<double> initial_taste_mean;  // a set event on taste_mean shifts every tau_im

    std::vector<double> capacity_gpu, capacity_silicon;  // [K] compute units / month
    std::vector<std::vector<double>> arriving_gpu, arriving_silicon;  // [L][K], ring by tick % L
    std::vector<double> excess;           // [K] z_k of the last clearing
    std::vector<double> training_demand;  // [K] compute units demanded this tick (last budgets)
    std::vector<double> compute;          // [M] Q_m, cumulative training compute
    std::vector<double> quality;          // [M] q_m
    std::vector<TimedAmount> funding, shocks;
    Trend demand_trend, gpu_cost_trend, gpu_supply_trend;  // (1+g)^t, c(t), S(t)
    std::vector<Trend> silicon_supply_trend;               // [K] Ssil_k(t)

    [[nodiscard]] int cloud_count() const noexcept { return static_cast<int>(clouds.size()); }
    [[nodiscard]] int vendor_count() const noexcept { return static_cast<int>(vendors.size()); }
    [[nodiscard]] double capacity(int k) const noexcept {
        return capacity_gpu[k] + capacity_silicon[k];
    }
    [[nodiscard]] double pipeline(int k) const noexcept;
    [[nodiscard]] double gpu_unit_cost() const noexcept;      // c(t)
    [[nodiscard]] double gpu_supply() const noexcept;         // S(t) times active shocks
    [[nodiscard]] double silicon_supply(int k) const noexcept;
    [[nodiscard]] double demand_factor() const noexcept;      // (1 + g)^t
    [[nodiscard]] double outside_funding(int m) const noexcept;  // F_m(t)
    [[nodiscard]] double unit_price(int k, int m) const noexcept {  // p_k (1 - d_k port_km)
        return clouds[k].price * (1.0 - clouds[k].silicon_discount * clouds[k].port[m]);
    }

    [[nodiscard]] TrendInputs trend_inputs() const;
    /// Re-anchors every trend whose base or rate differs from `before` at the current tick.
    void rebase_trends(const TrendInputs& before);

    /// Fills the tick's shared choice inputs (log effective prices, catalogs, quality...).
    void fill_choice_context(const std::vector<double>& brand, ChoiceContext& ctx) const;
};

}  // namespace moatsim
