// Sensitivity and uncertainty analyses on the model: a parameter that cannot matter gets
// ST = 0, results do not depend on the thread count, a resumed analysis equals an
// uninterrupted one, the paired contrast is ALT - BASE, and bad files are refused with
// file:line:key messages before anything is written.
#include <catch2/catch.hpp>

#include <tbb/global_control.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/input_error.hpp"
#include "experiments/sensitivity_analysis.hpp"
#include "experiments/uncertainty_analysis.hpp"
#include "tests/scenario_text.hpp"
#include "io/manifest.hpp"
#include "viz/analysis_charts.hpp"
#include "viz/html_report.hpp"
#include "viz/result_charts.hpp"

using namespace moatsim;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct SaDir {
    fs::path dir;
    SaDir() {
        static int count = 0;
        dir = fs::temp_directory_path() /
              ("moatsim_sa_" + std::to_string(::getpid()) + "_" + std::to_string(count++));
        fs::remove_all(dir);
        fs::create_directories(dir);
        // Capacity far above demand (gpu_supply, headroom), so rationing never happens.
        std::ofstream(dir / "base.toml")
            << test::minimal << "\n[run]\nticks = 12\nreplicates = 1\nmode = \"expected\"\n"
            << "[population]\nenterprises = 300\n"
            << "[globals]\ngpu_supply = 1.0e12\nheadroom = 3.0\n";
        std::ofstream(dir / "alt.toml") << "base = \"base.toml\"\nname = \"alt\"\n"
                                        << "[clouds.B]\nprice = 2.5\n";
    }
    ~SaDir() { fs::remove_all(dir); }
    fs::path write(const std::string& text, const std::string& name = "sa.toml") const {
        std::ofstream(dir / name) << text;
        return dir / name;
    }
};

const std::string sobol_file =
    "name = \"sa\"\nbase = \"base.toml\"\ncalibrate = \"base\"\n"
    "[method]\nkind = \"sobol\"\nsamples = 8\nbootstrap = 20\n"
    "[[outputs]]\ncloud = \"A\"\nticks = [6, 12]\n"
    "[[parameters]]\nkey = \"globals.scarcity_penalty\"\ndistribution = \"uniform\"\nlower = 0.0\nupper = 5.0\n"
    "[[parameters]]\nkey = \"globals.switch_cost_cloud\"\ndistribution = \"lognormal\"\nmedian = 1.0\nsigma = 0.5\n"
    "[[parameters]]\nkey = \"clouds.B.price\"\ndistribution = \"triangular\"\nlower = 2.0\nmode = 3.0\nupper = 4.0\n";


}  // namespace

TEST_CASE("A parameter that cannot matter gets ST = 0, one that does gets ST > 0", "[sensitivity]") {
    const SaDir d;
    const SensitivitySpec spec = load_sensitivity(d.write(sobol_file));
    REQUIRE(spec.parameters.size() == 3);
    REQUIRE(spec.outputs.size() == 2);
    const SensitivityResult r = run_sensitivity(spec, d.dir / "out", {});
    CHECK(r.evaluations == 8 * 5);
    for (const SobolIndices& s : r.sobol) {
        REQUIRE(s.variance > 0);
        // Capacity never binds: the scarcity penalty multiplies zero rationing.
        CHECK(s.total[0].value == Approx(0.0).margin(1e-12));
        CHECK(s.first[0].value == Approx(0.0).margin(1e-12));
        CHECK(s.total[2].value > 0.1);  // B's own price moves A's share (brands fixed)
    }
    const std::string csv = slurp(d.dir / "out" / "sensitivity.csv");
    CHECK_THAT(csv, Contains("output,metric,cloud,tick,contrast,parameter,index,value,lo,hi\n"));
    CHECK_THAT(csv, Contains("share_workload:A@12,share_workload,A,12,base,clouds.B.price,ST,"));
}

TEST_CASE("Sensitivity results do not depend on the thread count", "[sensitivity]") {
    const SaDir d;
    const SensitivitySpec spec = load_sensitivity(d.write(sobol_file));
    {
        const tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
        (void)run_sensitivity(spec, d.dir / "one", {});
    }
    {
        const tbb::global_control four(tbb::global_control::max_allowed_parallelism, 4);
        (void)run_sensitivity(spec, d.dir / "four", {});
    }
    for (const char* f : {"sensitivity.csv", "evaluations.csv", "blocks.csv"})
        CHECK(slurp(d.dir / "one" / f) == slurp(d.dir / "four" / f));
}

TEST_CASE("A resumed sensitivity analysis equals an uninterrupted one", "[sensitivity]") {
    const SaDir d;
    const SensitivitySpec spec = load_sensitivity(d.write(sobol_file));
    (void)run_sensitivity(spec, d.dir / "whole", {});
    (void)run_sensitivity(spec, d.dir / "cut", {});
    // Interrupt: keep 3 of 8 blocks in blocks.csv and a torn tail in evaluations.csv.
    const std::string blocks = slurp(d.dir / "cut" / "blocks.csv");
    std::size_t at = 0;
    for (int line = 0; line < 4; ++line) at = blocks.find('\n', at) + 1;
    std::ofstream(d.dir / "cut" / "blocks.csv", std::ios::trunc) << blocks.substr(0, at);
    const std::string rows = slurp(d.dir / "cut" / "evaluations.csv");
    std::ofstream(d.dir / "cut" / "evaluations.csv", std::ios::trunc) << rows.substr(0, rows.size() * 2 / 3);
    fs::remove(d.dir / "cut" / "sensitivity.csv");
    std::vector<std::string> notes;
    EvaluationCallbacks cb;
    std::uint64_t rows_left = 0;
    cb.on_start = [&](std::uint64_t n) { rows_left = n; };
    const SensitivityResult r = run_sensitivity(spec, d.dir / "cut", cb);
    CHECK(r.resumed == 3);
    CHECK(rows_left == 5u * 5u * 13u);  // 5 blocks x 5 points x 13 rows
    for (const char* f : {"sensitivity.csv", "evaluations.csv", "blocks.csv"})
        CHECK(slurp(d.dir / "cut" / f) == slurp(d.dir / "whole" / f));
}

TEST_CASE("Morris screening on the model ranks an inert parameter last", "[sensitivity]") {
    const SaDir d;
    std::string text = test::with(sobol_file, "kind = \"sobol\"\nsamples = 8\nbootstrap = 20",
                                  "kind = \"morris\"\nsamples = 6\nlevels = 4");
    const SensitivitySpec spec = load_sensitivity(d.write(text));
    const SensitivityResult r = run_sensitivity(spec, d.dir / "out", {});
    CHECK(r.evaluations == 6 * 4);
    CHECK(r.morris[1][0].mu_star == 0.0);
    CHECK(r.morris[1][2].mu_star > 0.0);
    CHECK_THAT(slurp(d.dir / "out" / "sensitivity.csv"), Contains(",globals.scarcity_penalty,mu_star,0,,\n"));
}

TEST_CASE("The paired contrast is ALT - BASE of the same draw", "[sensitivity]") {
    const SaDir d;
    const std::string text = test::with(sobol_file, "base = \"base.toml\"\n",
                                        "base = \"base.toml\"\nalternative = \"alt.toml\"\n");
    // alt.toml sets B's price, so B's price must not be uncertain here: drop that prior.
    const std::string priors = text.substr(0, text.find("[[parameters]]\nkey = \"clouds.B.price\""));
    const SensitivitySpec spec = load_sensitivity(d.write(priors));
    const PairedModel paired(spec.base, spec.alternative, spec.overrides, spec.brands, {"globals.scarcity_penalty", "globals.switch_cost_cloud"});
    const PairedModel base_only(spec.base, std::nullopt, spec.overrides, spec.brands, {"globals.scarcity_penalty", "globals.switch_cost_cloud"});
    const PairedModel alt_only(*spec.alternative, std::nullopt, spec.overrides, spec.brands, {"globals.scarcity_penalty", "globals.switch_cost_cloud"});
    const std::vector<double> point = {1.0, 2.0};
    const auto diff = paired.evaluate(point, spec.outputs, {});
    const auto b = base_only.evaluate(point, spec.outputs, {});
    CHECK(diff[1] < 0.0);  // B got cheaper: A loses share
    // With calibrate = "base", ALT run alone pins the same root brands (it inherits the base),
    // so the paired contrast is exactly the difference of the two runs.
    const auto a = alt_only.evaluate(point, spec.outputs, {});
    CHECK(diff[0] == Approx(a[0] - b[0]).margin(1e-12));
    CHECK(diff[1] == Approx(a[1] - b[1]).margin(1e-12));
}

TEST_CASE("Uncertainty: effect quantiles and P(effect > 0)", "[sensitivity]") {
    const EffectRow r = summarise_effects({-1.0, 0.0, 1.0, 2.0, 3.0});
    CHECK(r.mean == Approx(1.0));
    CHECK(r.median == Approx(1.0));
    CHECK(r.p25 == Approx(0.0));
    CHECK(r.p05 == Approx(-0.8));
    CHECK(r.p95 == Approx(2.8));
    CHECK(r.p_positive == Approx(0.6));
}

TEST_CASE("Uncertainty runs paired draws into a tidy CSV", "[sensitivity]") {
    const SaDir d;
    const fs::path priors = d.write(
        "[[parameters]]\nkey = \"globals.switch_cost_cloud\"\ndistribution = \"normal\"\nmean = 1.0\nsd = 0.3\nlower = 0.0\n"
        "source = \"stated range\"\n", "priors.toml");
    const UncertaintySpec spec = load_uncertainty(d.dir / "base.toml", d.dir / "alt.toml", priors, 6,
                                                  Metric::share_workload, {});
    const UncertaintyResult r = run_uncertainty(spec, d.dir / "out", {});
    REQUIRE(r.rows.size() == 13u * 2u);
    const EffectRow& last_a = r.rows[12 * 2];
    CHECK(last_a.cloud == "A");
    CHECK(last_a.p05 <= last_a.p25);
    CHECK(last_a.p25 <= last_a.median);
    CHECK(last_a.median <= last_a.p75);
    CHECK(last_a.p75 <= last_a.p95);
    CHECK(last_a.p95 < 0.0);       // B got cheaper in every draw: A loses
    CHECK(last_a.p_positive == 0.0);
    const std::string csv = slurp(d.dir / "out" / "uncertainty.csv");
    CHECK_THAT(csv, Contains("tick,date,cloud,metric,draws,mean,median,p05,p25,p75,p95,p_positive\n"));
    CHECK_THAT(csv, Contains("\n12,2026-01,A,share_workload,6,"));
}

TEST_CASE("Bad sensitivity files name the file, line and key", "[sensitivity]") {
    const SaDir d;
    const auto fails = [&](const std::string& from, const std::string& to, const std::string& message) {
        const fs::path f = d.write(test::with(sobol_file, from, to));
        try {
            (void)load_sensitivity(f);
            FAIL("accepted: " << to);
        } catch (const InputError& e) {
            CHECK_THAT(e.what(), Contains(f.string() + ":"));
            CHECK_THAT(e.what(), Contains(message));
        }
    };
    fails("lower = 0.0\nupper = 5.0", "lower = 5.0\nupper = 5.0", "parameters[0].upper: expected lower < upper");
    fails("median = 1.0\nsigma = 0.5", "median = 1.0\nsigma = 0.0", "parameters[1].sigma: expected a number > 0");
    fails("median = 1.0\nsigma = 0.5", "median = -1.0\nsigma = 0.5", "parameters[1].median: expected a number > 0");
    fails("globals.scarcity_penalty", "globals.scarcity_penalti", "parameters[0].key: 'globals.scarcity_penalti' = 0");
    fails("globals.scarcity_penalty", "globals.pricing", "parameters[0].key: 'globals.pricing'");
    fails("lower = 0.0\nupper = 5.0", "lower = 0.0\nupper = 5.0\nmean = 1", "unknown key 'parameters[0].mean'");
    fails("bootstrap = 20", "bootstrap = 20\nlevels = 4", "unknown key 'method.levels'");
    fails("cloud = \"A\"", "cloud = \"Q\"", "outputs[0].cloud: 'Q' is not a cloud");
    fails("ticks = [6, 12]", "ticks = [6, 13]", "outputs[0].ticks[1]");
    fails("distribution = \"uniform\"", "distribution = \"beta\"", "parameters[0].distribution");
    fails("mode = 3.0", "mode = 5.0", "parameters[2].mode");
    // An integer key under a continuous prior: refused here (prior values are real numbers),
    // not at the first evaluation.
    fails("globals.scarcity_penalty\"\ndistribution = \"uniform\"\nlower = 0.0\nupper = 5.0",
          "globals.lead_time\"\ndistribution = \"uniform\"\nlower = 1\nupper = 12",
          "parameters[0].key: 'globals.lead_time' = 1 (the lowest value uniform(1, 12) gives)");
    CHECK_FALSE(fs::exists(d.dir / "out"));
}

TEST_CASE("moatsim sensitivity: bad input exits 2, names file:line:key, writes nothing", "[sensitivity][cli]") {
    const SaDir d;
    const fs::path f = d.write(test::with(sobol_file, "lower = 0.0\nupper = 5.0", "lower = 5.0\nupper = 1.0"));
    const fs::path out = d.dir / "out", err = d.dir / "err.txt";
    const std::string cmd = std::string(MOATSIM_CLI) + " sensitivity " + f.string() + " --out " +
                            out.string() + " 2> " + err.string();
    const int status = std::system(cmd.c_str());
    CHECK(WEXITSTATUS(status) == 2);
    CHECK_FALSE(fs::exists(out));
    CHECK_THAT(slurp(err), Contains(f.string() + ":15:1: parameters[0].upper: expected lower < upper"));
}

TEST_CASE("moatsim report of a sensitivity directory shows its indices", "[sensitivity][report]") {
    const SaDir d;
    (void)run_sensitivity(load_sensitivity(d.write(sobol_file)), d.dir / "out", {});
    REQUIRE(is_analysis_directory(d.dir / "out"));
    const AnyResults results = read_any_results(d.dir / "out", report_run_metrics());
    REQUIRE(std::holds_alternative<AnalysisResults>(results));
    const std::string html = html_report(results, read_manifest_json(d.dir / "out"));
    CHECK_THAT(html, Contains("Which parameters the outputs hinge on"));
    CHECK_THAT(html, Contains("globals.scarcity_penalty</td>"));
    CHECK_THAT(html, Contains(">ST</td><td class=\"num\">0</td>"));  // its ST, exactly 0
}

TEST_CASE("a sensitivity directory is read once as an analysis, plot points to its SVG files",
          "[sensitivity][report]") {
    const SaDir d;
    (void)run_sensitivity(load_sensitivity(d.write(sobol_file)), d.dir / "out", {});
    CHECK(results_kind(d.dir / "out") == ResultsKind::analysis);
    // The SVG files beside the table are never read (their text would be markup in a report):
    // the charts are drawn from the table, one per output (sobol_1, sobol_2), whatever files
    // lie there. Without a manifest the settings the subtitles use are unknown (0).
    std::ofstream(d.dir / "out" / "sobol_1.svg") << "<svg>one</svg>";
    std::ofstream(d.dir / "out" / "sobol_3.svg") << "<svg>three</svg>";
    const AnyResults results = read_any_results(d.dir / "out", {});
    const auto& a = std::get<AnalysisResults>(results);
    CHECK(a.kind == AnalysisKind::sensitivity);
    CHECK(a.settings.samples == 0);
    const std::vector<AnalysisChart> charts = analysis_charts(a);
    REQUIRE(charts.size() == 2);
    CHECK(charts.front().name == "sobol_1");
    CHECK_THAT(charts.front().svg, Contains("Sobol indices: share_workload:A@6"));
    const std::string html = html_report(results, std::nullopt);
    CHECK_THAT(html, Contains("<figure id=\"chart-sobol_2\">"));
    CHECK_THAT(html, !Contains("<svg>one</svg>"));
    CHECK_THAT(html, !Contains("chart-sobol_3"));
    CHECK(a.table.find_column("parameter") != std::string::npos);
    CHECK_THROWS_WITH(plot_svg(results, std::nullopt), Contains("sobol_1.svg"));
}
