#include "experiments/ensemble.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <charconv>
#include <exception>

#include "core/input_error.hpp"
#include "market/calibration.hpp"
#include "market/events.hpp"
#include "market/market_state.hpp"
#include "market/replicate.hpp"
#include "market/tick_check.hpp"

namespace moatsim {

Population replicate_population(const Scenario& scenario, std::uint64_t replicate) {
    const auto n = static_cast<std::uint64_t>(scenario.population.enterprises);
    return replicate_population_block(scenario, replicate, Partition::whole(n));
}

Population replicate_population_block(const Scenario& scenario, std::uint64_t replicate,
                                      const Partition& partition) {
    std::vector<std::string> names;
    std::vector<double> means;
    for (const auto& v : scenario.vendors) {
        names.push_back(v.name);
        means.push_back(v.taste_mean);
    }
    return draw_population_block(scenario.population, names, means, scenario.run.seed, replicate,
                                 partition.range, *partition.reducer);
}

namespace {

std::string shortest(double x) {
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, x).ptr);
}

// Calibration matches the adopters' shares, so it needs adopters of positive size; says
// which input left none (the contraction would otherwise fail with an infinite change).
// Counts, not sums of sizes, so that partitions add them exactly: sizes are finite and >= 0
// (check_population), so they sum to 0 exactly when no adopter has a positive size.
std::string calibration_population_problem(const Scenario& s, const Population& pop,
                                           PartitionReducer& reducer) {
    std::int64_t counts[3] = {0, 0, static_cast<std::int64_t>(pop.count())};
    for (std::size_t i = 0; i < pop.count(); ++i)
        if (pop.adopted[i]) counts[0] += 1, counts[1] += pop.demand[i] > 0.0f ? 1 : 0;
    reducer.sum(counts);
    const auto adopters = static_cast<std::size_t>(counts[0]);
    const bool sized = counts[1] > 0;
    const auto enterprises = static_cast<std::size_t>(counts[2]);
    const std::string fix = "; the target shares cannot be calibrated (or set [calibration] "
                            "method = \"none\" with brands)";
    if (adopters == 0 && s.population.adopted_initial == 0.0)
        return "population.adopted_initial = 0: no enterprise is adopted at t = 0" + fix;
    if (adopters == 0)
        return "none of the " + std::to_string(enterprises) + " enterprises is adopted at t = 0 "
               "(drawn: each is adopted with probability population.adopted_initial = " +
               shortest(s.population.adopted_initial) + ", so a small population may "
               "have none, raise population.enterprises; a population file: its adopted column "
               "is 0 on every row)" + fix;
    if (!sized)
        return "the sizes of the " + std::to_string(adopters) + " adopted enterprises sum to 0 "
               "(a population file with size 0 on every adopted row, or population.market_size "
               "too small for a 32-bit float)" + fix;
    return {};
}

}  // namespace

std::vector<double> scenario_brands(const Scenario& scenario, const Population& population,
                                    int* iterations, PartitionReducer& reducer) {
    std::vector<double> brand;
    for (const auto& c : scenario.clouds) brand.push_back(c.brand);
    if (scenario.calibration == CalibrationMethod::none) return brand;
    // The rows are this partition's: agree before going on. Checked before the contraction
    // divides by their sums.
    run_agreed(reducer, [&] { check_population(scenario, population); });

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
    if (const std::string why = calibration_population_problem(scenario, population, reducer);
        !why.empty())
        throw InputError(scenario.source.string() + ": " + why);
    const CalibrationResult result =
        calibrate_brands(ctx, population, targets, reducer);
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
    // A numeric failure is kept per replicate and the lowest replicate's is reported, so the
    // message does not depend on which thread failed first.
    std::vector<std::exception_ptr> failures(reps);
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
                try {
                    out.replicates[rep] = replicate.run(on_tick);
                } catch (const SimulationError&) {
                    failures[rep] = std::current_exception();
                }
            }
        },
        tbb::simple_partitioner());
    for (const auto& failure : failures)
        if (failure) std::rethrow_exception(failure);
    return out;
}

EnsembleResult ensemble_without_replicates(const Scenario& scenario) {
    EnsembleResult out;
    // Without calibration the brands are the scenario's own: no population is drawn.
    const Population first = scenario.calibration == CalibrationMethod::none
                                 ? Population{}
                                 : replicate_population(scenario, 0);
    out.brand = scenario_brands(scenario, first, &out.calibration_iterations);
    return out;
}

ReplicateResult run_one_replicate(const Scenario& scenario, const std::vector<double>& brand,
                                  std::uint64_t replicate, const std::function<void()>& on_tick) {
    const Population pop = replicate_population(scenario, replicate);
    Replicate run(scenario, pop, replicate, brand);
    return run.run(on_tick);
}

EnsembleResult run_ensemble_partitioned(const Scenario& scenario, const Population* fixed_block,
                                        const Partition& partition,
                                        const std::function<void()>& on_tick) {
    EnsembleResult out;
    Population drawn = fixed_block ? Population{} : replicate_population_block(scenario, 0, partition);
    out.brand = scenario_brands(scenario, fixed_block ? *fixed_block : drawn,
                                &out.calibration_iterations, *partition.reducer);
    const auto reps = static_cast<std::size_t>(scenario.run.replicates);
    out.replicates.resize(reps);
    for (std::size_t rep = 0; rep < reps; ++rep) {
        if (!fixed_block && rep > 0) {
            drawn = Population{};  // one block in memory at a time
            drawn = replicate_population_block(scenario, rep, partition);
        }
        Replicate replicate(scenario, fixed_block ? *fixed_block : drawn, rep, out.brand, partition);
        // A SimulationError comes from the rows, which every partition computes alike: all
        // throw the same at the same tick, so none is left waiting.
        out.replicates[rep] = replicate.run(on_tick);
    }
    return out;
}

Scenario resolved_scenario(Scenario s, const EnsembleResult& result) {
    for (std::size_t k = 0; k < s.clouds.size(); ++k) s.clouds[k].brand = result.brand[k];
    s.calibration = CalibrationMethod::none;
    return s;
}

}  // namespace moatsim
