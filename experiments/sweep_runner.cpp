#include "experiments/sweep_runner.hpp"

#include <chrono>
#include <memory>

#include "core/input_error.hpp"
#include "experiments/counterfactual.hpp"
#include "experiments/ensemble.hpp"
#include "experiments/job_bytes.hpp"
#include "experiments/job_executor.hpp"
#include "io/csv_format.hpp"
#include "io/sha256.hpp"
#include "experiments/sweep_output.hpp"

namespace moatsim {

std::string scenario_plan_lines(const std::filesystem::path& base_file, const Scenario& base) {
    std::string plan = "base " + sha256_file_hex(base_file) + "\n";
    for (const auto& b : base.bases) plan += "inherited " + sha256_file_hex(b) + "\n";
    plan += "seed " + std::to_string(base.run.seed) + "\nreplicates " +
            std::to_string(base.run.replicates) + "\nticks " + std::to_string(base.run.ticks) +
            "\nenterprises " + std::to_string(base.population.enterprises) + "\nmode " +
            std::string(to_string(base.run.mode)) + "\nkernel " +
            std::string(to_string(base.run.kernel)) + "\n";
    return plan;
}

std::string sweep_plan(const SweepSpec& spec, const std::vector<SweepRun>& runs,
                       const Scenario& base) {
    std::string plan = "moatsim sweep plan\n";
    plan += "sweep " + sha256_file_hex(spec.source) + "\n";
    plan += scenario_plan_lines(spec.base, base);
    for (const auto& r : runs) {
        plan += "run " + std::to_string(r.index);
        for (const double v : r.values) plan += " " + csv_number(v);
        plan += "\n";
    }
    return plan;
}

std::string describe_run(const SweepSpec& spec, const SweepRun& run) {
    std::string out;
    for (std::size_t p = 0; p < spec.parameters.size(); ++p)
        out += (p ? ", " : "") + spec.parameters[p].key + " = " + csv_number(run.values[p]);
    return out;
}

SweepSummary run_sweep(const SweepSpec& spec, const SweepOptions& options,
                       const SweepCallbacks& callbacks) {
    Scenario base = pin_base_brands(load_scenario(spec.base, spec.overrides), spec.overrides,
                                    nullptr);
    const std::vector<SweepRun> runs = expand_design(spec);
    SweepSummary summary;
    summary.runs = static_cast<int>(runs.size());
    summary.seed = base.run.seed;
    summary.replicates = base.run.replicates;
    summary.plan = sweep_plan(spec, runs, base);
    std::vector<std::string> prefixes;
    for (const auto& r : runs)
        prefixes.push_back(runs_csv_prefix(r, base.run.seed, base.run.replicates));
    JobExecutor& executor = job_executor();
    // Only the process that writes opens the directory; it learns what is resumed and hands
    // out the rest (a process that only computes is told which runs to compute).
    std::unique_ptr<SweepOutput> out;
    if (executor.writes_outputs()) {
        out = std::make_unique<SweepOutput>(options.out_dir, summary.plan,
                                            sweep_csv_header(spec, base.run.replicates),
                                            runs_csv_header(spec), prefixes);
        summary.resumed = out->completed();
        summary.notes = out->notes();
        if (callbacks.on_note)
            for (const auto& note : out->notes()) callbacks.on_note(note);
    }

    const int remaining = summary.runs - summary.resumed;
    const std::uint64_t rows_per_run = static_cast<std::uint64_t>(base.run.replicates) *
                                       static_cast<std::uint64_t>(base.run.ticks + 1);
    if (callbacks.on_start) callbacks.on_start(static_cast<std::uint64_t>(remaining) * rows_per_run);
    if (remaining == 0 && out) return summary;
    // Brands once, on the base world; each run is a counterfactual of it.
    const std::vector<double> brands =
        spec.calibrate_on_base ? brands_of(base, nullptr) : std::vector<double>{};

    JobBatch batch;
    batch.first = summary.resumed;
    batch.count = summary.runs;
    batch.compute = [&](int i) {
        const auto started = std::chrono::steady_clock::now();
        const SweepRun& run = runs[static_cast<std::size_t>(i)];
        Scenario s;
        try {
            s = load_scenario(spec.base, spec.overrides, run.settings(spec));
        } catch (const InputError& e) {  // a combination of values the scenario rejects
            throw InputError(spec.source.string() + ": run " + std::to_string(i) + " (" +
                             describe_run(spec, run) + "): " + e.what());
        }
        if (spec.calibrate_on_base) s = with_brands_from(std::move(s), base, brands);
        else s = pin_base_brands(std::move(s), spec.overrides, nullptr);
        const EnsembleResult result = run_ensemble(s, nullptr, callbacks.on_tick);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::string rows = sweep_csv_rows(spec, run, s, result);
        const std::string listed = runs_csv_row(run, s.run.seed, s.run.replicates, seconds, rows);
        return ByteWriter().put(rows).put(listed).take();
    };
    batch.deliver = [&](int i, const std::string& bytes) {
        ByteReader in(bytes);
        std::string rows = in.text();
        std::string listed = in.text();
        out->finish(i, std::move(rows), std::move(listed));
    };
    batch.computed_elsewhere = [&](int) {
        if (callbacks.on_tick)
            for (std::uint64_t r = 0; r < rows_per_run; ++r) callbacks.on_tick();
    };
    batch.describe = [&](int i) {
        return "run " + std::to_string(i) + " (" + describe_run(spec, runs[static_cast<std::size_t>(i)]) + ")";
    };
    executor.run(batch);
    return summary;
}

}  // namespace moatsim
