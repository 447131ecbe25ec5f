// The backtest: history files (io/history_csv), lining a run up with observations by date
// (experiments/backtest), fit statistics, bad input.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/input_error.hpp"
#include "experiments/backtest.hpp"
#include "history_fixture.hpp"
#include "viz/chart.hpp"

using namespace moatsim;
using Catch::Contains;

namespace {

const char* header = "date,series,measure,entity,observed,band,source\n";

std::string read_error(const std::filesystem::path& file) {
    try {
        (void)read_history(file);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("history files shipped in data/history read and line up with history_2023", "[backtest]") {
    const auto history = read_history(std::filesystem::path(MOATSIM_SOURCE_DIR) / "data" / "history");
    REQUIRE(history.size() > 40);
    const Scenario s = load_scenario(test::history_scenario(), test::small_history());
    REQUIRE_NOTHROW(check_history(s, history));
    for (const auto& o : history) {
        CHECK(o.band > 0);
        CHECK(!o.source.empty());
    }
}

TEST_CASE("malformed history rows are reported at file:line:column", "[backtest]") {
    const test::ScratchDir d;
    CHECK_THAT(read_error(d.write("a.csv", std::string(header) + "2023-13,s,cloud_share,AWS,0.3,0.02,x\n")),
               Contains("a.csv:2:1: date: expected a month YYYY-MM, got '2023-13'"));
    CHECK_THAT(read_error(d.write("b.csv", std::string(header) + "2023-02,s,cloud,AWS,0.3,0.02,x\n")),
               Contains("b.csv:2:3: measure: expected cloud_share or vendor_share"));
    CHECK_THAT(read_error(d.write("c.csv", std::string(header) + "2023-02,s,cloud_share,AWS,0.3,0,x\n")),
               Contains("c.csv:2:6: band: expected a fraction in (0, 1], got '0'"));
    CHECK_THAT(read_error(d.write("e.csv", std::string(header) + "2023-02,s,cloud_share,AWS,30%,0.02,x\n")),
               Contains("e.csv:2:5: observed: expected a fraction in [0, 1], got '30%'"));
    CHECK_THAT(read_error(d.write("f.csv", "date,series,measure,entity,observed,band,source,extra\n")),
               Contains("unknown column 'extra'"));
    CHECK_THAT(read_error(d.write("g.csv", "date,series,measure,entity,observed,source\n")),
               Contains("no column 'band'"));
}

TEST_CASE("observations outside the run or naming unknown entities are rejected", "[backtest]") {
    const test::ScratchDir d;
    const Scenario s = load_scenario(test::history_scenario(), test::small_history());
    auto error = [&](const std::string& row) {
        try {
            check_history(s, read_history(d.write("h.csv", header + row)));
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK_THAT(error("2022-12,s,cloud_share,AWS,0.3,0.02,x\n"),
               Contains("h.csv:2:1: date: observation dated 2022-12 lies outside the run"));
    CHECK_THAT(error("2026-02,s,cloud_share,AWS,0.3,0.02,x\n"), Contains("(2023-01 to 2026-01)"));
    CHECK_THAT(error("2024-02,s,cloud_share,Oracle,0.3,0.02,x\n"),
               Contains("h.csv:2:4: entity: unknown cloud 'Oracle'"));
    CHECK_THAT(error("2024-02,s,vendor_share,xAI,0.3,0.02,x\n"), Contains("unknown vendor 'xAI'"));
    CHECK(error("2026-01,s,vendor_share,Google,0.3,0.02,x\n") == "no error");
}

TEST_CASE("observations made by the model itself fit exactly, shifted ones by their shift", "[backtest]") {
    const auto o = test::small_history();
    auto obs = test::model_observations(o, {}, {"2023-01", "2024-06", "2026-01"}, {"OpenAI", "Meta"}, 0.02);
    REQUIRE(obs.size() % 2 == 0);
    const Scenario s = load_scenario(test::history_scenario(), o);
    const BacktestResult exact = run_backtest(s, obs);
    for (const auto& r : exact.rows) {
        CHECK(r.residual == 0.0);
        CHECK(r.inside_band);
        CHECK(r.tick == r.obs.date.months_since(s.start));
    }
    // Row 0 is the calibrated start: the clouds' shares are their 2023 targets.
    CHECK(exact.rows[0].model == Approx(s.clouds[0].target_share).margin(1e-6));
    for (std::size_t i = 0; i < obs.size(); ++i) obs[i].observed += (i % 2 ? 0.03 : -0.01);
    const BacktestResult shifted = run_backtest(s, obs);
    const SeriesFit& all = shifted.series.back();
    CHECK(all.series == "all");
    CHECK(all.rmse == Approx(std::sqrt((0.03 * 0.03 + 0.01 * 0.01) / 2)).epsilon(1e-9));
    CHECK(all.inside_share == Approx(0.5));
    CHECK(band_chi2(shifted.rows) ==
          Approx(obs.size() / 2 * (1.5 * 1.5 + 0.5 * 0.5)).epsilon(1e-9));
}

TEST_CASE("the backtest is deterministic and its switching rate is a yearly fraction", "[backtest]") {
    const auto o = test::small_history();
    const auto obs = test::model_observations(o, {}, {"2024-06"}, {}, 0.02);
    const Scenario s = load_scenario(test::history_scenario(), o);
    const BacktestResult a = run_backtest(s, obs), b = run_backtest(s, obs);
    REQUIRE(a.rows.size() == b.rows.size());
    for (std::size_t i = 0; i < a.rows.size(); ++i) CHECK(a.rows[i].model == b.rows[i].model);
    CHECK(a.switching_rate == b.switching_rate);
    CHECK(a.switching_rate > 0);
    CHECK(a.switching_rate < 0.2);
}

TEST_CASE("observation series are drawn as dots with whiskers in their entity's colour", "[backtest]") {
    LineChart c;
    c.title = "t";
    c.series.push_back({"AWS (model)", {0, 1, 2}, {30, 31, 32}, {}, {}});
    ChartSeries obs{"AWS (synergy)", {1, 2}, {29, 35}, {27, 33}, {31, 37}};
    obs.points = true;
    obs.colour = 0;
    c.series.push_back(obs);
    const std::string svg = line_chart_svg(c);
    CHECK_THAT(svg, Contains("class=\"points\" data-series=\"AWS (synergy)\""));
    std::size_t circles = 0;
    for (std::size_t at = svg.find("<circle"); at != std::string::npos; at = svg.find("<circle", at + 1)) ++circles;
    CHECK(circles == 3);  // two observations and the legend's dot
    CHECK(svg.find("class=\"line\" data-series=\"AWS (synergy)\"") == std::string::npos);
}
