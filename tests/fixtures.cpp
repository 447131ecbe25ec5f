#include "tests/fixtures.hpp"

namespace moatsim::test {

Scenario small_scenario(std::int64_t enterprises, int ticks) {
    Scenario s;
    s.name = "small";
    s.source = "<small_scenario>";
    s.start = {2025, 1};
    s.run = {7, ticks, 2, Mode::stochastic};
    Globals& g = s.globals;
    g.gpu_cost = 2.0;
    g.gpu_cost_decline = 0.01;
    g.gpu_supply = 50.0;
    g.gpu_supply_growth = 0.01;
    g.demand_growth = 0.02;
    g.bass_p = 0.01;
    g.bass_q = 0.05;
    g.review_rate = 0.1;
    g.switch_cost_cloud = 1.5;
    g.switch_cost_vendor = 0.5;
    g.data_gravity = 0.5;
    g.optionality_weight = 0.5;
    g.silicon_lockin_weight = 1.0;
    g.scarcity_penalty = 1.0;
    g.nest_lambda = 0.7;
    g.markup_speed = 0.1;
    g.lerner_min = 0.1;
    g.lerner_max = 0.7;
    g.headroom = 0.1;
    g.lead_time = 3;
    PopulationSpec& p = s.population;
    p.enterprises = enterprises;
    p.market_size = 1000.0;
    p.adopted_initial = 0.5;
    p.size = {Distribution::Kind::lognormal, 1.0, 2.0, 2.0};
    p.price_sensitivity = {Distribution::Kind::lognormal, 2.0, 0.5, 2.0};
    p.quality_sensitivity = {Distribution::Kind::lognormal, 2.0, 0.5, 2.0};
    p.lock_in_fear = {Distribution::Kind::lognormal, 1.0, 0.5, 2.0};
    p.taste_sd = 0.8;
    p.home_cloud = {0.4, 0.4, 0.2};
    const auto cloud = [](const char* name, double target, double price, double discount,
                          std::vector<std::uint8_t> offers, std::vector<double> port) {
        CloudSpec c;
        c.name = name;
        c.target_share = target;
        c.price = price;
        c.silicon_discount = discount;
        c.silicon_fraction = discount > 0 ? 0.3 : 0.0;
        c.silicon_target = discount > 0 ? 0.4 : 0.0;
        c.silicon_supply = discount > 0 ? 5.0 : 0.0;
        c.offers = std::move(offers);
        c.port = std::move(port);
        return c;
    };
    s.clouds = {cloud("A", 0.4, 4.0, 0.3, {1, 1, 1}, {0.5, 0.0, 0.5}),
                cloud("B", 0.35, 4.5, 0.0, {0, 1, 1}, {0.0, 0.0, 0.0}),
                cloud("C", 0.25, 3.0, 0.0, {0, 0, 1}, {0.0, 0.0, 0.0})};
    const auto vendor = [](const char* name, double taste, double q0, double margin,
                           std::vector<double> split) {
        VendorSpec v;
        v.name = name;
        v.taste_mean = taste;
        v.quality0 = q0;
        v.quality_scale = 0.1;
        v.compute_scale = 100.0;
        v.margin = margin;
        v.reinvest = 0.4;
        v.funding = 10.0;
        v.training_split = std::move(split);
        return v;
    };
    s.vendors = {vendor("X", 0.3, 1.0, 3.0, {1.0, 0.0, 0.0}),
                 vendor("Y", 0.2, 1.0, 3.0, {0.0, 1.0, 0.0}),
                 vendor("Z", 0.0, 0.7, 0.5, {0.0, 0.0, 1.0})};
    s.events.push_back(Event{6, event::CatalogAdd{2, 0}, "X joins C"});
    return s;
}

}  // namespace moatsim::test
