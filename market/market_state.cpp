#include "market/market_state.hpp"

#include <cmath>

namespace moatsim {

MarketState::MarketState(const Scenario& scenario)
    : clouds(scenario.clouds), vendors(scenario.vendors), globals(scenario.globals) {
    const auto K = clouds.size(), M = vendors.size();
    for (const auto& v : vendors) initial_taste_mean.push_back(v.taste_mean);
    capacity_gpu.assign(K, 0.0);
    capacity_silicon.assign(K, 0.0);
    arriving_gpu.assign(static_cast<std::size_t>(globals.lead_time), std::vector<double>(K, 0.0));
    arriving_silicon = arriving_gpu;
    excess.assign(K, 0.0);
    training_demand.assign(K, 0.0);
    compute.assign(M, 0.0);
    quality.resize(M);
    for (std::size_t m = 0; m < M; ++m) quality[m] = vendors[m].quality0;
    gpu_cost_trend.base = globals.gpu_cost;
    gpu_supply_trend.base = globals.gpu_supply;
    for (const auto& c : clouds) silicon_supply_trend.push_back({c.silicon_supply, 0});
}

double Trend::at(double rate, int tick) const noexcept {
    return base * std::pow(1.0 + rate, tick - since);
}

TrendInputs MarketState::trend_inputs() const {
    TrendInputs in{globals.gpu_cost, globals.gpu_cost_decline, globals.gpu_supply,
                   globals.gpu_supply_growth, globals.demand_growth, {}, {}};
    for (const auto& c : clouds) {
        in.silicon_supply.push_back(c.silicon_supply);
        in.silicon_supply_growth.push_back(c.silicon_supply_growth);
    }
    return in;
}

void MarketState::rebase_trends(const TrendInputs& before) {
    const auto rebase = [this](Trend& trend, double old_base, double new_base, double old_rate,
                               double new_rate) {
        if (new_base != old_base) trend = {new_base, tick};
        else if (new_rate != old_rate) trend = {trend.at(old_rate, tick), tick};
    };
    rebase(demand_trend, 1.0, 1.0, before.demand_growth, globals.demand_growth);
    rebase(gpu_cost_trend, before.gpu_cost, globals.gpu_cost, -before.gpu_cost_decline,
           -globals.gpu_cost_decline);
    rebase(gpu_supply_trend, before.gpu_supply, globals.gpu_supply, before.gpu_supply_growth,
           globals.gpu_supply_growth);
    for (std::size_t k = 0; k < clouds.size(); ++k)
        rebase(silicon_supply_trend[k], before.silicon_supply[k], clouds[k].silicon_supply,
               before.silicon_supply_growth[k], clouds[k].silicon_supply_growth);
}

double MarketState::pipeline(int k) const noexcept {
    double total = 0.0;
    for (std::size_t slot = 0; slot < arriving_gpu.size(); ++slot)
        total += arriving_gpu[slot][k] + arriving_silicon[slot][k];
    return total;
}

double MarketState::gpu_unit_cost() const noexcept {
    return gpu_cost_trend.at(-globals.gpu_cost_decline, tick);
}

double MarketState::gpu_supply() const noexcept {
    double s = gpu_supply_trend.at(globals.gpu_supply_growth, tick);
    for (const auto& shock : shocks)
        if (tick <= shock.until) s *= shock.value;
    return s;
}

double MarketState::silicon_supply(int k) const noexcept {
    return silicon_supply_trend[k].at(clouds[k].silicon_supply_growth, tick);
}

double MarketState::demand_factor() const noexcept {
    return demand_trend.at(globals.demand_growth, tick);
}

double MarketState::outside_funding(int m) const noexcept {
    double f = vendors[m].funding;
    for (const auto& grant : funding)
        if (grant.index == m && tick <= grant.until) f += grant.value;
    return f;
}

void MarketState::fill_choice_context(const std::vector<double>& brand, ChoiceContext& ctx) const {
    const int K = cloud_count(), M = vendor_count();
    if (ctx.clouds != K || ctx.vendors != M) ctx.resize(K, M);
    for (int k = 0; k < K; ++k) {
        bool open = false;
        for (int m = 0; m < M; ++m) {
            const int j = k * M + m;
            ctx.offered[j] = clouds[k].offers[m];
            ctx.port[j] = clouds[k].port[m];
            ctx.log_price[j] = std::log(effective_price(clouds[k].price, clouds[k].silicon_discount,
                                                         clouds[k].port[m], vendors[m].margin));
            open = open || clouds[k].offers[m];
        }
        ctx.cloud_open[k] = open ? 1 : 0;
        ctx.cloud_constant[k] = brand[k] - globals.scarcity_penalty * excess[k];
    }
    for (int m = 0; m < M; ++m) {
        ctx.quality[m] = quality[m];
        ctx.vendor_constant[m] = vendors[m].taste_mean - initial_taste_mean[m];
    }
    ctx.lambda = globals.nest_lambda;
    ctx.omega = globals.optionality_weight;
    ctx.theta = globals.silicon_lockin_weight;
    ctx.gravity = globals.data_gravity;
    ctx.kappa_cloud = globals.switch_cost_cloud;
    ctx.kappa_vendor = globals.switch_cost_vendor;
}

}  // namespace moatsim
