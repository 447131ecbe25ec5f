#include "experiments/sweep_spec.hpp"
#include "experiments/prior.hpp"

#include <numeric>

#include "core/input_error.hpp"
#include "core/input_text.hpp"
#include "agents/rng.hpp"
#include "market/scenario_inheritance.hpp"
#include "market/toml_reader.hpp"
#include "experiments/run_overrides_reader.hpp"

namespace moatsim {
namespace {

using namespace detail;

constexpr std::int64_t max_runs = 1'000'000;

std::vector<double> read_numbers(const TomlSource& src, const toml::node& node, const Site& site) {
    const toml::array& a = read_array(src, node, site);
    std::vector<double> out;
    for (std::size_t i = 0; i < a.size(); ++i)
        out.push_back(read_number(src, *a.get(i), {site.key + "[" + std::to_string(i) + "]",
                                                   &a.get(i)->source()}, ranges::any));
    return out;
}

SweepParameter read_parameter(const TomlSource& src, const toml::node& node, std::size_t i,
                              SweepSpec::Design design) {
    const std::string path = "parameters[" + std::to_string(i) + "]";
    const TableReader t(src, read_table(src, node, {path, &node.source()}), path,
                        {"key", design == SweepSpec::Design::grid ? "values" : "range"},
                        design == SweepSpec::Design::grid ? " for design 'grid'"
                                                          : " for design 'lhs'");
    SweepParameter p;
    p.key = t.require_string("key");
    check_name(src, p.key, t.site("key"), "parameter key");
    if (design == SweepSpec::Design::grid) {
        p.values = read_numbers(src, t.require("values", "an array of numbers"), t.site("values"));
        if (p.values.empty()) t.fail("values", "expected at least one value, got an empty array");
    } else {
        const auto range = read_numbers(src, t.require("range", "[low, high]"), t.site("range"));
        if (range.size() != 2 || !(range[0] < range[1]))
            t.fail("range", "expected [low, high] with low < high (a non-empty range), got " +
                                std::to_string(range.size()) + " value(s)" +
                                (range.size() == 2 ? " " + format_number(range[0]) + ", " +
                                                         format_number(range[1])
                                                   : ""));
        p.lo = range[0];
        p.hi = range[1];
    }
    return p;
}

}  // namespace

std::vector<KeySetting> SweepRun::settings(const SweepSpec& spec) const {
    std::vector<KeySetting> out;
    for (std::size_t p = 0; p < spec.parameters.size(); ++p)
        out.push_back({spec.parameters[p].key, values[p]});
    return out;
}

SweepSpec load_sweep(const std::filesystem::path& file, const ScenarioOverrides& command_line) {
    const TomlSource src{file.string()};
    const toml::table doc = parse_toml(read_text_file(file, "sweep file"), file.string());
    const TableReader root(src, doc, "",
                           {"name", "description", "base", "calibrate", "replicates", "seed",
                            "ticks", "enterprises", "mode", "kernel", "metrics", "design",
                            "parameters", "replicate_values"});
    SweepSpec s;
    s.source = file;
    s.name = root.require_string("name");
    if (s.name.empty() || s.name.find('/') != std::string::npos || s.name == "." || s.name == "..")
        root.fail("name", "expected a non-empty name without '/' (it names the output directory)");
    check_name(src, s.name, root.site("name"), "sweep name");
    check_free_text(src, root.string("description", ""), root.site("description"));
    s.base = file.parent_path() / root.require_string("base");
    s.calibrate_on_base = root.choice("calibrate", 0, {"base", "self"}) == 0;

    if (const toml::node* r = root.find("replicate_values")) {
        if (!r->is_boolean()) root.fail("replicate_values", "expected true or false, got " + describe_value(*r));
        s.replicate_values = r->as_boolean()->get();
    }
    s.overrides = read_run_overrides(root, command_line);
    const ScenarioOverrides& o = s.overrides;

    if (const toml::node* m = root.find("metrics")) {
        const toml::array& a = read_array(src, *m, root.site("metrics"));
        s.metrics.clear();
        for (std::size_t i = 0; i < a.size(); ++i) {
            const Site site{"metrics[" + std::to_string(i) + "]", &a.get(i)->source()};
            const auto metric = parse_metric(read_string(src, *a.get(i), site));
            if (!metric) src.fail(site, "expected one of " + metric_names());
            for (const Metric seen : s.metrics)
                if (seen == *metric)
                    src.fail(site, "'" + std::string(metric_name(seen)) + "' is listed twice");
            s.metrics.push_back(*metric);
        }
        if (s.metrics.empty()) root.fail("metrics", "expected at least one metric");
    }

    const toml::table* design = root.subtable("design");
    if (!design) root.fail("design", "required table is missing (expected kind = \"grid\" or \"lhs\")");
    const TableReader d(src, *design, "design", {"kind", "samples", "seed"});
    s.design = static_cast<SweepSpec::Design>(d.require_choice("kind", {"grid", "lhs"}));
    if (s.design == SweepSpec::Design::lhs) {
        s.samples = static_cast<int>(d.integer("samples", 0, 1, max_runs));
        if (!d.find("samples")) d.fail("samples", "required for design 'lhs' (an integer >= 1)");
        s.design_seed = static_cast<std::uint64_t>(d.integer("seed", 1, 0, int64_max));
    } else if (d.find("samples") || d.find("seed")) {
        d.fail(d.find("samples") ? "samples" : "seed", "only design 'lhs' takes it");
    }

    const toml::array* params = root.array("parameters");
    if (!params || params->empty())
        root.fail("parameters", "expected at least one [[parameters]] table with a key");
    std::int64_t runs = 1;
    for (std::size_t i = 0; i < params->size(); ++i) {
        s.parameters.push_back(read_parameter(src, *params->get(i), i, s.design));
        if (s.design == SweepSpec::Design::grid) {
            runs *= static_cast<std::int64_t>(s.parameters.back().values.size());
            if (runs > max_runs) root.fail("parameters", "the grid has more than 1000000 runs");
        }
        for (std::size_t j = 0; j < i; ++j)
            if (s.parameters[j].key == s.parameters.back().key)
                src.fail({"parameters[" + std::to_string(i) + "].key", &params->get(i)->source()},
                         "'" + shown(s.parameters[j].key) + "' is already swept by parameters[" +
                             std::to_string(j) + "]");
    }

    // Every key must name a settable scenario value, and every value (grid) or both ends of
    // the range and a value between them (lhs: not a whole number, so an integer key fails
    // here) must be accepted: try each on the base scenario, one at a time, so the error
    // names the sweep file's parameter. Combinations are checked when their run starts.
    for (std::size_t i = 0; i < s.parameters.size(); ++i) {
        const SweepParameter& p = s.parameters[i];
        const std::vector<double> probes =
            s.design == SweepSpec::Design::grid
                ? p.values
                : std::vector<double>{p.lo, p.hi, p.lo + (p.hi - p.lo) * interior_probe};
        for (const double probe : probes) {
            try {
                (void)load_scenario(s.base, o, {{p.key, probe}});
            } catch (const InputError& e) {
                const toml::table& t = *params->get(i)->as_table();
                src.fail({"parameters[" + std::to_string(i) + "]", &t.source()},
                         "'" + shown(p.key) + "' = " + format_number(probe) +
                             " cannot be set on the base scenario: " + e.what());
            }
        }
        // A swept run setting that the command line also sets would be silently overridden.
        const std::pair<const char*, bool> run_keys[] = {
            {"population.enterprises", o.enterprises.has_value()},
            {"run.replicates", o.replicates.has_value()},
            {"run.seed", o.seed.has_value()},
            {"run.ticks", o.ticks.has_value()}};
        for (const auto& [key, overridden] : run_keys)
            if (p.key == key && overridden)
                src.fail({"parameters[" + std::to_string(i) + "].key", &params->get(i)->source()},
                         "'" + shown(p.key) + "' is swept, so the sweep file's top-level setting or command-line option for it "
                         "must be left out (it would override every run's value)");
    }
    return s;
}

std::vector<SweepRun> expand_design(const SweepSpec& spec) {
    std::vector<SweepRun> runs;
    const std::size_t P = spec.parameters.size();
    if (spec.design == SweepSpec::Design::grid) {
        std::vector<std::size_t> at(P, 0);
        for (int index = 0;; ++index) {
            SweepRun r{index, {}};
            for (std::size_t p = 0; p < P; ++p) r.values.push_back(spec.parameters[p].values[at[p]]);
            runs.push_back(std::move(r));
            std::size_t p = P;  // odometer: the last parameter turns fastest
            while (p > 0 && ++at[p - 1] == spec.parameters[p - 1].values.size()) at[--p] = 0;
            if (p == 0) return runs;
        }
    }
    const auto n = static_cast<std::size_t>(spec.samples);
    for (std::size_t i = 0; i < n; ++i) runs.push_back({static_cast<int>(i), std::vector<double>(P)});
    for (std::size_t p = 0; p < P; ++p) {
        std::vector<std::size_t> stratum(n);
        std::iota(stratum.begin(), stratum.end(), std::size_t{0});
        for (std::size_t i = n; i > 1; --i) {  // Fisher-Yates on counter-based draws
            const double u = uniforms4(spec.design_seed, p, i, 0, Purpose::design)[0];
            const auto j = std::min(i - 1, static_cast<std::size_t>(u * static_cast<double>(i)));
            std::swap(stratum[i - 1], stratum[j]);
        }
        const SweepParameter& par = spec.parameters[p];
        for (std::size_t i = 0; i < n; ++i) {
            const double u = uniforms4(spec.design_seed, p, i, 1, Purpose::design)[0];
            const double x = (static_cast<double>(stratum[i]) + u) / static_cast<double>(n);
            runs[i].values[p] = par.lo + (par.hi - par.lo) * std::min(x, 1.0);
        }
    }
    return runs;
}

}  // namespace moatsim
