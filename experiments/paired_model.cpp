#include "experiments/paired_model.hpp"

#include "core/input_error.hpp"
#include "experiments/counterfactual.hpp"
#include "experiments/ensemble.hpp"
#include "io/csv_format.hpp"

namespace moatsim {
namespace {

// Replicate-mean of the outputs; `minus`, if given, is subtracted replicate by replicate.
std::vector<double> output_means(const Scenario& s, const EnsembleResult& r,
                                 const std::vector<ModelOutput>& outputs) {
    std::vector<double> out;
    for (const ModelOutput& o : outputs) {
        const auto k = static_cast<std::size_t>(s.cloud_index(o.cloud));
        double sum = 0;
        for (const auto& rep : r.replicates)
            sum += metric_value(rep.ticks[static_cast<std::size_t>(o.tick)].clouds[k], o.metric);
        out.push_back(sum / static_cast<double>(r.replicates.size()));
    }
    return out;
}

}  // namespace

PairedModel::PairedModel(std::filesystem::path base, std::optional<std::filesystem::path> alternative,
                         ScenarioOverrides overrides, BrandSource brands,
                         std::vector<std::string> keys)
    : base_file_(std::move(base)), alternative_(std::move(alternative)),
      overrides_(std::move(overrides)), brands_(brands), keys_(std::move(keys)) {
    base_ = pin_base_brands(load_scenario(base_file_, overrides_), overrides_, nullptr);
    if (brands_ == BrandSource::base) base_brands_ = brands_of(base_, nullptr);
}

std::uint64_t PairedModel::rows_per_evaluation() const noexcept {
    return static_cast<std::uint64_t>(base_.run.replicates) *
           static_cast<std::uint64_t>(base_.run.ticks + 1) * (alternative_ ? 2U : 1U);
}

std::vector<double> PairedModel::evaluate(const std::vector<double>& values,
                                          const std::vector<ModelOutput>& outputs,
                                          const std::function<void()>& on_tick) const {
    std::vector<KeySetting> settings;
    for (std::size_t i = 0; i < keys_.size(); ++i) settings.push_back({keys_[i], values[i]});
    const auto load = [&](const std::filesystem::path& file) {
        try {
            return load_scenario(file, overrides_, settings);
        } catch (const InputError& e) {  // a combination of values the scenario rejects
            std::string at;
            for (const auto& k : settings) at += (at.empty() ? "" : ", ") + k.key + " = " + csv_number(k.value);
            throw InputError("evaluation at " + at + ": " + e.what());
        }
    };
    Scenario base = load(base_file_);
    // The brands both worlds of this draw run with: this draw's own calibration, or the
    // unchanged base's.
    const bool own = brands_ == BrandSource::draw;
    // One replicate: its population is drawn once for calibration and the run (replicate 0
    // draws exactly this population either way, so the numbers are the same, only sooner).
    std::optional<Population> single;
    if (base.run.replicates == 1) single = replicate_population(base, 0);
    const Population* fixed = single ? &*single : nullptr;
    const std::vector<double> brands = own ? brands_of(base, fixed) : base_brands_;
    const Scenario brand_world = own ? base : Scenario{};
    const Scenario& world = own ? brand_world : base_;
    base = with_brands_from(std::move(base), world, brands);
    const EnsembleResult base_run = run_ensemble(base, fixed, on_tick);
    std::vector<double> y = output_means(base, base_run, outputs);
    if (!alternative_) return y;

    Scenario alt = load(*alternative_);
    // Common random numbers need the base's seed, replicate count, mode and population size.
    alt.run.seed = base.run.seed;
    alt.run.replicates = base.run.replicates;
    alt.run.mode = base.run.mode;
    alt.population.enterprises = base.population.enterprises;
    alt = with_brands_from(std::move(alt), world, brands);
    const std::vector<double> alt_y = output_means(alt, run_ensemble(alt, nullptr, on_tick), outputs);
    for (std::size_t i = 0; i < y.size(); ++i) y[i] = alt_y[i] - y[i];
    return y;
}

}  // namespace moatsim
