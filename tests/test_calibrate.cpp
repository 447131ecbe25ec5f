// Calibration (experiments/calibration_*): recovery of known parameters from observations the
// model made itself, a parameter that cannot matter flagged as not identified, bad input,
// non-convergence, determinism.
#include <catch2/catch.hpp>

#include "core/input_error.hpp"
#include "experiments/calibration_output.hpp"
#include "history_fixture.hpp"

using namespace moatsim;
using Catch::Contains;

namespace {

CalibrationSpec small_spec(std::vector<FreeParameter> parameters) {
    CalibrationSpec s;
    s.name = "test";
    s.scenario = test::history_scenario();
    s.overrides = test::small_history();
    s.parameters = std::move(parameters);
    s.starts = 1;
    s.global_evaluations = 30;
    s.local_evaluations = 200;
    s.tolerance = 1e-6;
    s.profile_points = 3;
    s.profile_evaluations = 20;
    return s;
}

const std::vector<std::string> dates = {"2023-06", "2024-01", "2024-06", "2025-01", "2025-06", "2026-01"};
const std::vector<std::string> vendors = {"Anthropic", "OpenAI", "Google", "Meta"};

// The switching target set to the truth's own rate, so the truth is an exact optimum.
void target_truth_switching(CalibrationSpec& spec, const std::vector<KeySetting>& truth,
                            const std::vector<Observation>& history) {
    HistoryObjective probe(spec, history);
    std::vector<double> values;
    for (const auto& t : truth) values.push_back(t.value);
    spec.switching_target = probe.evaluate(values).backtest.switching_rate;
}

}  // namespace

TEST_CASE("calibration recovers parameters from observations the model made", "[calibrate]") {
    const std::vector<KeySetting> truth = {{"globals.optionality_weight", 1.2},
                                           {"globals.switch_cost_cloud", 3.0}};
    const auto history = test::model_observations(test::small_history(), truth, dates, vendors, 0.01);
    CalibrationSpec spec = small_spec({{"optionality_weight", {"globals.optionality_weight"}, 0, 2, 0.5},
                                       {"switch_cost_cloud", {"globals.switch_cost_cloud"}, 0, 8, 2}});
    target_truth_switching(spec, truth, history);
    const HistoryObjective objective(spec, history);
    const FitResult fit = fit_parameters(objective);
    CHECK(fit.objective < 1e-3);
    CHECK(fit.values[0] == Approx(1.2).margin(0.05));
    CHECK(fit.values[1] == Approx(3.0).margin(0.2));
}

TEST_CASE("a parameter that cannot matter has a flat profile and is not identified", "[calibrate]") {
    // gpt-oss joins no catalog before 2025-08, so its taste cannot move anything fitted up to 2024-12.
    const auto history = test::model_observations(test::small_history(), {}, dates, vendors, 0.01);
    CalibrationSpec spec = small_spec({{"switch_cost_cloud", {"globals.switch_cost_cloud"}, 0, 8, 2},
                                       {"oss_taste", {"vendors.OpenAI-oss.taste_mean"}, -2, 2, 1}});
    YearMonth until;
    REQUIRE(parse_year_month("2024-12", until));
    spec.fit_until = until;
    const HistoryObjective objective(spec, history);
    const FitResult fit = fit_parameters(objective);
    const CalibrationReport r = report_calibration(objective, fit);
    CHECK(r.uncertainty.estimates[0].identified);
    CHECK(r.uncertainty.estimates[0].max_rise >= 1.0);
    CHECK_FALSE(r.uncertainty.estimates[1].identified);
    CHECK(r.uncertainty.estimates[1].max_rise == Approx(0.0).margin(1e-9));
    CHECK(std::isnan(r.uncertainty.correlation[1][0]));
    CHECK(r.out_of_sample_points > 0);  // 2025-2026 dates are predictions
    const std::string toml = calibrated_scenario(objective, r, "baseline.toml");
    CHECK_THAT(toml, Contains("# oss_taste: not identified"));
    CHECK_THAT(toml, !Contains("taste_mean ="));
    CHECK_THAT(toml, Contains("switch_cost_cloud = "));
}

TEST_CASE("calibration is deterministic", "[calibrate]") {
    const auto history = test::model_observations(test::small_history(), {{"globals.review_rate", 0.06}},
                                                  dates, vendors, 0.02);
    const CalibrationSpec spec = small_spec({{"review_rate", {"globals.review_rate"}, 0.01, 0.15, 0.02},
                                             {"nest_lambda", {"globals.nest_lambda"}, 0.3, 1.0, 0.2}});
    const FitResult a = fit_parameters(HistoryObjective(spec, history));
    const FitResult b = fit_parameters(HistoryObjective(spec, history));
    CHECK(a.values == b.values);
    CHECK(a.objective == b.objective);
}

TEST_CASE("a polish that runs out of evaluations is a convergence failure with its last state", "[calibrate]") {
    const auto history = test::model_observations(test::small_history(), {}, dates, vendors, 0.02);
    CalibrationSpec spec = small_spec({{"review_rate", {"globals.review_rate"}, 0.01, 0.15, 0.02},
                                       {"nest_lambda", {"globals.nest_lambda"}, 0.3, 1.0, 0.2}});
    spec.global_evaluations = 0;
    spec.local_evaluations = 3;
    try {
        (void)fit_parameters(HistoryObjective(spec, history));
        FAIL("expected a ConvergenceError");
    } catch (const ConvergenceError& e) {
        CHECK_THAT(e.what(), Contains("maxeval reached"));
        CHECK(e.values.size() == 2);
        CHECK(std::isfinite(e.objective));
    }
}

TEST_CASE("correlations from a Hessian: analytic 2x2 case, and NaN when not positive definite", "[calibrate]") {
    // H = [[2, 1], [1, 2]]: H^-1 = [[2, -1], [-1, 2]] / 3, correlation -1/2.
    const auto c = correlation_from_hessian({{2, 1}, {1, 2}}, {true, true});
    CHECK(c[0][1] == Approx(-0.5));
    CHECK(c[0][0] == Approx(1.0));
    CHECK(std::isnan(correlation_from_hessian({{1, 2}, {2, 1}}, {true, true})[0][1]));
    CHECK(std::isnan(correlation_from_hessian({{2, 1}, {1, 2}}, {true, false})[0][1]));
}

TEST_CASE("calibration files: bad bounds, scales and keys are reported at file, line and key", "[calibrate]") {
    const test::ScratchDir d;
    const std::string head = "name = \"t\"\nscenario = \"" + test::history_scenario().string() +
                             "\"\ndata = \"" MOATSIM_SOURCE_DIR "/data/history\"\n";
    auto error = [&](const std::string& body) {
        try {
            (void)load_calibration(d.write("c.toml", head + body));
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const std::string p = "[[parameters]]\nkey = \"globals.review_rate\"\n";
    CHECK(error(p + "lower = 0.01\nupper = 0.1\nscale = 0.02\n") == "no error");
    CHECK_THAT(error(p + "lower = 0.1\nupper = 0.1\nscale = 0.02\n"),
               Contains("c.toml:7:1: parameters[0].upper: expected upper > lower (0.1), got 0.1"));
    CHECK_THAT(error(p + "lower = 0.01\nupper = 0.1\nscale = 0\n"),
               Contains("parameters[0].scale: expected a number > 0"));
    CHECK_THAT(error("[[parameters]]\nkey = \"globals.reveiw_rate\"\nlower = 0\nupper = 1\nscale = 1\n"),
               Contains("'globals.reveiw_rate' = 0 cannot be set on the scenario"));
    CHECK_THAT(error("[[parameters]]\nkey = \"globals.lead_time\"\nlower = 1\nupper = 12\nscale = 1\n"),
               Contains("c.toml:4:1: parameters[0]: 'globals.lead_time' = 5.55634916 cannot be set") &&
                   Contains("got a float"));  // its bounds alone are whole numbers
    CHECK_THAT(error("[[parameters]]\nkey = \"globals.pricing\"\nlower = 0\nupper = 1\nscale = 1\n"),
               Contains("c.toml:4:1: parameters[0]: 'globals.pricing' = 0 cannot be set"));
    CHECK_THAT(error(p + "lower = 0.01\nupper = 0.1\nscale = 0.02\nstep = 1\n"),
               Contains("unknown key 'parameters[0].step'"));
    CHECK_THAT(error("iterations = 3\n" + p + "lower = 0.01\nupper = 0.1\nscale = 0.02\n"),
               Contains("unknown key 'iterations'"));
}
