#include "experiments/prior_reader.hpp"

#include <cmath>

#include "core/input_error.hpp"
#include "core/input_text.hpp"

namespace moatsim::detail {
namespace {

const std::vector<std::string> distribution_names = {"uniform", "normal", "lognormal",
                                                     "triangular"};

// The keys each distribution takes (besides key, distribution and source).
std::vector<std::string> allowed_keys(Prior::Kind kind) {
    std::vector<std::string> keys = {"key", "distribution", "source"};
    const std::vector<std::string> own =
        kind == Prior::Kind::uniform     ? std::vector<std::string>{"lower", "upper"}
        : kind == Prior::Kind::normal    ? std::vector<std::string>{"mean", "sd", "lower", "upper"}
        : kind == Prior::Kind::lognormal ? std::vector<std::string>{"median", "sigma", "lower", "upper"}
                                         : std::vector<std::string>{"lower", "mode", "upper"};
    keys.insert(keys.end(), own.begin(), own.end());
    return keys;
}

void require_order(const TableReader& t, double lower, double upper) {
    if (!(lower < upper))
        t.fail("upper", "expected lower < upper, got lower = " + format_number(lower) +
                            ", upper = " + format_number(upper));
}

Prior read_prior(const TableReader& t, Prior::Kind kind) {
    Prior p;
    p.kind = kind;
    const double inf = HUGE_VAL;
    switch (kind) {
        case Prior::Kind::uniform:
            p.a = t.require_number("lower", ranges::any);
            p.b = t.require_number("upper", ranges::any);
            require_order(t, p.a, p.b);
            break;
        case Prior::Kind::triangular:
            p.a = t.require_number("lower", ranges::any);
            p.b = t.require_number("upper", ranges::any);
            require_order(t, p.a, p.b);
            p.c = t.require_number("mode", Range{p.a, p.b, false, false});
            break;
        case Prior::Kind::normal:
        case Prior::Kind::lognormal: {
            const bool normal = kind == Prior::Kind::normal;
            p.a = t.require_number(normal ? "mean" : "median",
                                   normal ? ranges::any : ranges::positive);
            p.b = t.require_number(normal ? "sd" : "sigma", ranges::positive);
            p.lower = t.number("lower", -inf, ranges::any);
            p.upper = t.number("upper", inf, ranges::any);
            if (t.find("lower") && t.find("upper")) require_order(t, p.lower, p.upper);
            if (!(p.mass() > 1e-9))
                t.fail(t.find("lower") ? "lower" : "upper",
                       "the truncation interval [" + format_number(p.lower) + ", " +
                           format_number(p.upper) + "] holds almost none of " + p.describe() +
                           "'s probability");
            break;
        }
    }
    return p;
}

}  // namespace

std::vector<PriorParameter> read_prior_parameters(const TomlSource& src, const TableReader& root,
                                                  const std::filesystem::path& base,
                                                  const ScenarioOverrides& overrides) {
    const toml::array* params = root.array("parameters");
    if (!params || params->empty())
        root.fail("parameters", "expected at least one [[parameters]] table with a key and a "
                                "distribution");
    std::vector<PriorParameter> out;
    for (std::size_t i = 0; i < params->size(); ++i) {
        const std::string path = "parameters[" + std::to_string(i) + "]";
        const toml::node& node = *params->get(i);
        const toml::table& table = read_table(src, node, {path, &node.source()});
        const toml::node* d = table.get("distribution");
        if (!d) src.fail({path, &table.source()}, "required key 'distribution' is missing "
                         "(expected one of " + join(distribution_names) + ")");
        const auto kind = static_cast<Prior::Kind>(
            read_choice(src, *d, {path + ".distribution", &d->source()}, distribution_names));
        const TableReader t(src, table, path, allowed_keys(kind),
                            " for distribution '" + distribution_names[static_cast<int>(kind)] + "'");
        PriorParameter p;
        p.key = t.require_string("key");
        check_name(src, p.key, t.site("key"), "parameter key");
        if (p.key.rfind("run.", 0) == 0 || p.key == "population.enterprises")
            t.fail("key", "'" + shown(p.key) + "' is a run setting, not a model parameter; set "
                          "it at the top level of the file or on the command line");
        for (const auto& seen : out)
            if (seen.key == p.key) t.fail("key", "'" + shown(p.key) + "' is listed twice");
        p.source = t.string("source", "");
        check_free_text(src, p.source, t.site("source"));
        p.prior = read_prior(t, kind);
        // The extremes a sample can reach must be accepted by the scenario, and a value
        // between them (not a whole number, so that an integer key such as lead_time, which
        // no continuous prior can sample, fails here rather than at its first evaluation);
        // combinations are checked when their evaluation starts.
        for (const double u : {0.0, 1.0, interior_probe}) {
            const double value = p.prior.quantile(u);
            try {
                (void)load_scenario(base, overrides, {{p.key, value}});
            } catch (const InputError& e) {
                t.fail("key", "'" + shown(p.key) + "' = " + format_number(value) + " (the " +
                                  (u == 0.0 ? "lowest" : u == 1.0 ? "highest" : "interior") + " value " + p.prior.describe() +
                                  " gives) cannot be set on the base scenario " + base.string() +
                                  ": " + e.what());
            }
        }
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace moatsim::detail
