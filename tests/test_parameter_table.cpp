// The parameter tables (market/parameter_table.hpp) are the one declaration of every scenario
// key: the loader reads exactly them, the writer writes them, `set` events may name exactly
// the settable ones, and the docs' tables are generated from them.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/input_error.hpp"
#include "market/parameter_docs.hpp"
#include "market/parameter_table.hpp"
#include "market/parameters.hpp"
#include "market/scenario_writer.hpp"
#include "tests/scenario_text.hpp"

using namespace moatsim;
using namespace moatsim::detail;
using namespace moatsim::test;
using Catch::Contains;

#ifndef MOATSIM_SOURCE_DIR
#define MOATSIM_SOURCE_DIR "."
#endif

namespace {

/// An allowed value other than `current`, away from open ends.
double other_number(const Range& r, double current) {
    const bool has_lo = !std::isinf(r.lo), has_hi = !std::isinf(r.hi);
    double x = 0.375;
    if (has_lo && has_hi) x = r.lo + 0.375 * (r.hi - r.lo);
    else if (has_lo) x = r.lo + 0.375 + std::abs(r.lo);
    else if (has_hi) x = r.hi - 0.375;
    if (x == current) x = has_lo && has_hi ? r.lo + 0.625 * (r.hi - r.lo) : x + 1.0;
    REQUIRE(r.contains(x));
    return x;
}

/// A value outside the range, or nullopt for a range covering every finite number.
std::optional<double> outside(const Range& r) {
    if (!std::isinf(r.hi)) return r.hi + 1.0 + std::abs(r.hi);
    if (!std::isinf(r.lo)) return r.lo - 1.0 - std::abs(r.lo);
    return std::nullopt;
}

/// Gives one scalar key of spec a different allowed value; returns false for structured keys.
template <class Spec>
bool change(const Param<Spec>& p, Spec& spec) {
    switch (p.kind) {
        case ParamKind::number: spec.*p.number = other_number(p.range, spec.*p.number); return true;
        case ParamKind::integer: {
            const std::int64_t now = p.get_integer(spec);
            p.set_integer(spec, now + 1 <= p.hi ? now + 1 : now - 1);
            return true;
        }
        case ParamKind::choice:
            p.set_choice(spec, (p.get_choice(spec) + 1) % static_cast<int>(p.choices().size()));
            return true;
        case ParamKind::structured: return false;
    }
    return false;
}

/// For every scalar key of a scope: change it alone in `base` (through `part`), write the
/// resolved scenario, read it back, and check the new value arrived (check_same compares
/// every key of every table) and differs from the old one.
template <class Spec, class Part>
int round_trip_each(const std::vector<Param<Spec>>& params, const Scenario& base, Part part) {
    int changed = 0;
    for (const auto& p : params) {
        Scenario s = base;
        if (!change(p, part(s))) continue;
        INFO("key " << p.key);
        // Cloud target shares must still sum to 1: the second cloud takes the rest.
        if (std::string_view(p.key) == "target_share")
            s.clouds[1].target_share = 1.0 - s.clouds[0].target_share;
        const Scenario back = parse_scenario(resolved_toml(s), "resolved.toml");
        check_same(s, back);
        Scenario unchanged = base;
        Spec& before = part(unchanged);
        Spec& after = part(const_cast<Scenario&>(back));
        const bool differs = p.kind == ParamKind::number ? before.*p.number != after.*p.number
                             : p.kind == ParamKind::integer
                                 ? p.get_integer(before) != p.get_integer(after)
                                 : p.get_choice(before) != p.get_choice(after);
        CHECK(differs);
        ++changed;
    }
    return changed;
}

template <class Spec>
std::vector<std::string> settable_keys(const std::vector<Param<Spec>>& params) {
    std::vector<std::string> keys;
    for (const auto& p : params)
        if (p.is_settable()) keys.emplace_back(p.key);
    return keys;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("every scalar key of every table round-trips through writer and loader",
          "[parameters]") {
    const Scenario base = parse(minimal);
    int changed = 0;
    changed += round_trip_each(run_params(), base, [](Scenario& s) -> RunSettings& { return s.run; });
    changed += round_trip_each(calibration_params(), base, [](Scenario& s) -> Scenario& { return s; });
    changed += round_trip_each(global_params(), base, [](Scenario& s) -> Globals& { return s.globals; });
    changed += round_trip_each(population_params(), base,
                               [](Scenario& s) -> PopulationSpec& { return s.population; });
    changed += round_trip_each(cloud_params(), base, [](Scenario& s) -> CloudSpec& { return s.clouds[0]; });
    changed += round_trip_each(vendor_params(), base, [](Scenario& s) -> VendorSpec& { return s.vendors[1]; });
    // 5 run + 1 calibration + 22 globals + 4 population + 8 cloud + 7 vendor scalars.
    CHECK(changed == 47);
}

namespace {

/// The lines of one table of a resolved scenario, from its header to the next header.
std::string section(const std::string& toml, const std::string& header) {
    const auto at = toml.find("\n" + header + "\n");
    REQUIRE(at != std::string::npos);
    const auto end = toml.find("\n[", at + 1);
    return toml.substr(at, end == std::string::npos ? std::string::npos : end - at) + "\n";
}

template <class Spec>
void check_written(const std::string& text, const std::vector<Param<Spec>>& params) {
    for (const auto& p : params) {
        INFO("key " << p.key);
        CHECK_THAT(text, Contains(std::string("\n") + p.key + " = "));
    }
}

}  // namespace

TEST_CASE("the resolved scenario writes every key of every table", "[parameters]") {
    // Structured keys too (catalog, port, training_split, the distributions, home_cloud):
    // the writer's hand-written parts must keep up with the tables.
    const std::string toml = resolved_toml(parse(minimal));
    check_written(section(toml, "[run]"), run_params());
    check_written(section(toml, "[calibration]"), calibration_params());
    check_written(section(toml, "[globals]"), global_params());
    check_written(section(toml, "[population]"), population_params());
    check_written(section(toml, "[clouds.A]"), cloud_params());
    check_written(section(toml, "[vendors.X]"), vendor_params());
}

TEST_CASE("the loader accepts exactly the table's keys", "[parameters]") {
    // A key missing from the table is an unknown key; one in it is read.
    CHECK_THROWS_WITH(parse(with(minimal, "[clouds.A]\n", "[clouds.A]\nsilicon_share = 0.1\n")),
                      Contains("unknown key 'clouds.A.silicon_share'"));
    for (const auto& p : global_params()) {
        if (p.kind != ParamKind::number) continue;
        INFO("key " << p.key);
        const double x = other_number(p.range, Globals{}.*p.number);
        const Scenario s = parse(minimal + "\n[globals]\n" + p.key + " = " + format_number(x) + "\n");
        CHECK(s.globals.*p.number == x);
    }
}

TEST_CASE("set events may name exactly the table's settable keys, in their ranges",
          "[parameters]") {
    CHECK(settable_global_fields() == settable_keys(global_params()));
    CHECK(settable_cloud_fields() == settable_keys(cloud_params()));
    CHECK(settable_vendor_fields() == settable_keys(vendor_params()));
    CHECK(settable_cloud_fields().size() == 6);  // not target_share, silicon_fraction
    const Scenario s = parse(minimal);
    const auto check_scope = [&](const auto& params, const std::string& prefix) {
        for (const auto& p : params) {
            const std::string name = prefix + p.key;
            INFO("parameter " << name);
            const auto ref = find_parameter(s, name);
            CHECK(ref.has_value() == (p.is_settable() && p.kind == ParamKind::number));
            if (!p.is_settable() || p.kind != ParamKind::number) continue;
            const auto bad = outside(p.range);
            if (!bad) continue;
            const std::string event = "[[events]]\ndate = \"2025-03\"\nkind = \"set\"\nparameter = \"" +
                                      name + "\"\nvalue = " + format_number(*bad) + "\n";
            CHECK_THROWS_WITH(parse(with_events(event)),
                              Contains("x.toml:24:1: events[0].value: expected " + p.range.describe()));
        }
    };
    check_scope(global_params(), "globals.");
    check_scope(cloud_params(), "clouds.B.");
    check_scope(vendor_params(), "vendors.Y.");
}

TEST_CASE("schema tables list every key with its default and range", "[parameters]") {
    const std::string globals = schema_markdown("globals");
    for (const auto& p : global_params()) CHECK_THAT(globals, Contains(std::string("| `") + p.key + "` |"));
    CHECK_THAT(globals, Contains("| `review_rate` | r |"));
    CHECK_THAT(globals, Contains("| per tick | 0 | [0, 1] | yes |"));
    CHECK_THAT(globals, Contains("| `gpu_supply` | S₀ |"));
    CHECK_THAT(globals, Contains("| 10¹² | ≥ 0 | yes |"));
    CHECK_THAT(globals, Contains("| `lead_time` | L |"));
    CHECK_THAT(globals, Contains("| 1 | 1 .. 12000 | no |"));
    CHECK_THAT(globals, Contains("| `\"markup\"` | `\"markup\"`, `\"fixed\"` | no |"));
    CHECK_THAT(schema_markdown("clouds"), Contains("| **required** | > 0 | yes |"));
    CHECK_THAT(schema_markdown("vendors"), Contains("[−10⁶, 10⁶] ¹"));
    CHECK_THAT(schema_markdown("population"), Contains("lognormal, mean 1, sd 1"));
    for (const auto& scope : schema_scopes()) CHECK_FALSE(schema_markdown(scope).empty());
    CHECK_THROWS_WITH(schema_markdown("global"), Contains("unknown schema scope 'global'"));
}

TEST_CASE("schema blocks in a document are regenerated and checked", "[parameters]") {
    const std::string doc = "# Doc\n<!-- schema:run begin -->\nold table\n<!-- schema:run end -->\ntail\n";
    CHECK(stale_schema_tables(doc, "d.md") == std::vector<std::string>{"run"});
    const std::string updated = with_schema_tables(doc, "d.md");
    CHECK(updated == "# Doc\n<!-- schema:run begin -->\n" + schema_markdown("run") +
                         "<!-- schema:run end -->\ntail\n");
    CHECK(stale_schema_tables(updated, "d.md").empty());
    CHECK(with_schema_tables(updated, "d.md") == updated);
    CHECK_THROWS_WITH(with_schema_tables("<!-- schema:run begin -->\nx\n", "d.md"),
                      Contains("d.md:") && Contains("schema block 'run' is not closed"));
    CHECK_THROWS_WITH(with_schema_tables("<!-- schema:nope begin -->\n<!-- schema:nope end -->\n", "d.md"),
                      Contains("unknown schema scope 'nope'"));
    CHECK_THROWS_WITH(stale_schema_tables("# no markers\n", "d.md"), Contains("d.md: no schema blocks"));
    CHECK_THROWS_WITH(with_schema_tables("x\n<!-- schema:run end -->\n", "d.md"),
                      Contains("d.md:2: '<!-- schema:run end -->' without its begin"));
}

TEST_CASE("docs/SCENARIO.md's parameter tables are the generated ones", "[parameters]") {
    const std::string doc = read_file(MOATSIM_SOURCE_DIR "/docs/SCENARIO.md");
    CHECK(stale_schema_tables(doc, "docs/SCENARIO.md").empty());
    for (const auto& scope : schema_scopes())
        CHECK_THAT(doc, Contains("<!-- schema:" + scope + " begin -->"));
}
