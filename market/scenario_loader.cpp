#include "market/scenario_loader.hpp"

#include <algorithm>
#include <cmath>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/input_error.hpp"
#include "core/input_text.hpp"
#include "agents/population.hpp"
#include "market/result_memory.hpp"
#include "market/scenario_fields.hpp"
#include "market/scenario_inheritance.hpp"
#include "market/toml_reader.hpp"

namespace moatsim {
namespace {

using namespace detail;

constexpr double sum_tolerance = 1e-6;

std::string sum_text(double sum) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", sum);
    return buf;
}

std::string entity_name(const TomlSource& src, std::string_view name, const Site& site,
                        const char* what) {
    if (name.empty()) src.fail(site, std::string(what) + " names must not be empty");
    check_name(src, name, site, std::string(what) + " name");
    if (name.find('.') != std::string_view::npos)
        src.fail(site, std::string(what) + " name '" + shown(name) + "' must not contain '.'");
    return std::string(name);
}

/// The entity tables under `clouds` or `vendors`, in toml++'s (sorted) order.
std::vector<std::pair<std::string, const toml::table*>> entities(
    const TomlSource& src, const TableReader& root, const char* key, const char* what,
    std::size_t min_count, std::size_t max_count) {
    const toml::table* all = root.subtable(key);
    if (!all)
        root.fail(key, "required table is missing (one [" + std::string(key) + ".<name>] per " +
                           what + ")");
    if (all->size() < min_count || all->size() > max_count)
        src.fail(root.site(key), "expected " + std::to_string(min_count) + " to " +
                                     std::to_string(max_count) + " " + key + ", got " +
                                     std::to_string(all->size()));
    std::vector<std::pair<std::string, const toml::table*>> out;
    for (const auto& [name, node] : *all) {
        const Site site{std::string(key) + "." + std::string(name.str()), &name.source()};
        out.emplace_back(entity_name(src, name.str(), site, what), &read_table(src, node, site));
    }
    return out;
}

void read_cloud(const TomlSource& src, const toml::table& table, const Scenario& s,
                CloudSpec& c) {
    const TableReader t(src, table, "clouds." + c.name, keys_of(cloud_params()));
    read_params(t, cloud_params(), c);
    const std::size_t M = s.vendors.size();
    c.offers.assign(M, 0);
    c.port.assign(M, 0.0);
    if (const toml::array* catalog = t.array("catalog")) {
        for (std::size_t j = 0; j < catalog->size(); ++j) {
            const toml::node& entry = *catalog->get(j);
            const Site site{t.key_path("catalog") + "[" + std::to_string(j) + "]", &entry.source()};
            const std::string name = read_string(src, entry, site);
            const int m = s.vendor_index(name);
            if (m < 0) src.fail(site, unknown_name("vendor", name, s));
            if (c.offers[m]) src.fail(site, "vendor '" + name + "' is listed twice");
            c.offers[m] = 1;
        }
    }
    if (const toml::table* port = t.subtable("port")) {
        for (const auto& [key, value] : *port) {
            const Site site{t.key_path("port") + "." + std::string(key.str()), &key.source()};
            const int m = s.vendor_index(key.str());
            if (m < 0) src.fail(site, unknown_name("vendor", key.str(), s));
            c.port[m] = read_number(src, value, site, ranges::unit);
        }
    }
}

void read_vendor(const TomlSource& src, const toml::table& table, const Scenario& s,
                 VendorSpec& v) {
    const TableReader t(src, table, "vendors." + v.name, keys_of(vendor_params()));
    read_params(t, vendor_params(), v);
    v.training_split = read_cloud_shares(
        src, t.require("training_split", "a table {<cloud> = share} summing to 1"),
        t.site("training_split"), s);
}

void read_run(const TomlSource& src, const TableReader& root, const ScenarioOverrides& o,
              RunSettings& run) {
    static const toml::table empty;
    const toml::table* table = root.subtable("run");
    const TableReader t(src, table ? *table : empty, "run", keys_of(run_params()));
    // An override replaces the file's value, so the file's value is not read at all.
    const auto overridden = [&](const char* key, const char* option, auto value) {
        const Param<RunSettings>& p = *find_param(run_params(), key);
        if (value < p.lo || value > p.hi)
            src.fail({"run." + std::string(key) + " (set by " + option + ")", nullptr},
                     "expected an integer in [" + std::to_string(p.lo) + ", " +
                         std::to_string(p.hi) + "], got " + std::to_string(value));
        return value;
    };
    std::vector<std::string_view> overridden_keys;
    if (o.seed) overridden_keys.push_back("seed");
    if (o.ticks) overridden_keys.push_back("ticks");
    if (o.replicates) overridden_keys.push_back("replicates");
    if (o.mode) overridden_keys.push_back("mode");
    if (o.kernel) overridden_keys.push_back("kernel");
    read_params(t, run_params(), run, overridden_keys);
    if (o.seed) {
        if (*o.seed > static_cast<std::uint64_t>(int64_max))
            src.fail({"run.seed (set by --seed)", nullptr},
                     "expected an integer in [0, " + std::to_string(int64_max) +
                         "] (a TOML integer, so the resolved scenario can store it), got " +
                         std::to_string(*o.seed));
        run.seed = *o.seed;
    }
    if (o.ticks) run.ticks = overridden("ticks", "--ticks", *o.ticks);
    if (o.replicates) run.replicates = overridden("replicates", "--reps", *o.replicates);
    if (o.mode) run.mode = *o.mode;
    if (o.kernel) run.kernel = *o.kernel;
}

void read_globals(const TomlSource& src, const TableReader& root, Globals& g) {
    const toml::table* table = root.subtable("globals");
    if (!table) return;
    const TableReader t(src, *table, "globals", keys_of(global_params()));
    read_params(t, global_params(), g);
    if (g.lerner_min > g.lerner_max)
        t.fail("lerner_min", "expected lerner_min <= lerner_max (" + format_number(g.lerner_max) +
                                 "), got " + format_number(g.lerner_min));
}

Distribution read_distribution(const TomlSource& src, const TableReader& pop, const char* key,
                               const Range& value_range, Distribution fallback) {
    const toml::node* node = pop.find(key);
    if (!node) return fallback;
    const std::string path = pop.key_path(key);
    const toml::table& table = read_table(src, *node, pop.site(key));
    const toml::node* dist = table.get("dist");
    if (!dist)
        pop.fail(key, "required key 'dist' is missing (expected 'constant', 'lognormal' or 'pareto')");
    const Site dist_site{path + ".dist", &table.find("dist")->first.source()};
    Distribution d;
    d.kind = static_cast<Distribution::Kind>(
        read_choice(src, *dist, dist_site, {"constant", "lognormal", "pareto"}));
    switch (d.kind) {
        case Distribution::Kind::constant: {
            const TableReader t(src, table, path, {"dist", "value"}, " for dist 'constant'");
            d.mean = t.require_number("value", value_range);
            break;
        }
        case Distribution::Kind::lognormal: {
            const TableReader t(src, table, path, {"dist", "mean", "sd"}, " for dist 'lognormal'");
            d.mean = t.require_number("mean", ranges::positive);
            d.sd = t.require_number("sd", ranges::non_negative);
            break;
        }
        case Distribution::Kind::pareto: {
            const TableReader t(src, table, path, {"dist", "shape"}, " for dist 'pareto'");
            d.shape = t.require_number("shape", ranges::positive);
            break;
        }
    }
    return d;
}

void read_population(const TomlSource& src, const TableReader& root, const ScenarioOverrides& o,
                     Scenario& s) {
    static const toml::table empty;
    const toml::table* table = root.subtable("population");
    const TableReader t(src, table ? *table : empty, "population", keys_of(population_params()));
    PopulationSpec& p = s.population;
    const Site enterprises_site =
        o.enterprises ? Site{"population.enterprises (set by --enterprises)", nullptr}
                      : t.site("enterprises");
    if (o.enterprises) {
        if (*o.enterprises < 1)
            src.fail(enterprises_site, "expected an integer >= 1, got " + std::to_string(*o.enterprises));
        p.enterprises = *o.enterprises;
    } else {
        read_param(t, *find_param(population_params(), "enterprises"), p);
    }
    // Refused here, before anything is allocated, rather than as bad_alloc mid-run.
    const auto share = static_cast<std::uint64_t>(std::max(o.partitions, 1));
    const auto held = (static_cast<std::uint64_t>(p.enterprises) + share - 1) / share;
    const std::string memory = population_memory_problem(held, s.vendors.size(), false);
    if (!memory.empty()) src.fail(enterprises_site, memory);
    read_params(t, population_params(), p, {"enterprises"});
    // Sizes are scaled to the market size, so a constant size must be positive.
    p.size = read_distribution(src, t, "size", ranges::positive, p.size);
    p.price_sensitivity =
        read_distribution(src, t, "price_sensitivity", ranges::non_negative, p.price_sensitivity);
    p.quality_sensitivity = read_distribution(src, t, "quality_sensitivity",
                                              ranges::non_negative, p.quality_sensitivity);
    p.lock_in_fear = read_distribution(src, t, "lock_in_fear", ranges::non_negative, p.lock_in_fear);
    if (const toml::node* home = t.find("home_cloud")) {
        p.home_cloud = read_cloud_shares(src, *home, t.site("home_cloud"), s);
    } else {
        p.home_cloud.clear();
        for (const auto& c : s.clouds) p.home_cloud.push_back(c.target_share);
    }
}

void read_clouds_and_vendors(const TomlSource& src, const TableReader& root, Scenario& s) {
    const auto cloud_tables = entities(src, root, "clouds", "cloud", 2, 16);
    const auto vendor_tables = entities(src, root, "vendors", "vendor", 1, 32);
    // Names first: catalogs name vendors and training splits name clouds.
    for (const auto& [name, table] : cloud_tables) s.clouds.emplace_back().name = name;
    for (const auto& [name, table] : vendor_tables) s.vendors.emplace_back().name = name;
    for (std::size_t k = 0; k < s.clouds.size(); ++k)
        read_cloud(src, *cloud_tables[k].second, s, s.clouds[k]);
    for (std::size_t m = 0; m < s.vendors.size(); ++m)
        read_vendor(src, *vendor_tables[m].second, s, s.vendors[m]);
    double sum = 0.0;
    for (const auto& c : s.clouds) sum += c.target_share;
    if (std::abs(sum - 1.0) > sum_tolerance)
        src.fail({"clouds", nullptr},
                 "target_share values sum to " + sum_text(sum) + ", expected 1 (+-1e-6)");
}

Scenario parse_table(const TomlSource& src, const toml::table& doc, const ScenarioOverrides& o) {
    Scenario s;
    // base, calibrate and drop_events were consumed by inheritance; listed for messages.
    const TableReader root(src, doc, "", keys_of(top_level_params()));
    s.name = root.require_string("name");
    if (s.name.empty() || s.name.find('/') != std::string::npos || s.name == "." || s.name == "..")
        root.fail("name", "expected a non-empty name without '/' (it names the output directory), "
                          "got \"" + shown(s.name) + "\"");
    check_name(src, s.name, root.site("name"), "scenario name");
    s.description = root.string("description", "");
    check_free_text(src, s.description, root.site("description"));
    s.start = root.require_year_month("start");
    read_run(src, root, o, s.run);
    // Dates print as YYYY-MM: a horizon past 9999-12 would print as "10001-12".
    if (s.start.plus_months(s.run.ticks).year > 9999)
        src.fail({o.ticks ? "run.ticks (set by --ticks)" : "run.ticks", o.ticks ? nullptr : root.site("start").where},
                 "start " + s.start.to_string() + " + " + std::to_string(s.run.ticks) +
                     " months ends after 9999-12; expected a horizon ending by 9999-12 (at most " +
                     std::to_string(YearMonth{9999, 12}.months_since(s.start)) + " ticks)");
    if (const toml::table* cal = root.subtable("calibration")) {
        const TableReader t(src, *cal, "calibration", keys_of(calibration_params()));
        read_params(t, calibration_params(), s);
    }
    read_globals(src, root, s.globals);
    read_clouds_and_vendors(src, root, s);
    // Refused before anything runs, rather than as bad_alloc once the replicates are stored.
    if (const std::string memory = results_memory_problem(
            static_cast<std::uint64_t>(s.run.replicates), s.run.ticks, s.clouds.size(),
            s.vendors.size());
        !memory.empty())
        src.fail({o.replicates ? "run.replicates (set by --reps)" : "run.replicates",
                  o.replicates ? nullptr : root.site("run").where},
                 memory);
    read_population(src, root, o, s);
    if (const toml::array* events = root.array("events")) read_events(src, *events, s);
    return s;
}

// Writes one setting into the document, creating missing tables on the way.
void set_key(toml::table& doc, const KeySetting& setting, const std::string& file) {
    const auto fail = [&](const std::string& what) {
        throw InputError(shown(file, 1024) + ": " + shown(setting.key) + ": " + what);
    };
    toml::table* table = &doc;
    std::string_view rest = setting.key;
    for (;;) {
        const auto dot = rest.find('.');
        const std::string part(rest.substr(0, dot));
        if (part.empty()) fail("expected a dotted key such as clouds.AWS.price");
        if (dot == std::string_view::npos) {
            const toml::node* old = table->get(part);
            if (old && (old->is_table() || old->is_array()))
                fail("names a table or an array, not a number");
            const double v = setting.value;
            if (old && old->is_integer() && std::floor(v) == v && std::abs(v) < 9.0e15)
                table->insert_or_assign(part, static_cast<std::int64_t>(v));
            else
                table->insert_or_assign(part, v);
            return;
        }
        toml::node* next = table->get(part);
        if (!next) next = &table->insert_or_assign(part, toml::table{}).first->second;
        if (!next->is_table()) fail("'" + shown(part) + "' is a value, not a table");
        table = next->as_table();
        rest.remove_prefix(dot + 1);
    }
}

}  // namespace

std::vector<double> detail::read_cloud_shares(const TomlSource& src, const toml::node& node,
                                              const Site& site, const Scenario& s) {
    const toml::table& t = read_table(src, node, site);
    std::vector<double> shares(s.clouds.size(), 0.0);
    double sum = 0.0;
    for (const auto& [key, value] : t) {
        const Site entry{site.key + "." + std::string(key.str()), &key.source()};
        const int k = s.cloud_index(key.str());
        if (k < 0) src.fail(entry, unknown_name("cloud", key.str(), s));
        shares[k] = read_number(src, value, entry, ranges::unit);
        sum += shares[k];
    }
    if (std::abs(sum - 1.0) > sum_tolerance)
        src.fail(site, "shares sum to " + sum_text(sum) + ", expected 1 (+-1e-6)");
    return shares;
}

Scenario parse_scenario(std::string_view toml_text, std::string_view source_name,
                        const ScenarioOverrides& overrides) {
    const std::string name(source_name);
    const std::filesystem::path file(name);
    InheritedDocument merged = resolve_inheritance(parse_toml(toml_text, name), file);
    Scenario s = parse_table(TomlSource{name}, merged.doc, overrides);
    s.source = file;
    s.bases = std::move(merged.bases);
    s.calibrate_on_base = merged.calibrate_on_base;
    return s;
}

Scenario load_scenario(const std::filesystem::path& file, const ScenarioOverrides& overrides) {
    return load_scenario(file, overrides, {});
}

Scenario load_scenario(const std::filesystem::path& file, const ScenarioOverrides& overrides,
                       const std::vector<KeySetting>& settings) {
    const std::string name = file.string();
    InheritedDocument merged =
        resolve_inheritance(parse_toml(read_text_file(file, "scenario file"), name), file);
    for (const KeySetting& setting : settings) set_key(merged.doc, setting, name);
    Scenario s = parse_table(TomlSource{name}, merged.doc, overrides);
    s.source = file;
    s.bases = std::move(merged.bases);
    s.calibrate_on_base = merged.calibrate_on_base;
    return s;
}

}  // namespace moatsim
