#include "experiments/calibration_fit.hpp"

#include <nlopt.hpp>

#include <cmath>
#include <string_view>

#include "agents/rng.hpp"
#include "experiments/job_bytes.hpp"
#include "experiments/job_executor.hpp"

namespace moatsim {
namespace {

// The free coordinates in optimizer units (value / scale) and back.
struct Space {
    const CalibrationSpec& spec;
    std::vector<double> fixed;  // natural units, for the coordinates not optimized
    std::vector<std::size_t> index;

    [[nodiscard]] std::vector<double> natural(const std::vector<double>& z) const {
        std::vector<double> v = fixed;
        for (std::size_t i = 0; i < index.size(); ++i)
            v[index[i]] = z[i] * spec.parameters[index[i]].scale;
        return v;
    }
    [[nodiscard]] std::vector<double> scaled(const std::vector<double>& v) const {
        std::vector<double> z;
        for (const std::size_t p : index) z.push_back(v[p] / spec.parameters[p].scale);
        return z;
    }
    void bound(nlopt::opt& opt) const {
        std::vector<double> lo, hi;
        for (const std::size_t p : index) {
            lo.push_back(spec.parameters[p].lower / spec.parameters[p].scale);
            hi.push_back(spec.parameters[p].upper / spec.parameters[p].scale);
        }
        opt.set_lower_bounds(lo);
        opt.set_upper_bounds(hi);
    }
};

struct Context {
    const HistoryObjective* objective;
    const Space* space;
};

double nlopt_objective(const std::vector<double>& z, std::vector<double>& /*grad*/, void* data) {
    const auto* c = static_cast<const Context*>(data);
    const double f = (*c->objective)(c->space->natural(z));
    return std::isfinite(f) ? f : HUGE_VAL;
}

const char* status_name(nlopt::result r) {
    switch (r) {
        case nlopt::SUCCESS: return "success";
        case nlopt::STOPVAL_REACHED: return "stopval reached";
        case nlopt::FTOL_REACHED: return "ftol reached";
        case nlopt::XTOL_REACHED: return "xtol reached";
        case nlopt::MAXEVAL_REACHED: return "maxeval reached";
        case nlopt::MAXTIME_REACHED: return "maxtime reached";
        default: return "failure";
    }
}

// Start s: the centre of the box for s = 0, else a point drawn from the seed's stream.
std::vector<double> start_point(const CalibrationSpec& spec, int s) {
    std::vector<double> v;
    for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
        const auto& par = spec.parameters[p];
        const double u = s == 0 ? 0.5
                                : uniforms4(spec.seed, static_cast<std::uint64_t>(s), p, 2,
                                            Purpose::design)[0];
        v.push_back(par.lower + u * (par.upper - par.lower));
    }
    return v;
}

std::string start_result_bytes(const StartResult& r) {
    return ByteWriter()
        .put(r.start)
        .put(r.values)
        .put(r.global_objective)
        .put(r.objective)
        .put(r.local_status)
        .put(static_cast<std::uint8_t>(r.converged))
        .take();
}

StartResult start_result_from_bytes(std::string_view bytes) {
    ByteReader in(bytes);
    StartResult r;
    r.start = in.numbers<double>();
    r.values = in.numbers<double>();
    r.global_objective = in.get<double>();
    r.objective = in.get<double>();
    r.local_status = in.text();
    r.converged = in.get<std::uint8_t>() != 0;
    return r;
}

}  // namespace

void run_objective_jobs(const HistoryObjective& objective, int count,
                        const std::function<std::string(int)>& compute,
                        const std::function<void(int, std::string_view)>& deliver,
                        const std::function<std::string(int)>& describe) {
    std::vector<long> counts(static_cast<std::size_t>(count), 0);
    JobBatch batch;
    batch.count = count;
    batch.one_at_a_time = true;
    batch.share_results = true;
    batch.compute = [&](int i) {
        const long before = objective.evaluations();
        std::string result = compute(i);
        return ByteWriter().put(objective.evaluations() - before).put(result).take();
    };
    batch.deliver = [&](int i, const std::string& bytes) {
        ByteReader in(bytes);
        counts[static_cast<std::size_t>(i)] = in.get<long>();
        deliver(i, in.text());
    };
    batch.describe = describe;
    const long before = objective.evaluations();
    job_executor().run(batch);
    long total = 0;
    for (const long c : counts) total += c;
    objective.count_elsewhere(total - (objective.evaluations() - before));
}

Polish polish(const HistoryObjective& objective, const std::vector<double>& from,
              const std::vector<bool>& free, int evaluations, double tolerance) {
    Space space{objective.spec(), from, {}};
    for (std::size_t p = 0; p < free.size(); ++p)
        if (free[p]) space.index.push_back(p);
    Polish out{from, 0, "no free parameter", true};
    if (space.index.empty()) {
        out.objective = objective(from);
        return out;
    }
    nlopt::opt opt(nlopt::LN_BOBYQA, static_cast<unsigned>(space.index.size()));
    space.bound(opt);
    Context ctx{&objective, &space};
    opt.set_min_objective(nlopt_objective, &ctx);
    opt.set_maxeval(evaluations);
    opt.set_xtol_rel(tolerance);
    opt.set_ftol_abs(1e-9);
    // The first trust-region radius: a tenth of each range (in scaled units).
    std::vector<double> step;
    for (const std::size_t p : space.index) {
        const auto& par = objective.spec().parameters[p];
        step.push_back(0.1 * (par.upper - par.lower) / par.scale);
    }
    opt.set_initial_step(step);
    std::vector<double> z = space.scaled(from);
    double f = HUGE_VAL;
    nlopt::result r = nlopt::FAILURE;
    try {
        r = opt.optimize(z, f);
    } catch (const std::exception&) {  // roundoff limited or similar: keep the best point
        f = opt.last_optimum_value();
    }
    out.values = space.natural(z);
    out.objective = f;
    out.status = status_name(r);
    out.converged = r == nlopt::SUCCESS || r == nlopt::FTOL_REACHED || r == nlopt::XTOL_REACHED;
    return out;
}

namespace {

// Start s of the fit: its global search, then the polish of the best point found.
StartResult fit_from_start(const HistoryObjective& objective, int s) {
    const CalibrationSpec& spec = objective.spec();
    const std::size_t n = spec.parameters.size();
    StartResult sr;
    sr.start = start_point(spec, s);
    std::vector<double> best = sr.start;
    sr.global_objective = objective(best);
    if (spec.global_evaluations > 0 && n > 1) {
        Space space{spec, sr.start, {}};
        for (std::size_t p = 0; p < n; ++p) space.index.push_back(p);
        nlopt::srand(spec.seed + static_cast<unsigned long>(s));  // deterministic search
        nlopt::opt opt(nlopt::GN_CRS2_LM, static_cast<unsigned>(n));
        space.bound(opt);
        Context ctx{&objective, &space};
        opt.set_min_objective(nlopt_objective, &ctx);
        opt.set_maxeval(spec.global_evaluations);
        std::vector<double> z = space.scaled(sr.start);
        double f = HUGE_VAL;
        try {
            (void)opt.optimize(z, f);
        } catch (const std::exception&) {
            f = opt.last_optimum_value();
        }
        if (f < sr.global_objective) {
            sr.global_objective = f;
            best = space.natural(z);
        }
    }
    const Polish p = polish(objective, best, std::vector<bool>(n, true),
                            spec.local_evaluations, spec.tolerance);
    sr.values = p.values;
    sr.objective = p.objective;
    sr.local_status = p.status;
    sr.converged = p.converged;
    return sr;
}

}  // namespace

FitResult fit_parameters(const HistoryObjective& objective) {
    const CalibrationSpec& spec = objective.spec();
    FitResult result;
    result.starts.resize(static_cast<std::size_t>(spec.starts));
    // Starts are independent: jobs, one at a time per process (NLopt's random stream is
    // global), every process receiving every start's result so all go on alike.
    run_objective_jobs(objective, spec.starts, [&](int s) {
        return start_result_bytes(fit_from_start(objective, s));
    }, [&](int s, std::string_view bytes) {
        result.starts[static_cast<std::size_t>(s)] = start_result_from_bytes(bytes);
    }, [](int s) { return "start " + std::to_string(s); });
    std::size_t best = 0;
    for (std::size_t s = 1; s < result.starts.size(); ++s)
        if (result.starts[s].objective < result.starts[best].objective) best = s;
    const StartResult& winner = result.starts[best];
    result.values = winner.values;
    result.objective = winner.objective;
    result.evaluations = objective.evaluations();
    if (!winner.converged)
        throw ConvergenceError("the best start's local polish (BOBYQA) ended with '" +
                                   winner.local_status + "' after " +
                                   std::to_string(spec.local_evaluations) +
                                   " evaluations without meeting its tolerance",
                               winner.values, winner.objective);
    return result;
}

}  // namespace moatsim
