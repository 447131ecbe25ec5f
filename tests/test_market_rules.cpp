// Market submodels against hand-computed values: clearing, pricing, capacity, training, events.
#include <catch2/catch.hpp>

#include <cmath>

#include "market/clearing.hpp"
#include "market/cloud_supply.hpp"
#include "market/events.hpp"
#include "market/parameters.hpp"
#include "market/training.hpp"
#include "tests/fixtures.hpp"

using namespace moatsim;

TEST_CASE("clearing under a capacity shortage serves pro rata and records excess", "[market]") {
    const Scenario s = test::small_scenario();
    MarketState m(s);
    m.capacity_gpu = {50.0, 1000.0, 1000.0};
    m.training_demand = {20.0, 0.0, 0.0};
    // pairs k*3+v: A: X 60, Z 20; B: Y 100; C: Z 50
    const std::vector<double> demand = {60, 0, 20, 0, 100, 0, 0, 0, 50};
    const Clearing c = clear_market(m, demand);
    CHECK(c.total_demand[0] == Approx(100.0));
    CHECK(c.served[0] == Approx(50.0));
    CHECK(c.service_ratio[0] == Approx(0.5));
    CHECK(c.service_ratio[1] == Approx(1.0));
    CHECK(c.excess[0] == Approx(1.0));
    CHECK(c.excess[1] == 0.0);
    CHECK(c.share_workload[0] == Approx(40.0 / 190.0));
    CHECK(c.share_workload[1] == Approx(100.0 / 190.0));
    CHECK(c.share_workload[2] == Approx(50.0 / 190.0));
    // Unit price on A for ported vendors: 4 (1 - 0.3 * 0.5) = 3.4.
    CHECK(c.revenue_usage[0] == Approx(0.5 * 80.0 * 3.4));
    CHECK(c.vendor_revenue[0] == Approx(0.5 * 60.0 * 3.0));
    CHECK(c.vendor_share[2] == Approx((0.5 * 20.0 + 50.0) / 190.0));
}

TEST_CASE("markup rule: logit Lerner index with its clamp", "[market]") {
    CHECK(target_lerner(4.0, 0.5, 0.1, 0.7) == Approx(0.5));
    CHECK(target_lerner(2.0, 0.3, 0.1, 0.7) == Approx(0.7));   // 0.714 clamped to L_max
    CHECK(target_lerner(20.0, 0.0, 0.1, 0.7) == Approx(0.1));  // 0.05 clamped to L_min
    CHECK(target_lerner(2.0, 1.0, 0.1, 0.7) == 0.7);           // monopoly: L_max
    CHECK(target_lerner(0.0, 0.3, 0.1, 0.7) == 0.7);           // no adopters yet
    CHECK(markup_price(2.0, 0.5) == Approx(4.0));

    const Scenario s = test::small_scenario();
    MarketState m(s);
    m.tick = 0;
    const double before = m.clouds[0].price;  // 4.0; target 2 / (1 - 0.5) = 4 at share 0.5
    update_clouds(m, {0.5, 0.3, 0.2}, 4.0, {0.0, 0.0, 0.0});
    CHECK(m.clouds[0].price == Approx(before));  // already at target
    const double b_before = m.clouds[1].price;   // 4.5; target 2 / (1 - 1/(4*0.7)) = 3.111
    update_clouds(m, {0.5, 0.3, 0.2}, 4.0, {0.0, 0.0, 0.0});
    CHECK(m.clouds[1].price == Approx(b_before + 0.1 * (2.0 / (1.0 - 1.0 / 2.8) - b_before)));
}

TEST_CASE("capacity orders: silicon up to supply, GPUs rationed pro rata", "[market]") {
    const auto o = plan_capacity({100, 100}, {100, 50}, {0, 0}, {0.5, 0.0}, {10, 0}, 0.2, 0.0, 1, 40);
    CHECK(o.silicon[0] == Approx(10.0));
    CHECK(o.gpu_requested[0] == Approx(10.0));
    CHECK(o.gpu_requested[1] == Approx(70.0));
    CHECK(o.gpu_granted[0] == Approx(5.0));
    CHECK(o.gpu_granted[1] == Approx(35.0));
    const auto short_silicon = plan_capacity({100}, {100}, {0}, {0.5}, {4}, 0.2, 0.0, 1, 1e9);
    CHECK(short_silicon.silicon[0] == Approx(4.0));
    CHECK(short_silicon.gpu_granted[0] == Approx(10.0));
    // The pipeline and growth over the lead time count: (1.2)(1.1)^2 * 100 - 100 - 30.
    const auto ahead = plan_capacity({100}, {100}, {30}, {0.0}, {0}, 0.2, 0.1, 2, 1e9);
    CHECK(ahead.gpu_granted[0] == Approx(120.0 * 1.21 - 130.0));
}

TEST_CASE("granted capacity arrives after exactly the lead time", "[market]") {
    Scenario s = test::small_scenario();
    s.globals.lead_time = 3;
    MarketState m(s);
    m.capacity_gpu = {100, 100, 100};
    m.tick = 5;
    deliver_capacity(m);
    update_clouds(m, {0.4, 0.35, 0.25}, 2.0, {150, 50, 50});  // A orders, B and C do not
    const double ordered = m.pipeline(0);
    CHECK(ordered > 0.0);
    CHECK(m.pipeline(1) == 0.0);
    for (int t = 6; t <= 7; ++t) {
        m.tick = t;
        deliver_capacity(m);
        CHECK(m.capacity(0) == Approx(100.0));
    }
    m.tick = 8;
    deliver_capacity(m);
    CHECK(m.capacity(0) == Approx(100.0 + ordered));
    CHECK(m.pipeline(0) == 0.0);
}

TEST_CASE("vendors reinvest: budget, training revenue, compute and quality", "[market]") {
    const Scenario s = test::small_scenario();
    MarketState m(s);
    const Training t = train_vendors(m, {100.0, 0.0, 0.0});
    CHECK(t.budget[0] == Approx(0.4 * 100.0 + 10.0));
    CHECK(t.budget[1] == Approx(10.0));  // outside funding only
    CHECK(t.revenue_training[0] == Approx(50.0));
    const double units = 50.0 / 3.4;  // X trains on A, half on A's silicon
    CHECK(t.demand_next[0] == Approx(units));
    CHECK(m.training_demand[0] == Approx(units));
    CHECK(m.compute[0] == Approx(units));
    CHECK(m.quality[0] == Approx(1.0 + 0.1 * std::log(1.0 + units / 100.0)));
    CHECK(quality_from_compute(s.vendors[0], 0.0) == Approx(1.0));
}

TEST_CASE("each kind of event changes the state it names", "[market][events]") {
    Scenario s = test::small_scenario();
    MarketState m(s);
    const auto apply = [&](int tick, EventPayload p) { apply_event(Event{tick, std::move(p)}, m); };
    apply(0, make_set(s, "clouds.B.price", 9.0));
    CHECK(m.clouds[1].price == 9.0);
    apply(0, make_set(s, "globals.review_rate", 0.5));
    CHECK(m.globals.review_rate == 0.5);
    apply(0, make_set(s, "vendors.Y.margin", 0.125));
    CHECK(m.vendors[1].margin == 0.125);

    apply(0, event::CatalogAdd{1, 0});
    CHECK(m.clouds[1].offers[0] == 1);
    apply(0, event::CatalogRemove{1, 0});
    CHECK(m.clouds[1].offers[0] == 0);

    apply(0, event::Port{0, 1, 0.9});
    CHECK(m.clouds[0].port[1] == 0.9);

    apply(0, event::TrainingSplit{0, {0.25, 0.75, 0.0}});
    CHECK(m.vendors[0].training_split == std::vector<double>{0.25, 0.75, 0.0});

    m.tick = 2;
    apply(2, event::Funding{1, 40.0, 3});
    for (int t = 2; t <= 4; ++t) {
        m.tick = t;
        CHECK(m.outside_funding(1) == Approx(50.0));
    }
    m.tick = 5;
    CHECK(m.outside_funding(1) == Approx(10.0));

    m.tick = 2;
    const double normal = m.gpu_supply();
    apply(2, event::GpuShock{0.5, 2});
    CHECK(m.gpu_supply() == Approx(0.5 * normal));
    m.tick = 4;
    CHECK(m.gpu_supply() == Approx(50.0 * std::pow(1.01, 4)));
}
