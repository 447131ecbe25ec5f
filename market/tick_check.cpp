#include "market/tick_check.hpp"

#include <algorithm>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <string_view>

namespace moatsim {
namespace {

// Shortest round-trip form, as the loader prints numbers.
std::string format_number(double x) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, r.ptr);
}

// The largest utility term allowed, as for the scenario's utility parameters.
constexpr double max_utility = 1e6;
// Enterprises' attributes: ten times that, so that a taste_mean at its bound plus the taste
// noise around it passes.
constexpr double max_attribute = 1e7;

// Shares are sums of a few doubles; 1e-6 is far above their rounding and far below any
// meaningful share.
constexpr double share_tolerance = 1e-6;

// The parameters behind each recorded quantity, for the message.
namespace hints {
// Demand is inf when it outgrows double range, nan when the choice utilities do (every
// probability 0/0): low prices in log terms, or a scarcity penalty on a huge excess demand.
constexpr std::string_view demand =
    "population.market_size, globals.demand_growth, population.size; if nan, choice "
    "utilities out of range: clouds.*.price (globals.lerner_min, globals.lerner_max, "
    "globals.markup_speed, globals.gpu_cost, globals.gpu_cost_decline, vendors.*.margin), "
    "globals.scarcity_penalty with capacity far short of demand (globals.gpu_supply, "
    "globals.gpu_supply_growth, globals.headroom)";
constexpr std::string_view capacity =
    "globals.headroom, globals.demand_growth, globals.gpu_supply, globals.gpu_supply_growth, "
    "clouds.*.silicon_supply, clouds.*.silicon_supply_growth, population.market_size, and "
    "training demand (vendors.*.funding, funding events, vendors.*.reinvest over a low price)";
constexpr std::string_view price =
    "globals.lerner_min, globals.lerner_max, globals.markup_speed, globals.gpu_cost, "
    "globals.gpu_cost_decline, clouds.*.price";
constexpr std::string_view share =
    "population.market_size, globals.demand_growth, globals.headroom, globals.gpu_supply, "
    "vendors.*.compute_scale (quality), vendors.*.funding and funding events";
constexpr std::string_view training =
    "vendors.*.funding, funding events, vendors.*.reinvest, vendors.*.margin, "
    "population.market_size, globals.demand_growth";
constexpr std::string_view quality =
    "vendors.*.quality0, vendors.*.quality_scale, vendors.*.compute_scale, vendors.*.funding, "
    "funding events, vendors.*.reinvest";
constexpr std::string_view revenue =
    "population.market_size, globals.demand_growth, clouds.*.price, vendors.*.margin";
constexpr std::string_view scarcity =
    "globals.scarcity_penalty with capacity far short of demand (globals.gpu_supply, "
    "globals.gpu_supply_growth, globals.headroom, globals.demand_growth), training demand "
    "(vendors.*.funding, funding events, vendors.*.reinvest), clouds.*.brand";
constexpr std::string_view count = "population.enterprises, globals.bass_p, globals.bass_q";
}  // namespace hints

class Checker {
public:
    Checker(const Scenario& s, int tick) : scenario_(s), tick_(tick) {}

    // value >= lo (and finite)
    void at_least(std::string_view what, double v, double lo, std::string_view hint) const {
        if (!std::isfinite(v)) fail(what, v, "a finite number >= " + format_number(lo), hint);
        if (v < lo) fail(what, v, "a number >= " + format_number(lo), hint);
    }
    void within(std::string_view what, double v, std::string_view hint) const {
        if (!(std::abs(v) <= max_utility))
            fail(what, v, "a finite number within +-1e6 (utils per unit of sensitivity)", hint);
    }
    // Expected mode's counts are sums of probabilities and differences of them: rounding can
    // leave them a hair below 0 (a few 1e-9 seen), which is not a failure.
    void count(std::string_view what, double v, std::string_view hint) const {
        const double slack =
            share_tolerance * std::max(1.0, static_cast<double>(scenario_.population.enterprises));
        if (!std::isfinite(v)) fail(what, v, "a finite count >= 0", hint);
        if (v < -slack) fail(what, v, "a count >= 0", hint);
    }
    void fraction(std::string_view what, double v, std::string_view hint) const {
        if (!(v >= -share_tolerance && v <= 1.0 + share_tolerance))
            fail(what, v, "a fraction in [0, 1]", hint);
    }
    void finite(std::string_view what, double v, std::string_view hint) const {
        if (!std::isfinite(v)) fail(what, v, "a finite number", hint);
    }
    void positive_price(std::string_view what, double v, std::string_view hint) const {
        // A subnormal price (the 1e-321) divides training budgets into inf units.
        if (!(std::isfinite(v) && v >= DBL_MIN))
            fail(what, v, "a finite price > 0 (at least " + format_number(DBL_MIN) + ")", hint);
    }
    void sums_to_one(std::string_view what, double sum, std::string_view hint) const {
        if (!(std::abs(sum - 1.0) <= share_tolerance))
            fail(what, sum, "shares summing to 1 (workload was served)", hint);
    }

    [[noreturn]] void fail(std::string_view what, double v, const std::string& expected,
                           std::string_view hint) const {
        const std::string value = std::isnan(v) ? "nan" : std::isinf(v) ? (v > 0 ? "inf" : "-inf")
                                                                       : format_number(v);
        throw SimulationError(scenario_.source.string(), tick_,
                              scenario_.start.plus_months(tick_).to_string(), std::string(what),
                              "is " + value + ", expected " + expected, named(what, hint));
    }

private:
    // The hint with "clouds.*." (or "vendors.*.") naming the cloud (vendor) of the quantity,
    // e.g. "clouds.AWS.price" for a failure of clouds.AWS.capacity.
    static std::string named(std::string_view what, std::string_view hint) {
        std::string out(hint);
        for (const std::string_view group : {"clouds.", "vendors."}) {
            if (what.substr(0, group.size()) != group) continue;
            const std::size_t dot = what.find('.', group.size());
            if (dot == std::string_view::npos || what.substr(group.size(), 1) == "*") continue;
            const std::string wild = std::string(group) + "*.", own(what.substr(0, dot + 1));
            for (std::size_t at; (at = out.find(wild)) != std::string::npos;)
                out.replace(at, wild.size(), own);
        }
        return out;
    }

    const Scenario& scenario_;
    int tick_;
};

}  // namespace

SimulationError::SimulationError(const std::string& scenario, int tick, std::string date,
                                 std::string quantity, const std::string& problem,
                                 std::string hint)
    : std::runtime_error(scenario + ": numeric failure at tick " + std::to_string(tick) + " (" +
                         date + "): " + quantity + " " + problem +
                         "; parameters most likely responsible: " + hint),
      tick_(tick), date_(std::move(date)), quantity_(std::move(quantity)), hint_(std::move(hint)) {}

void check_population(const Scenario& scenario, const Population& population) {
    double demand = 0.0;
    for (std::size_t i = 0; i < population.count(); ++i) demand += population.demand[i];
    const Checker c(scenario, 0);
    c.at_least("population.size (sum over enterprises)", demand, 0.0,
               "population.market_size, population.size");
    // Utility terms (docs/SCENARIO.md, "Numeric limits"): beyond max_attribute the products
    // with prices' logs and qualities leave the range the choice kernels handle.
    const auto within = [&](const char* what, const char* hint,
                            const std::vector<Attribute>& column) {
        for (const Attribute x : column)
            if (!(std::abs(static_cast<double>(x)) <= max_attribute))
                c.fail(std::string(what) + " (an enterprise's value)", x,
                       "a finite number within +-1e7", hint);
    };
    within("population.price_sensitivity", "population.price_sensitivity", population.alpha);
    within("population.quality_sensitivity", "population.quality_sensitivity", population.beta);
    within("population.lock_in_fear", "population.lock_in_fear", population.phi);
    within("population taste", "vendors.*.taste_mean, population.taste_sd", population.taste);
}

void check_choice_inputs(const Scenario& scenario, int tick, const ChoiceContext& ctx) {
    const Checker c(scenario, tick);
    for (int k = 0; k < ctx.clouds; ++k) {
        const std::string cloud = "clouds." + scenario.clouds[k].name;
        c.within(cloud + ".brand - scarcity_penalty * excess demand", ctx.cloud_constant[k],
                 hints::scarcity);
        for (int m = 0; m < ctx.vendors; ++m)
            c.within(cloud + ".price (log of the price with " + scenario.vendors[m].name + ")",
                     ctx.log_price[k * ctx.vendors + m], hints::price);
    }
    for (int m = 0; m < ctx.vendors; ++m)
        c.within("vendors." + scenario.vendors[m].name + ".quality", ctx.quality[m],
                 hints::quality);
}

void check_tick(const Scenario& scenario, const TickRecord& row) {
    const Checker c(scenario, row.tick);
    const auto cloud_key = [&](std::size_t k, const char* field) {
        return "clouds." + scenario.clouds[k].name + "." + field;
    };
    const auto vendor_key = [&](std::size_t m, const char* field) {
        return "vendors." + scenario.vendors[m].name + "." + field;
    };
    double workload = 0.0, revenue_share = 0.0, revenue = 0.0;
    bool served = false;
    // Prices first: they are this row's inputs, so a bad price explains what follows from it.
    for (std::size_t k = 0; k < row.clouds.size(); ++k)
        c.positive_price(cloud_key(k, "price"), row.clouds[k].price, hints::price);
    for (std::size_t k = 0; k < row.clouds.size(); ++k) {
        const CloudRecord& r = row.clouds[k];
        c.at_least(cloud_key(k, "demand"), r.demand, 0.0, hints::demand);
        c.at_least(cloud_key(k, "capacity"), r.capacity, 0.0, hints::capacity);
        c.fraction(cloud_key(k, "utilization"), r.utilization, hints::capacity);
        c.fraction(cloud_key(k, "silicon_fraction"), r.silicon_fraction, hints::capacity);
        c.at_least(cloud_key(k, "revenue_usage"), r.revenue_usage, 0.0, hints::revenue);
        c.at_least(cloud_key(k, "revenue_training"), r.revenue_training, 0.0, hints::training);
        c.count(cloud_key(k, "customers"), r.customers, hints::count);
        c.fraction(cloud_key(k, "share_workload"), r.share_workload, hints::share);
        c.fraction(cloud_key(k, "share_revenue"), r.share_revenue, hints::share);
        workload += r.share_workload;
        revenue_share += r.share_revenue;
        revenue += r.revenue_usage + r.revenue_training;
        // Some enterprise workload is served exactly when a cloud with demand has capacity.
        served = served || (r.demand > 0.0 && r.capacity > 0.0);
    }
    double vendor_share = 0.0;
    for (std::size_t m = 0; m < row.vendors.size(); ++m) {
        const VendorRecord& v = row.vendors[m];
        c.fraction(vendor_key(m, "share"), v.share, hints::share);
        c.finite(vendor_key(m, "quality"), v.quality, hints::quality);
        c.at_least(vendor_key(m, "revenue"), v.revenue, 0.0, hints::revenue);
        c.at_least(vendor_key(m, "training_spend"), v.training_spend, 0.0, hints::training);
        vendor_share += v.share;
    }
    c.count("adopters", row.adopters, hints::count);
    c.count("switches", row.switches, hints::count);
    c.fraction("hhi", row.hhi, hints::share);
    if (served) {
        c.sums_to_one("clouds.*.share_workload (sum)", workload, hints::share);
        if (!row.vendors.empty())
            c.sums_to_one("vendors.*.share (sum)", vendor_share, hints::share);
    }
    if (revenue > 0.0) c.sums_to_one("clouds.*.share_revenue (sum)", revenue_share, hints::revenue);
}

}  // namespace moatsim
