#include "tests/scenario_text.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <variant>

#include "market/parameter_table.hpp"

namespace moatsim::test {
namespace {

bool same(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

void check_same(const Distribution& a, const Distribution& b) {
    CHECK(a.kind == b.kind);
    for (auto f : {&Distribution::mean, &Distribution::sd, &Distribution::shape})
        CHECK(same(a.*f, b.*f));
}

void check_same(const std::vector<double>& a, const std::vector<double>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(same(a[i], b[i]));
}

/// Every scalar key of a scope's table (market/parameter_table.hpp): a parameter added to
/// the table is compared without touching this file.
template <class Spec>
void check_same_scalars(const std::vector<detail::Param<Spec>>& params, const Spec& a,
                        const Spec& b) {
    for (const auto& p : params) {
        INFO("key " << p.key);
        switch (p.kind) {
            case detail::ParamKind::number: CHECK(same(a.*p.number, b.*p.number)); break;
            case detail::ParamKind::integer: CHECK(p.get_integer(a) == p.get_integer(b)); break;
            case detail::ParamKind::choice: CHECK(p.get_choice(a) == p.get_choice(b)); break;
            case detail::ParamKind::structured: break;
        }
    }
}
}  // namespace

// Line numbers matter: the error tests name them.
const std::string minimal =                 // line
    "name = \"mini\"\n"                     // 1
    "start = \"2025-01\"\n"                 // 2
    "\n"                                    // 3
    "[clouds.A]\n"                          // 4
    "target_share = 0.6\n"                  // 5
    "price = 4.0\n"                         // 6
    "catalog = [\"X\"]\n"                   // 7
    "\n"                                    // 8
    "[clouds.B]\n"                          // 9
    "target_share = 0.4\n"                  // 10
    "price = 3.0\n"                         // 11
    "catalog = [\"X\", \"Y\"]\n"            // 12
    "\n"                                    // 13
    "[vendors.X]\n"                         // 14
    "training_split = { A = 1.0 }\n"        // 15
    "\n"                                    // 16
    "[vendors.Y]\n"                         // 17
    "training_split = { A = 0.5, B = 0.5 }\n";  // 18

std::string with(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

Scenario parse(const std::string& text, const ScenarioOverrides& o) {
    return parse_scenario(text, "x.toml", o);
}

std::string with_events(const std::string& events) { return minimal + "\n" + events; }

void check_same(const Scenario& a, const Scenario& b) {
    CHECK(a.name == b.name);
    CHECK(a.description == b.description);
    CHECK(a.start == b.start);
    check_same_scalars(detail::run_params(), a.run, b.run);
    check_same_scalars(detail::calibration_params(), a, b);
    check_same_scalars(detail::global_params(), a.globals, b.globals);
    const PopulationSpec &p = a.population, &q = b.population;
    check_same_scalars(detail::population_params(), p, q);
    for (auto f : {&PopulationSpec::size, &PopulationSpec::price_sensitivity,
                   &PopulationSpec::quality_sensitivity, &PopulationSpec::lock_in_fear})
        check_same(p.*f, q.*f);
    check_same(p.home_cloud, q.home_cloud);
    REQUIRE(a.clouds.size() == b.clouds.size());
    for (std::size_t k = 0; k < a.clouds.size(); ++k) {
        const CloudSpec &c = a.clouds[k], &d = b.clouds[k];
        CHECK(c.name == d.name);
        check_same_scalars(detail::cloud_params(), c, d);
        CHECK(c.offers == d.offers);
        check_same(c.port, d.port);
    }
    REQUIRE(a.vendors.size() == b.vendors.size());
    for (std::size_t m = 0; m < a.vendors.size(); ++m) {
        const VendorSpec &v = a.vendors[m], &w = b.vendors[m];
        CHECK(v.name == w.name);
        check_same_scalars(detail::vendor_params(), v, w);
        check_same(v.training_split, w.training_split);
    }
    check_same(a.events, b.events);
    check_same(a.skipped_events, b.skipped_events);
}

void check_same(const std::vector<Event>& a, const std::vector<Event>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const Event &e = a[i], &f = b[i];
        CHECK(std::tie(e.tick, e.note, e.id) == std::tie(f.tick, f.note, f.id));
        REQUIRE(e.kind() == f.kind());
        // Payloads field by field, numbers bit for bit (a round trip may not move -0 or NaN).
        std::visit(
            [&](const auto& p) {
                using P = std::decay_t<decltype(p)>;
                const P& q = std::get<P>(f.payload);
                if constexpr (std::is_same_v<P, event::Set>)
                    CHECK((p.parameter == q.parameter && p.target == q.target && same(p.value, q.value)));
                else if constexpr (std::is_same_v<P, event::CatalogAdd> || std::is_same_v<P, event::CatalogRemove>)
                    CHECK((p.cloud == q.cloud && p.vendor == q.vendor));
                else if constexpr (std::is_same_v<P, event::Port>)
                    CHECK((p.cloud == q.cloud && p.vendor == q.vendor && same(p.fraction, q.fraction)));
                else if constexpr (std::is_same_v<P, event::TrainingSplit>) {
                    CHECK(p.vendor == q.vendor);
                    check_same(p.split, q.split);
                } else if constexpr (std::is_same_v<P, event::Funding>)
                    CHECK((p.vendor == q.vendor && same(p.amount, q.amount) && p.months == q.months));
                else {
                    static_assert(std::is_same_v<P, event::GpuShock>, "a new event kind: compare its fields");
                    CHECK((same(p.factor, q.factor) && p.months == q.months));
                }
            },
            e.payload);
    }
}


}  // namespace moatsim::test
