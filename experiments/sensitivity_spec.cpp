#include "experiments/sensitivity_spec.hpp"

#include "core/input_error.hpp"
#include "core/input_text.hpp"
#include "experiments/output_reader.hpp"
#include "experiments/prior_reader.hpp"
#include "experiments/run_overrides_reader.hpp"
#include "market/scenario_inheritance.hpp"
#include "market/toml_reader.hpp"

namespace moatsim {
namespace {

using namespace detail;

void read_method(const TomlSource& src, const TableReader& root, SensitivitySpec& s) {
    const toml::table* method = root.subtable("method");
    if (!method) root.fail("method", "required table is missing (expected kind = \"sobol\" or \"morris\")");
    const toml::node* kind = method->get("kind");
    if (!kind) src.fail({"method", &method->source()}, "required key 'kind' is missing (expected \"sobol\" or \"morris\")");
    s.method = static_cast<SensitivitySpec::Method>(
        read_choice(src, *kind, {"method.kind", &kind->source()}, {"sobol", "morris"}));
    const bool sobol = s.method == SensitivitySpec::Method::sobol;
    const TableReader m(src, *method, "method",
                        sobol ? std::vector<std::string>{"kind", "samples", "seed", "bootstrap", "confidence"}
                              : std::vector<std::string>{"kind", "samples", "seed", "levels"},
                        sobol ? " for kind 'sobol'" : " for kind 'morris'");
    if (!m.find("samples"))
        m.fail("samples", sobol ? "required: the base sample size N (N x (parameters + 2) evaluations)"
                                : "required: the number of trajectories r (r x (parameters + 1) evaluations)");
    s.samples = static_cast<int>(m.integer("samples", 0, sobol ? 2 : 1, 1'000'000));
    s.seed = static_cast<std::uint64_t>(m.integer("seed", 1, 0, int64_max));
    if (sobol) {
        s.bootstrap = static_cast<int>(m.integer("bootstrap", 500, 0, 100'000));
        s.confidence = m.number("confidence", 0.95, Range{0.0, 1.0, true, true});
    } else {
        s.levels = static_cast<int>(m.integer("levels", 4, 2, 1000));
        if (s.levels % 2 != 0) m.fail("levels", "expected an even number of levels (so every step is the same size)");
    }
}

}  // namespace

std::string ModelOutput::label() const {
    return std::string(metric_name(metric)) + ":" + cloud + "@" + std::to_string(tick);
}

SensitivitySpec load_sensitivity(const std::filesystem::path& file,
                                 const ScenarioOverrides& command_line) {
    const TomlSource src{file.string()};
    const toml::table doc = parse_toml(read_text_file(file, "sensitivity file"), file.string());
    std::vector<std::string> keys = {"name", "description", "base", "alternative", "calibrate",
                                     "method", "outputs", "parameters"};
    keys.insert(keys.end(), run_override_keys.begin(), run_override_keys.end());
    const TableReader root(src, doc, "", keys);
    SensitivitySpec s;
    s.source = file;
    s.name = root.require_string("name");
    if (s.name.empty() || s.name.find('/') != std::string::npos || s.name == "." || s.name == "..")
        root.fail("name", "expected a non-empty name without '/' (it names the output directory)");
    check_name(src, s.name, root.site("name"), "sensitivity name");
    check_free_text(src, root.string("description", ""), root.site("description"));
    s.base = file.parent_path() / root.require_string("base");
    if (root.find("alternative"))
        s.alternative = file.parent_path() / root.require_string("alternative");
    s.brands = static_cast<BrandSource>(root.choice("calibrate", 0, {"draw", "base"}));
    s.overrides = read_run_overrides(root, command_line);
    read_method(src, root, s);

    const Scenario base = load_scenario(s.base, s.overrides);
    std::optional<Scenario> alt;
    if (s.alternative) alt = load_scenario(*s.alternative, s.overrides);
    s.outputs = read_outputs(src, root, base, alt ? &*alt : nullptr);
    s.parameters = read_prior_parameters(src, root, s.base, s.overrides);
    if (s.alternative) (void)read_prior_parameters(src, root, *s.alternative, s.overrides);
    return s;
}

}  // namespace moatsim
