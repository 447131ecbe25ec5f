#include "experiments/ensemble.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include "core/input_error.hpp"
#include "market/calibration.hpp"
#include "market/events.hpp"
#include "market/market_state.hpp"
#include "market/replicate.hpp"

namespace moatsim {

Population replicate_population(const Scenario& scenario, std::uint64_t replicate) {
    std::vector<std::string> names;
    std::vector<double> means;
    for (const auto& v : scenario.vendors) {
        names.push_back(v.name);
        means.push_back(v.taste_mean);
    }
    return draw_population(scenario.population, names, means, scenario.run.seed, replicate);
}

std::vector<double> scenario_brands(const Scenario& scenario, const Population& population,
                                    int* iterations) {
    std::vector<double> brand;
    for (const auto& c : scenario.clouds) brand.push_back(c.brand);
    if (scenario.calibration == CalibrationMethod::none) return brand;

    MarketState start(scenario);
    apply_events_due(scenario, start);  // the world at t = 0, as row 0 sees it
    ChoiceContext ctx;
    start.fill_choice_context(std::vector<double>(brand.size(), 0.0), ctx);
    std::vector<double> targets;
    for (std::size_t k = 0; k < scenario.clouds.size(); ++k) {
        targets.push_back(scenario.clouds[k].target_share);
        if (targets.back() > 0.0 && !ctx.cloud_open[k])
            throw InputError(scenario.source.string() + ": clouds." + scenario.clouds[k].name +
                             ": target_share > 0 but its catalog is empty at the start date, "
                             "so no enterprise can choose it");
    }
    const CalibrationResult result = calibrate_brands(ctx, population, targets);
    if (iterations) *iterations = result.iterations;
    return result.brand;
}

EnsembleResult run_ensemble(const Scenario& scenario, const Population* fixed,
                            const std::function<void()>& on_tick) {
    EnsembleResult out;
    const Population first = fixed ? Population{} : replicate_population(scenario, 0);
    const Population& calibration_population = fixed ? *fixed : first;
    out.brand = scenario_brands(scenario, calibration_population, &out.calibration_iterations);

    const auto reps = static_cast<std::size_t>(scenario.run.replicates);
    out.replicates.resize(reps);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, reps, 1),
        [&](const tbb::blocked_range<std::size_t>& r) {
            for (std::size_t rep = r.begin(); rep != r.end(); ++rep) {
                Population drawn;
                const Population* pop = fixed ? fixed : (rep == 0 ? &first : nullptr);
                if (!pop) {
                    drawn = replicate_population(scenario, rep);
                    pop = &drawn;
                }
                Replicate replicate(scenario, *pop, rep, out.brand);
                out.replicates[rep] = replicate.run(on_tick);
            }
        },
        tbb::simple_partitioner());
    return out;
}

}  // namespace moatsim
