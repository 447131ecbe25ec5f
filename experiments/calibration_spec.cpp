#include "experiments/calibration_spec.hpp"
#include "experiments/prior.hpp"

#include "core/input_error.hpp"
#include "core/input_text.hpp"
#include "market/scenario_inheritance.hpp"
#include "market/toml_reader.hpp"

namespace moatsim {
namespace {

using namespace detail;

FreeParameter read_free_parameter(const TomlSource& src, const toml::node& node, std::size_t i) {
    const std::string path = "parameters[" + std::to_string(i) + "]";
    const TableReader t(src, read_table(src, node, {path, &node.source()}), path,
                        {"name", "key", "keys", "lower", "upper", "scale"});
    FreeParameter p;
    if (t.find("key") && t.find("keys")) t.fail("keys", "give either key or keys, not both");
    if (t.find("keys")) {
        const toml::array& a = read_array(src, *t.find("keys"), t.site("keys"));
        for (std::size_t j = 0; j < a.size(); ++j)
            p.keys.push_back(read_name(src, *a.get(j), {t.key_path("keys") + "[" + std::to_string(j) + "]",
                                                        &a.get(j)->source()}, "parameter key"));
        if (p.keys.empty()) t.fail("keys", "expected at least one dotted scenario key");
    } else {
        p.keys.push_back(read_name(src, t.require("key", "a dotted scenario key"), t.site("key"),
                                   "parameter key"));
    }
    p.name = t.find("name") ? read_name(src, *t.find("name"), t.site("name"), "parameter name")
                            : p.keys.front();
    p.lower = t.require_number("lower", ranges::any);
    p.upper = t.require_number("upper", ranges::any);
    if (!(p.lower < p.upper))
        t.fail("upper", "expected upper > lower (" + format_number(p.lower) + "), got " +
                            format_number(p.upper));
    p.scale = t.require_number("scale", ranges::positive);
    return p;
}

// Each key at both bounds and between them must be accepted by the scenario, so that an
// unknown, non-numeric, integer or out-of-range key is reported against the calibration
// file before any run.
void probe_keys(const TomlSource& src, const toml::array& params, const CalibrationSpec& s) {
    for (std::size_t i = 0; i < s.parameters.size(); ++i) {
        const FreeParameter& p = s.parameters[i];
        for (const std::string& key : p.keys)
            for (const double v : {p.lower, p.upper, p.lower + (p.upper - p.lower) * interior_probe}) {
                try {
                    (void)load_scenario(s.scenario, s.overrides, {{key, v}});
                } catch (const InputError& e) {
                    src.fail({"parameters[" + std::to_string(i) + "]", &params.get(i)->source()},
                             "'" + shown(key) + "' = " + format_number(v) +
                                 " cannot be set on the scenario: " + e.what());
                }
            }
        for (std::size_t j = 0; j < i; ++j)
            for (const auto& a : s.parameters[j].keys)
                for (const auto& b : p.keys)
                    if (a == b)
                        src.fail({"parameters[" + std::to_string(i) + "]", &params.get(i)->source()},
                                 "'" + shown(b) + "' is already fitted by parameters[" +
                                     std::to_string(j) + "]");
    }
}

}  // namespace

CalibrationSpec load_calibration(const std::filesystem::path& file) {
    const TomlSource src{file.string()};
    const toml::table doc = parse_toml(read_text_file(file, "calibration file"), file.string());
    const TableReader root(src, doc, "",
                           {"name", "description", "scenario", "data", "fit_until", "enterprises",
                            "seed", "objective", "optimizer", "uncertainty", "parameters"});
    CalibrationSpec s;
    s.source = file;
    s.name = root.require_string("name");
    if (s.name.empty() || s.name.find('/') != std::string::npos || s.name == "." || s.name == "..")
        root.fail("name", "expected a non-empty name without '/' (it names the output directory)");
    check_name(src, s.name, root.site("name"), "calibration name");
    check_free_text(src, root.string("description", ""), root.site("description"));
    s.scenario = file.parent_path() / root.require_string("scenario");
    s.data = file.parent_path() / root.require_string("data");
    if (root.find("fit_until")) s.fit_until = read_year_month(src, *root.find("fit_until"), root.site("fit_until"));
    s.overrides.enterprises = root.integer("enterprises", 2000, 1, int64_max);
    s.overrides.mode = Mode::expected;
    s.overrides.replicates = 1;
    s.seed = static_cast<std::uint64_t>(root.integer("seed", 1, 0, int64_max));

    if (const toml::table* o = root.subtable("objective")) {
        const TableReader t(src, *o, "objective", {"switching_target", "switching_band"});
        s.switching_target = t.number("switching_target", s.switching_target, ranges::unit);
        s.switching_band = t.number("switching_band", s.switching_band, ranges::positive);
    }
    if (const toml::table* o = root.subtable("optimizer")) {
        const TableReader t(src, *o, "optimizer",
                            {"starts", "global_evaluations", "local_evaluations", "tolerance"});
        s.starts = static_cast<int>(t.integer("starts", s.starts, 1, 1000));
        s.global_evaluations = static_cast<int>(t.integer("global_evaluations", s.global_evaluations, 0, 10'000'000));
        s.local_evaluations = static_cast<int>(t.integer("local_evaluations", s.local_evaluations, 1, 10'000'000));
        s.tolerance = t.number("tolerance", s.tolerance, ranges::positive);
    }
    if (const toml::table* o = root.subtable("uncertainty")) {
        const TableReader t(src, *o, "uncertainty", {"method", "points", "evaluations"});
        (void)t.choice("method", 0, {"profile"});
        s.profile_points = static_cast<int>(t.integer("points", s.profile_points, 2, 1000));
        s.profile_evaluations = static_cast<int>(t.integer("evaluations", s.profile_evaluations, 1, 10'000'000));
    }
    const toml::array* params = root.array("parameters");
    if (!params || params->empty())
        root.fail("parameters", "expected at least one [[parameters]] table with a key");
    for (std::size_t i = 0; i < params->size(); ++i)
        s.parameters.push_back(read_free_parameter(src, *params->get(i), i));
    probe_keys(src, *params, s);
    return s;
}

std::vector<KeySetting> calibration_settings(const CalibrationSpec& spec,
                                             const std::vector<double>& values) {
    std::vector<KeySetting> out;
    for (std::size_t p = 0; p < spec.parameters.size(); ++p)
        for (const auto& key : spec.parameters[p].keys) out.push_back({key, values[p]});
    return out;
}

}  // namespace moatsim
