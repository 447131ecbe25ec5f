// The event-clock stepper (docs/ODD.md D14) against the rule as the ODD states it (§7.5-7.6,
// ReferenceStepper: a Bernoulli draw per enterprise per tick), in distribution: over many
// replicates on one population, the mean of every per-tick count (adopters, switches, each
// cloud's customers) and share (each cloud's workload share) agrees within 4 standard errors
// of the difference of two independent means, sqrt(var_a / R + var_b / R), the variances
// estimated from the replicates (for counts this is the binomial standard error where the
// draws are independent). The two arms use different replicate indices, so their draws are
// independent. The last test shows the comparison fails when the rule is changed a little.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "experiments/ensemble.hpp"
#include "market/replicate.hpp"
#include "market/scenario_loader.hpp"
#include "tests/random_markets.hpp"

#ifndef MOATSIM_SOURCE_DIR
#define MOATSIM_SOURCE_DIR "."
#endif

using namespace moatsim;

namespace {

constexpr double z_limit = 4.0;

// Per replicate, per row: the observed quantities (adopters, switches, then per cloud its
// customers and workload share); a last row holds their sums over the rows.
using Observations = std::vector<std::vector<std::vector<double>>>;

std::vector<double> observe(const TickRecord& row) {
    std::vector<double> out{row.adopters, row.switches};
    for (const CloudRecord& c : row.clouds) {
        out.push_back(c.customers);
        out.push_back(c.share_workload);
    }
    return out;
}

std::string quantity_name(std::size_t q) {
    if (q == 0) return "adopters";
    if (q == 1) return "switches";
    return "cloud " + std::to_string((q - 2) / 2) + ((q - 2) % 2 ? " share" : " customers");
}

struct Market {
    Scenario scenario;
    Population population;
    std::vector<double> brand;
};

Market prepare(Scenario s) {
    Market m{s, replicate_population(s, 0), {}};
    m.brand = scenario_brands(m.scenario, m.population);
    return m;
}

Observations run_arm(const Market& m, const Scenario& s, StochasticStepping stepping,
                     std::uint64_t first_replicate, int replicates) {
    Observations out;
    for (int r = 0; r < replicates; ++r) {
        Replicate rep(s, m.population, first_replicate + static_cast<std::uint64_t>(r), m.brand,
                      stepping);
        const ReplicateResult result = rep.run();
        std::vector<std::vector<double>> rows;
        for (const TickRecord& row : result.ticks) rows.push_back(observe(row));
        std::vector<double> sums(rows.front().size(), 0.0);
        for (const auto& row : rows)
            for (std::size_t q = 0; q < row.size(); ++q) sums[q] += row[q];
        rows.push_back(sums);
        out.push_back(std::move(rows));
    }
    return out;
}

struct Worst {
    double z = 0.0;
    std::string where;
};

// The largest |mean_a - mean_b| / se over rows and quantities.
Worst worst_difference(const Observations& a, const Observations& b) {
    Worst worst;
    const std::size_t rows = a.front().size(), quantities = a.front().front().size();
    for (std::size_t t = 0; t < rows; ++t) {
        for (std::size_t q = 0; q < quantities; ++q) {
            double mean[2] = {}, var[2] = {}, n[2] = {};
            const Observations* arms[2] = {&a, &b};
            for (int arm = 0; arm < 2; ++arm) {
                const Observations& o = *arms[arm];
                n[arm] = static_cast<double>(o.size());
                for (const auto& rep : o) mean[arm] += rep[t][q] / n[arm];
                for (const auto& rep : o) var[arm] += std::pow(rep[t][q] - mean[arm], 2) / (n[arm] - 1);
            }
            const double diff = std::abs(mean[0] - mean[1]);
            const double se = std::sqrt(var[0] / n[0] + var[1] / n[1]);
            // Quantities that do not vary (adopters at row 0, a cloud nobody can choose) must
            // agree to rounding.
            const double z = diff <= 1e-9 * (1.0 + std::abs(mean[0]))
                                 ? 0.0
                                 : (se > 0.0 ? diff / se : std::numeric_limits<double>::infinity());
            if (z > worst.z) {
                std::ostringstream w;
                w << (t + 1 == rows ? std::string("sum over rows") : "row " + std::to_string(t))
                  << ", " << quantity_name(q) << ": event clocks " << mean[0] << ", per-tick draws "
                  << mean[1] << ", se " << se;
                worst = {z, w.str()};
            }
        }
    }
    return worst;
}

// Event clocks on `m`, per-tick draws on `reference` (by default the same scenario).
Worst compare_steppers(const Market& m, int replicates, const Scenario* reference = nullptr) {
    const Observations clocks =
        run_arm(m, m.scenario, StochasticStepping::event_clocks, 0, replicates);
    const Observations draws =
        run_arm(m, reference ? *reference : m.scenario, StochasticStepping::per_tick_draws,
                static_cast<std::uint64_t>(replicates), replicates);
    return worst_difference(clocks, draws);
}

// A random small market as scenario text: 2-4 clouds, 2-4 vendors, random catalogs, prices,
// brands and rates; optionally a delisting (customers must re-choose) and a `set` of the
// review rate (every wait is redrawn) part-way through.
Scenario random_market(std::uint64_t seed, bool events) {
    test::Uniforms u(seed);
    const int K = 2 + u.below(3), M = 2 + u.below(3);
    std::ostringstream t;
    t.precision(17);
    t << "name = \"random\"\nstart = \"2025-01\"\n[run]\nseed = " << seed << "\nticks = 24\n"
      << "[calibration]\nmethod = \"none\"\n[globals]\n"
      << "bass_p = " << u.between(0.005, 0.05) << "\nbass_q = " << u.between(0.0, 0.3)
      << "\nreview_rate = " << u.between(0.03, 0.3)
      << "\nswitch_cost_cloud = " << u.between(0.0, 3.0)
      << "\nswitch_cost_vendor = " << u.between(0.0, 2.0)
      << "\ndata_gravity = " << u.between(0.0, 1.0) << "\nnest_lambda = " << u.between(0.4, 1.0)
      << "\n[population]\nenterprises = 1500\nadopted_initial = " << u.between(0.1, 0.8)
      << "\ntaste_sd = " << u.between(0.3, 1.5) << "\n";
    for (int k = 0; k < K; ++k) {
        t << "[clouds.C" << k << "]\ntarget_share = " << 1.0 / K << "\nprice = " << u.between(2.0, 5.0)
          << "\nbrand = " << u.between(-1.0, 1.0) << "\ncatalog = [";
        for (int m = 0; m < M; ++m)  // cloud 0 offers vendors 0 and 1, so a delisting leaves it open
            if (m == k % M || (k == 0 && m < 2) || u.next() < 0.5) t << "\"V" << m << "\", ";
        t << "]\n";
    }
    for (int m = 0; m < M; ++m)
        t << "[vendors.V" << m << "]\ntaste_mean = " << u.between(-0.5, 0.5)
          << "\ntraining_split = { C0 = 1.0 }\n";
    if (events)
        t << "[[events]]\ndate = \"2025-08\"\nkind = \"catalog_remove\"\ncloud = \"C0\"\n"
          << "vendor = \"V1\"\n[[events]]\ndate = \"2026-01\"\nkind = \"set\"\n"
          << "parameter = \"globals.review_rate\"\nvalue = " << u.between(0.03, 0.3) << "\n";
    return parse_scenario(t.str(), "random.toml");
}

}  // namespace

TEST_CASE("event clocks match per-tick Bernoulli draws in distribution: random small markets",
          "[simulation][D14]") {
    for (const std::uint64_t seed : {11u, 12u, 13u, 14u, 15u}) {
        const Market m = prepare(random_market(seed, true));
        const Worst w = compare_steppers(m, 60);
        INFO("market " << seed << ": worst " << w.where << " (" << w.z << " se)");
        CHECK(w.z < z_limit);
    }
}

TEST_CASE("event clocks match per-tick Bernoulli draws in distribution: the baseline at 2000 "
          "enterprises", "[simulation][D14]") {
    ScenarioOverrides o;
    o.enterprises = 2000;
    o.ticks = 36;  // past the 2025 catalog changes
    const Market m = prepare(load_scenario(MOATSIM_SOURCE_DIR "/scenarios/baseline.toml", o));
    const Worst w = compare_steppers(m, 60);
    INFO("worst " << w.where << " (" << w.z << " se)");
    CHECK(w.z < z_limit);
}

TEST_CASE("the distribution check detects a review or adoption rate 20% off", "[simulation][D14]") {
    const Market m = prepare(random_market(21, false));
    Scenario faster_reviews = m.scenario;
    faster_reviews.globals.review_rate *= 1.2;
    const Worst reviews = compare_steppers(m, 60, &faster_reviews);
    INFO("review rate x1.2: worst " << reviews.where << " (" << reviews.z << " se)");
    CHECK(reviews.z > z_limit);
    Scenario faster_adoption = m.scenario;
    faster_adoption.globals.bass_p *= 1.2;
    const Worst adoption = compare_steppers(m, 60, &faster_adoption);
    INFO("bass_p x1.2: worst " << adoption.where << " (" << adoption.z << " se)");
    CHECK(adoption.z > z_limit);
}
