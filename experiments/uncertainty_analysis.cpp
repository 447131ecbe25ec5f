#include "experiments/uncertainty_analysis.hpp"

#include <algorithm>
#include <cmath>

#include "core/input_text.hpp"
#include "experiments/prior_reader.hpp"
#include "experiments/sobol_indices.hpp"
#include "experiments/job_executor.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_format.hpp"
#include "io/sha256.hpp"
#include "market/scenario_inheritance.hpp"
#include "market/toml_reader.hpp"

namespace moatsim {
namespace {

double quantile(const std::vector<double>& sorted, double p) {
    const double h = p * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

UncertaintySpec load_uncertainty(const std::filesystem::path& base,
                                 const std::filesystem::path& alternative,
                                 const std::filesystem::path& priors, int draws, Metric metric,
                                 const ScenarioOverrides& overrides) {
    using namespace detail;
    const TomlSource src{priors.string()};
    const toml::table doc = parse_toml(read_text_file(priors, "priors file"), priors.string());
    const TableReader root(src, doc, "", {"description", "calibrate", "parameters"});
    check_free_text(src, root.string("description", ""), root.site("description"));
    UncertaintySpec s;
    s.base = base;
    s.alternative = alternative;
    s.priors_file = priors;
    s.draws = draws;
    s.metric = metric;
    s.overrides = overrides;
    s.brands = static_cast<BrandSource>(root.choice("calibrate", 0, {"draw", "base"}));
    s.parameters = read_prior_parameters(src, root, base, overrides);
    (void)read_prior_parameters(src, root, alternative, overrides);
    return s;
}

EffectRow summarise_effects(std::vector<double> effects) {
    std::sort(effects.begin(), effects.end());
    EffectRow r;
    double positive = 0;
    for (const double e : effects) {
        r.mean += e / static_cast<double>(effects.size());
        positive += e > 0 ? 1.0 : 0.0;
    }
    r.median = quantile(effects, 0.5);
    r.p05 = quantile(effects, 0.05);
    r.p25 = quantile(effects, 0.25);
    r.p75 = quantile(effects, 0.75);
    r.p95 = quantile(effects, 0.95);
    r.p_positive = positive / static_cast<double>(effects.size());
    return r;
}

UncertaintyResult run_uncertainty(const UncertaintySpec& spec, const std::filesystem::path& dir,
                                  const EvaluationCallbacks& callbacks) {
    std::vector<std::string> keys;
    for (const auto& p : spec.parameters) keys.push_back(p.key);
    const PairedModel model(spec.base, spec.alternative, spec.overrides, spec.brands, keys);
    const Scenario alt = load_scenario(spec.alternative, spec.overrides);
    UncertaintyResult r;
    r.start = model.base().start;
    for (const auto& c : model.base().clouds)
        if (alt.cloud_index(c.name) >= 0) r.clouds.push_back(c.name);
    std::vector<ModelOutput> outputs;
    for (int t = 0; t <= model.base().run.ticks; ++t)
        for (const auto& c : r.clouds) outputs.push_back({spec.metric, c, t});

    std::string plan = evaluation_plan_header("uncertainty", spec.priors_file, model, spec.parameters, outputs);
    plan += "alternative " + sha256_file_hex(spec.alternative) + "\n";
    plan += std::string("brands ") + (spec.brands == BrandSource::draw ? "draw" : "base") + "\n";
    std::vector<std::vector<std::vector<double>>> blocks;  // one draw per block
    for (auto& point : sobol_sequence(static_cast<int>(keys.size()), spec.draws)) blocks.push_back({point});
    const Evaluations ev = evaluate_blocks(model, spec.parameters, outputs, blocks, dir, plan, callbacks);
    if (!job_executor().writes_outputs()) return r;  // an MPI rank that only computed
    r.draws = spec.draws;
    r.blocks = ev.blocks;
    r.resumed = ev.resumed;
    for (std::size_t o = 0; o < outputs.size(); ++o) {
        std::vector<double> effects;
        for (const auto& y : ev.outputs) effects.push_back(y[o]);
        EffectRow row = summarise_effects(std::move(effects));
        row.tick = outputs[o].tick;
        row.cloud = outputs[o].cloud;
        r.rows.push_back(std::move(row));
    }
    write_file_atomically_with(dir / "uncertainty.csv",
                               [&](std::ostream& out) { write_uncertainty_csv(out, spec.metric, r); });
    return r;
}

void write_uncertainty_csv(std::ostream& out, Metric metric, const UncertaintyResult& r) {
    out << "tick,date,cloud,metric,draws,mean,median,p05,p25,p75,p95,p_positive\n";
    for (const EffectRow& e : r.rows)
        out << e.tick << "," << r.start.plus_months(e.tick).to_string() << "," << csv_text(e.cloud)
            << "," << metric_name(metric) << "," << r.draws << "," << csv_number(e.mean) << ","
            << csv_number(e.median) << "," << csv_number(e.p05) << "," << csv_number(e.p25) << ","
            << csv_number(e.p75) << "," << csv_number(e.p95) << "," << csv_number(e.p_positive) << "\n";
}

}  // namespace moatsim
