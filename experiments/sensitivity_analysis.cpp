#include "experiments/sensitivity_analysis.hpp"

#include "experiments/job_executor.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_format.hpp"
#include "io/sha256.hpp"

#include <limits>

namespace moatsim {
namespace {

int parameter_count(const SensitivitySpec& spec) { return static_cast<int>(spec.parameters.size()); }

std::vector<std::string> keys_of(const SensitivitySpec& spec) {
    std::vector<std::string> keys;
    for (const auto& p : spec.parameters) keys.push_back(p.key);
    return keys;
}

}  // namespace

std::vector<std::vector<std::vector<double>>> sensitivity_design(const SensitivitySpec& spec) {
    const int k = parameter_count(spec);
    const bool sobol = spec.method == SensitivitySpec::Method::sobol;
    const std::vector<std::vector<double>> points =
        sobol ? saltelli_points(k, spec.samples) : morris_points(k, spec.samples, spec.levels, spec.seed);
    const auto per = static_cast<std::size_t>(sobol ? k + 2 : k + 1);
    std::vector<std::vector<std::vector<double>>> blocks;
    for (std::size_t i = 0; i < points.size(); i += per)
        blocks.emplace_back(points.begin() + static_cast<std::ptrdiff_t>(i),
                            points.begin() + static_cast<std::ptrdiff_t>(i + per));
    return blocks;
}

SensitivityResult analyse(const SensitivitySpec& spec, const std::vector<std::vector<double>>& y) {
    const int k = parameter_count(spec);
    SensitivityResult r;
    r.evaluations = static_cast<int>(y.size());
    std::vector<std::vector<double>> points;
    if (spec.method == SensitivitySpec::Method::morris)
        points = morris_points(k, spec.samples, spec.levels, spec.seed);
    for (std::size_t o = 0; o < spec.outputs.size(); ++o) {
        std::vector<double> column;
        for (const auto& row : y) column.push_back(row[o]);
        if (spec.method == SensitivitySpec::Method::sobol)
            r.sobol.push_back(sobol_indices(column, k, spec.samples, spec.bootstrap, spec.confidence,
                                            spec.seed));
        else
            r.morris.push_back(morris_effects(points, column, k, spec.samples));
    }
    return r;
}

SensitivityResult run_sensitivity(const SensitivitySpec& spec, const std::filesystem::path& dir,
                                  const EvaluationCallbacks& callbacks) {
    const PairedModel model(spec.base, spec.alternative, spec.overrides, spec.brands, keys_of(spec));
    std::string plan = evaluation_plan_header("sensitivity", spec.source, model, spec.parameters,
                                              spec.outputs);
    if (spec.alternative) plan += "alternative " + sha256_file_hex(*spec.alternative) + "\n";
    plan += std::string("brands ") + (spec.brands == BrandSource::draw ? "draw" : "base") + "\n";
    const Evaluations ev = evaluate_blocks(model, spec.parameters, spec.outputs,
                                           sensitivity_design(spec), dir, plan, callbacks);
    if (!job_executor().writes_outputs()) return {};  // an MPI rank that only computed
    SensitivityResult r = analyse(spec, ev.outputs);
    r.blocks = ev.blocks;
    r.resumed = ev.resumed;
    write_file_atomically_with(dir / "sensitivity.csv",
                               [&](std::ostream& out) { write_sensitivity_csv(out, spec, r); });
    return r;
}

void write_sensitivity_csv(std::ostream& out, const SensitivitySpec& spec,
                           const SensitivityResult& r) {
    out << "output,metric,cloud,tick,contrast,parameter,index,value,lo,hi\n";
    const std::string contrast = spec.alternative ? "alt-base" : "base";
    for (std::size_t o = 0; o < spec.outputs.size(); ++o) {
        const ModelOutput& m = spec.outputs[o];
        const std::string lead = csv_text(m.label()) + "," + metric_name(m.metric) + "," +
                                 csv_text(m.cloud) + "," + std::to_string(m.tick) + "," + contrast + ",";
        const auto row = [&](const std::string& parameter, const char* index, double v, double lo, double hi) {
            out << lead << csv_text(parameter) << "," << index << "," << csv_number(v) << ","
                << csv_number(lo) << "," << csv_number(hi) << "\n";
        };
        const double nan = std::numeric_limits<double>::quiet_NaN();
        if (spec.method == SensitivitySpec::Method::sobol) {
            const SobolIndices& s = r.sobol[o];
            row("", "mean", s.mean, nan, nan);
            row("", "variance", s.variance, nan, nan);
            for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
                row(spec.parameters[i].key, "S1", s.first[i].value, s.first[i].lo, s.first[i].hi);
                row(spec.parameters[i].key, "ST", s.total[i].value, s.total[i].lo, s.total[i].hi);
            }
        } else {
            for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
                const MorrisEffect& e = r.morris[o][i];
                row(spec.parameters[i].key, "mu_star", e.mu_star, nan, nan);
                row(spec.parameters[i].key, "mu", e.mu, nan, nan);
                row(spec.parameters[i].key, "sigma", e.sigma, nan, nan);
            }
        }
    }
}

}  // namespace moatsim
