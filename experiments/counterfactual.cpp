#include "experiments/counterfactual.hpp"

#include "core/input_error.hpp"
#include "experiments/ensemble.hpp"

namespace moatsim {
namespace {

template <class Named>
bool same_names(const std::vector<Named>& a, const std::vector<Named>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name) return false;
    return true;
}

// brands_of for one partition of `reducer`: the root population's block, or `fixed`'s.
std::vector<double> partition_brands_of(const Scenario& s, const Population* fixed,
                                        PartitionReducer& reducer) {
    if (reducer.partitions() == 1 || s.calibration == CalibrationMethod::none)
        return brands_of(s, fixed);
    if (fixed) return scenario_brands(s, *fixed, nullptr, reducer);
    const auto n = static_cast<std::uint64_t>(s.population.enterprises);
    const Partition part{partition_range(n, reducer.partitions(), reducer.index()), &reducer};
    return scenario_brands(s, replicate_population_block(s, 0, part), nullptr, reducer);
}

}  // namespace

std::vector<double> brands_of(const Scenario& s, const Population* fixed) {
    if (s.calibration == CalibrationMethod::none) {
        std::vector<double> brand;
        for (const auto& c : s.clouds) brand.push_back(c.brand);
        return brand;
    }
    if (fixed) return scenario_brands(s, *fixed);
    return scenario_brands(s, replicate_population(s, 0));
}

Scenario with_brands_from(Scenario alt, const Scenario& base,
                          const std::vector<double>& base_brands,
                          std::vector<std::string>* unmatched) {
    for (auto& c : alt.clouds) {
        const int k = base.cloud_index(c.name);
        if (k >= 0) c.brand = base_brands[static_cast<std::size_t>(k)];
        else if (unmatched) unmatched->push_back(c.name);
    }
    alt.calibration = CalibrationMethod::none;
    return alt;
}

Scenario pin_base_brands(Scenario s, const ScenarioOverrides& overrides,
                         const Population* fixed, PartitionReducer& reducer) {
    if (!s.calibrate_on_base || s.bases.empty() || s.calibration == CalibrationMethod::none)
        return s;
    ScenarioOverrides root_overrides = overrides;
    root_overrides.ticks.reset();
    const Scenario root = load_scenario(s.bases.back(), root_overrides);
    if (fixed) {
        // The population's taste columns follow s's vendors and its home index s's clouds;
        // calibrating the root on it needs both lists to be the root's, in the same order.
        const char* differs = !same_names(s.vendors, root.vendors) ? "vendors"
                              : !same_names(s.clouds, root.clouds) ? "clouds"
                                                                    : nullptr;
        if (differs != nullptr || fixed->vendors != root.vendors.size())
            throw InputError(s.source.string() + ": calibrate = \"base\" with a loaded "
                             "population needs the root base " + s.bases.back().string() +
                             " to have the same " + (differs ? differs : "vendors") +
                             " in the same order; use calibrate = \"self\"");
    }
    std::vector<std::string> unmatched;
    s = with_brands_from(std::move(s), root, partition_brands_of(root, fixed, reducer),
                        &unmatched);
    if (!unmatched.empty())
        throw InputError(s.source.string() + ": calibrate = \"base\": cloud '" + unmatched[0] +
                         "' is not in the root base " + s.bases.back().string() +
                         ", so it has no calibrated brand; set its brand and "
                         "calibrate = \"self\", or add it to the base");
    return s;
}

}  // namespace moatsim
