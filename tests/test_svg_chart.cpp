#include <catch2/catch.hpp>

#include <cmath>
#include <regex>
#include <string>
#include <vector>

#include "viz/axis_ticks.hpp"
#include "viz/chart.hpp"
#include "viz/heatmap.hpp"
#include "viz/palette.hpp"
#include "viz/svg_writer.hpp"
#include "xml_check.hpp"

using namespace moatsim;
using moatsim::test::count_of;
using moatsim::test::xml_problem;

namespace {

// Is step 1, 2 or 5 times a power of ten?
bool is_nice(double step) {
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    return std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 5) < 1e-9;
}

// The text of every <text class="tick"> inside the <g class="<axis>"> group.
std::vector<std::string> tick_texts(const std::string& svg, const std::string& axis) {
    const std::size_t begin = svg.find("<g class=\"" + axis + "\"");
    const std::size_t end = svg.find("</g>", begin);
    const std::string group = svg.substr(begin, end - begin);
    std::vector<std::string> out;
    const std::regex tick("<text class=\"tick\"[^>]*>([^<]*)</text>");
    for (auto it = std::sregex_iterator(group.begin(), group.end(), tick); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

LineChart three_clouds() {
    LineChart c;
    c.title = "Workload share by cloud";
    c.subtitle = "Mean of 4 replicates; shaded: 95% interval";
    c.x_label = "Month";
    c.y_label = "Workload share (%)";
    c.time_origin = YearMonth{2025, 1};
    const std::vector<std::string> names = {"AWS", "Azure & <Co> \"quoted\"", "Google"};
    for (std::size_t k = 0; k < names.size(); ++k) {
        ChartSeries s{names[k], {}, {}, {}, {}};
        for (int t = 0; t <= 24; ++t) {
            const double y = 30.0 - 5.0 * static_cast<double>(k) + 0.1 * t;
            s.x.push_back(t);
            s.y.push_back(y);
            s.lo.push_back(y - 1.5);
            s.hi.push_back(y + 1.5);
        }
        c.series.push_back(std::move(s));
    }
    c.markers = {{10, "claude_on_foundry", "2025-11 catalog_add Anthropic on Azure"}};
    return c;
}

}  // namespace

TEST_CASE("xml_escape escapes markup characters", "[svg]") {
    CHECK(xml_escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f");
    CHECK(xml_escape("plain text") == "plain text");
    CHECK(xml_escape(std::string("bell\x07")) == "bell ");  // not allowed in XML 1.0
}

TEST_CASE("the XML checker rejects broken documents", "[svg]") {
    CHECK(xml_problem("<a><b x=\"1\"/>t &amp; u</a>").empty());
    CHECK_FALSE(xml_problem("<a><b></a>").empty());
    CHECK_FALSE(xml_problem("<a>x & y</a>").empty());
    CHECK_FALSE(xml_problem("<a t=\"<\"/>").empty());
    CHECK_FALSE(xml_problem("<a x=\"1\" x=\"2\"/>").empty());
    CHECK_FALSE(xml_problem("<a/><b/>").empty());
}

TEST_CASE("nice ticks are 1, 2 or 5 times a power of ten and cover the data", "[svg][ticks]") {
    const AxisTicks t = nice_ticks(0.213, 0.347, 5);
    CHECK(t.step == Approx(0.02));
    CHECK(t.lo == Approx(0.2));
    CHECK(t.hi == Approx(0.36));
    REQUIRE(t.values.size() == 9);
    CHECK(tick_label(t.values[0], t.step, 0.36) == "0.20");

    const double ranges[][2] = {{0, 1}, {-3.7, 12.2}, {17.5, 34.9}, {1e6, 5.3e9}, {-0.004, 0.0011},
                                {99.9, 100.1}, {-250, -20}, {0, 47.3}};
    for (const auto& r : ranges) {
        for (int target : {3, 5, 8}) {
            const AxisTicks a = nice_ticks(r[0], r[1], target);
            INFO("range [" << r[0] << ", " << r[1] << "] target " << target << " step " << a.step);
            CHECK(is_nice(a.step));
            CHECK(a.lo <= r[0]);
            CHECK(a.hi >= r[1]);
            CHECK(a.values.size() >= 2);
            CHECK(a.values.size() <= static_cast<std::size_t>(2 * target + 2));
            for (std::size_t i = 1; i < a.values.size(); ++i)
                CHECK(a.values[i] - a.values[i - 1] == Approx(a.step));
        }
    }
    const AxisTicks flat = nice_ticks(5, 5);
    CHECK(flat.lo < 5);
    CHECK(flat.hi > 5);
    CHECK_THROWS_AS(nice_ticks(1, NAN), std::invalid_argument);
}

TEST_CASE("tick labels use the step's decimals and one SI suffix per axis", "[svg][ticks]") {
    CHECK(tick_label(2500000, 500000, 5e6) == "2.5M");
    CHECK(tick_label(3e9, 1e9, 6e9) == "3G");
    CHECK(tick_label(0, 1e9, 6e9) == "0");
    CHECK(tick_label(-1e-17, 0.05, 0.3) == "0.00");
    CHECK(tick_label(12500, 2500, 20000) == "12.5k");
    CHECK(tick_label(40, 10, 50) == "40");
    CHECK(tick_label(0.75, 0.25, 1) == "0.75");
}

TEST_CASE("month ticks fall on calendar boundaries", "[svg][ticks]") {
    const MonthTicks years = month_ticks(YearMonth{2025, 1}, 0, 120, 6);
    CHECK(years.step_months == 24);
    REQUIRE_FALSE(years.ticks.empty());
    for (const int t : years.ticks) CHECK(YearMonth{2025, 1}.plus_months(t).month == 1);
    CHECK(month_label(YearMonth{2025, 1}, years.ticks.front(), years.step_months) == "2026");

    const YearMonth feb{2025, 2};
    const MonthTicks quarters = month_ticks(feb, 0, 24, 8);
    CHECK(quarters.step_months == 3);
    for (const int t : quarters.ticks) CHECK((feb.plus_months(t).month - 1) % 3 == 0);
    CHECK(month_label(feb, quarters.ticks.front(), 3) == "2025-04");

    YearMonth parsed;
    CHECK(parse_year_month("2031-12", parsed));
    CHECK(parsed == YearMonth{2031, 12});
    CHECK_FALSE(parse_year_month("2031-13", parsed));
    CHECK_FALSE(parse_year_month("2031-1", parsed));
}

TEST_CASE("a line chart is well-formed SVG with one line per series, named in the legend", "[svg][chart]") {
    const std::string svg = line_chart_svg(three_clouds());
    INFO(svg.substr(0, 400));
    CHECK(xml_problem(svg).empty());
    CHECK(count_of(svg, "<path class=\"line\"") == 3);
    CHECK(count_of(svg, "<path class=\"band\"") == 3);
    CHECK(count_of(svg, "class=\"legend-entry\"") == 3);
    CHECK(count_of(svg, ">AWS</text>") == 1);
    CHECK(count_of(svg, ">Google</text>") == 1);
    // Escaped everywhere: legend text, data-series attribute, tooltip.
    CHECK(count_of(svg, "Azure &amp; &lt;Co&gt; &quot;quoted&quot;") >= 3);
    CHECK(svg.find("Azure & <Co>") == std::string::npos);
    CHECK(count_of(svg, ">Workload share (%)</text>") == 1);
    CHECK(count_of(svg, ">Month</text>") == 1);
    CHECK(count_of(svg, ">Workload share by cloud</text>") == 1);
    // The first three Okabe-Ito colours, in series order.
    CHECK(svg.find(okabe_ito[0]) < svg.find(okabe_ito[1]));
    CHECK(svg.find(okabe_ito[1]) < svg.find(okabe_ito[2]));
    // Self-contained: no external references.
    CHECK(svg.find("href") == std::string::npos);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("@import") == std::string::npos);
}

TEST_CASE("line chart axes: nice value ticks and dated month ticks", "[svg][chart]") {
    const std::string svg = line_chart_svg(three_clouds());
    const auto y = tick_texts(svg, "y-axis");
    REQUIRE(y.size() >= 3);
    std::vector<double> values;
    for (const auto& t : y) values.push_back(std::stod(t));
    const double step = values[1] - values[0];
    CHECK(is_nice(step));
    for (std::size_t i = 1; i < values.size(); ++i) CHECK(values[i] - values[i - 1] == Approx(step));
    CHECK(values.front() <= 30.0 - 10.0 - 1.5);  // lowest band
    CHECK(values.back() >= 30.0 + 2.4 + 1.5);    // highest band
    const auto x = tick_texts(svg, "x-axis");
    REQUIRE_FALSE(x.empty());
    for (const auto& t : x) {
        YearMonth m;
        const bool dated = parse_year_month(t, m) || std::regex_match(t, std::regex("20[0-9]{2}"));
        CHECK(dated);
    }
}

TEST_CASE("event markers are drawn and labelled, close ones share a label", "[svg][chart]") {
    LineChart c = three_clouds();
    std::string svg = line_chart_svg(c);
    CHECK(count_of(svg, "class=\"marker\"") == 1);
    CHECK(svg.find(">claude_on_foundry</text>") != std::string::npos);
    CHECK(svg.find("catalog_add Anthropic on Azure") != std::string::npos);  // tooltip
    c.markers.push_back({10, "openai_aws_deal", ""});  // same month: one shared label
    c.markers.push_back({99, "outside the axis", ""});
    svg = line_chart_svg(c);
    CHECK(count_of(svg, "class=\"marker\"") == 2);
    CHECK(count_of(svg, "class=\"marker-label\"") == 1);
    CHECK(svg.find("claude_on_foundry, openai_aws_deal") != std::string::npos);
    CHECK(svg.find("outside the axis") == std::string::npos);

    // On a ten-year axis, events a month apart are a few pixels apart: their labels merge,
    // and what does not fit is counted.
    c.series[0].x.back() = 120;
    c.markers = {{7, "gpt_oss_bedrock", ""}, {7, "gpt_oss_foundry", ""}, {7, "gpt_oss_vertex", ""},
                 {9, "anthropic_google_tpu_deal", ""}, {10, "claude_on_foundry", ""},
                 {10, "openai_aws_deal", ""}, {60, "later", ""}};
    svg = line_chart_svg(c);
    CHECK(count_of(svg, "class=\"marker\"") == 7);
    CHECK(count_of(svg, "class=\"marker-label\"") == 2);
    CHECK(std::regex_search(svg, std::regex(">gpt_oss_bedrock, [^<]* \\+[0-9] more</text>")));
    CHECK(svg.find(">later</text>") != std::string::npos);
}

TEST_CASE("differences include zero, gaps break lines, bad series are rejected", "[svg][chart]") {
    LineChart c;
    c.title = "diff";
    c.include_zero = true;
    c.series = {{"AWS", {0, 1, 2, 3}, {2.0, NAN, 3.0, 4.0}, {}, {}}};
    const std::string svg = line_chart_svg(c);
    CHECK(xml_problem(svg).empty());
    CHECK(tick_texts(svg, "y-axis").front() == "0");
    const std::regex line("<path class=\"line\" data-series=\"AWS\" d=\"([^\"]*)\"");
    std::smatch m;
    REQUIRE(std::regex_search(svg, m, line));
    CHECK(count_of(m[1].str(), "M") == 2);  // the NaN splits the line in two
    CHECK(count_of(svg, "class=\"band\"") == 0);

    c.series[0].lo = {1.0};
    CHECK_THROWS_AS(line_chart_svg(c), std::invalid_argument);
    c.series[0] = {"empty", {0}, {NAN}, {}, {}};
    CHECK_THROWS_AS(line_chart_svg(c), std::invalid_argument);
}

TEST_CASE("heatmap: one cell per grid point, diverging colours centred on zero", "[svg][heatmap]") {
    CHECK(diverging_colour(0, 1) == "#ffffff");
    CHECK(diverging_colour(-1, 1) == "#0072b2");
    CHECK(diverging_colour(2, 1) == "#d55e00");
    CHECK(diverging_colour(NAN, 1) == "#dddddd");

    Heatmap h;
    h.title = "Effect on AWS workload share";
    h.x_label = "clouds.AWS.silicon_discount";
    h.y_label = "globals.switch_cost_cloud";
    h.value_label = "Change in AWS workload share (pp)";
    h.x_values = {"0", "0.2", "0.4"};
    h.y_values = {"2", "5"};
    h.cells = {0.0, 1.25, 2.5, -0.5, NAN, 3.0};
    const std::string svg = heatmap_svg(h);
    CHECK(xml_problem(svg).empty());
    CHECK(count_of(svg, "class=\"cell\"") == 6);
    CHECK(svg.find(">+2.5</text>") != std::string::npos);
    CHECK(svg.find(">-0.5</text>") != std::string::npos);
    CHECK(svg.find(">no data</text>") != std::string::npos);
    CHECK(svg.find(">clouds.AWS.silicon_discount</text>") != std::string::npos);
    CHECK(svg.find(">Change in AWS workload share (pp)</text>") != std::string::npos);
    h.cells.pop_back();
    CHECK_THROWS_AS(heatmap_svg(h), std::invalid_argument);
}
