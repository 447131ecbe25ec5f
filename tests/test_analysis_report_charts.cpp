// `moatsim report` of a sensitivity or uncertainty directory draws its charts from the
// directory's data (viz/analysis_charts.hpp), never from the SVG files beside it: for a
// directory the commands wrote, each chart in the page equals the file the command wrote; for
// one whose SVG files were tampered with, none of their markup reaches the page.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "io/file_text.hpp"
#include "viz/html_page.hpp"

namespace fs = std::filesystem;
using Catch::Contains;

namespace {

int moatsim(const std::string& args) {
    const int status = std::system((std::string(MOATSIM_CLI) + " " + args + " -q").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// What the page holds inside <figure id="chart-NAME">, or "" if there is no such figure.
std::string figure(const std::string& html, const std::string& name) {
    const std::string open = "<figure id=\"chart-" + name + "\">\n";
    const std::size_t at = html.find(open);
    if (at == std::string::npos) return {};
    const std::size_t from = at + open.size();
    return html.substr(from, html.find("</figure>\n", from) - from);
}

// A tiny base and alternative (as tests/test_sensitivity.cpp), a Sobol and a Morris file on
// them, and the priors of an uncertainty analysis, each run by the command itself.
struct Analyses {
    fs::path dir;
    Analyses() {
        dir = fs::temp_directory_path() / ("moatsim_analysis_charts_" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        std::ofstream(dir / "base.toml")
            << "name = \"mini\"\nstart = \"2025-01\"\n"
               "[clouds.A]\ntarget_share = 0.6\nprice = 4.0\ncatalog = [\"X\"]\n"
               "[clouds.B]\ntarget_share = 0.4\nprice = 3.0\ncatalog = [\"X\", \"Y\"]\n"
               "[vendors.X]\ntraining_split = { A = 1.0 }\n"
               "[vendors.Y]\ntraining_split = { A = 0.5, B = 0.5 }\n"
               "[run]\nticks = 12\nreplicates = 1\nmode = \"expected\"\n[population]\nenterprises = 300\n"
               "[globals]\ngpu_supply = 1.0e12\nheadroom = 3.0\n";
        std::ofstream(dir / "alt.toml") << "base = \"base.toml\"\nname = \"alt\"\n[clouds.B]\nprice = 2.5\n";
        const std::string parameters =
            "[[outputs]]\ncloud = \"A\"\nticks = [6, 12]\n"
            "[[parameters]]\nkey = \"globals.scarcity_penalty\"\ndistribution = \"uniform\"\nlower = 0.0\nupper = 5.0\n"
            "[[parameters]]\nkey = \"clouds.B.price\"\ndistribution = \"triangular\"\nlower = 2.0\nmode = 3.0\nupper = 4.0\n";
        std::ofstream(dir / "sobol.toml") << "name = \"sobol\"\nbase = \"base.toml\"\nalternative = \"alt.toml\"\n"
                                          << "[method]\nkind = \"sobol\"\nsamples = 8\nbootstrap = 20\n" << parameters;
        std::ofstream(dir / "morris.toml") << "name = \"morris\"\nbase = \"base.toml\"\n"
                                           << "[method]\nkind = \"morris\"\nsamples = 4\n" << parameters;
        std::ofstream(dir / "priors.toml")
            << "[[parameters]]\nkey = \"globals.switch_cost_cloud\"\ndistribution = \"normal\"\n"
               "mean = 1.0\nsd = 0.3\nlower = 0.0\n";
        const std::string d = dir.string() + "/";
        REQUIRE(moatsim("sensitivity " + d + "sobol.toml --out " + d + "sobol") == 0);
        REQUIRE(moatsim("sensitivity " + d + "morris.toml --out " + d + "morris") == 0);
        REQUIRE(moatsim("uncertainty " + d + "base.toml " + d + "alt.toml --priors " + d +
                        "priors.toml --draws 6 --out " + d + "fan") == 0);
    }
    ~Analyses() { fs::remove_all(dir); }
    [[nodiscard]] std::string report(const std::string& name) const {
        const fs::path out = dir / (name + ".html");
        REQUIRE(moatsim("report " + (dir / name).string() + " -o " + out.string()) == 0);
        return moatsim::read_whole_file(out);
    }
};

// The files the command wrote, e.g. sobol_1.svg, sobol_2.svg for prefix "sobol_".
std::vector<std::string> chart_names(const fs::path& dir, const std::string& prefix) {
    std::vector<std::string> names;
    for (int n = 1; fs::exists(dir / (prefix + std::to_string(n) + ".svg")); ++n)
        names.push_back(prefix + std::to_string(n));
    return names;
}

}  // namespace

TEST_CASE("report of sensitivity and uncertainty directories: each chart equals the command's SVG file",
          "[report][sensitivity]") {
    const Analyses a;
    for (const auto& [name, prefix, count] : {std::tuple{"sobol", "sobol_", 2}, std::tuple{"morris", "morris_", 2},
                                              std::tuple{"fan", "fan_", 2}}) {
        INFO(name);
        const std::vector<std::string> charts = chart_names(a.dir / name, prefix);
        REQUIRE(charts.size() == static_cast<std::size_t>(count));  // one per output or cloud
        const std::string html = a.report(name);
        for (const std::string& chart : charts) {
            INFO(chart);
            const std::string file = moatsim::read_whole_file(a.dir / name / (chart + ".svg"));
            CHECK_THAT(file, Contains("<svg"));
            CHECK(figure(html, chart) == moatsim::inline_svg(file));
        }
    }
    // The subtitles the manifest's settings give, and the stems of the uncertainty's scenarios.
    CHECK_THAT(moatsim::read_whole_file(a.dir / "sobol" / "sobol_1.svg"), Contains("N = 8, 95% bootstrap intervals (20 resamples)"));
    CHECK_THAT(moatsim::read_whole_file(a.dir / "sobol" / "sobol_1.svg"), Contains("Sobol indices: ALT - BASE, "));
    CHECK_THAT(moatsim::read_whole_file(a.dir / "morris" / "morris_1.svg"), Contains("r = 4 trajectories on 4 levels"));
    CHECK_THAT(moatsim::read_whole_file(a.dir / "fan" / "fan_1.svg"), Contains("with parameter uncertainty: alt - base"));
    CHECK_THAT(moatsim::read_whole_file(a.dir / "fan" / "fan_1.svg"), Contains("6 paired draws of 1 uncertain parameter(s)"));
}

TEST_CASE("report of an analysis directory with tampered SVG files embeds none of their markup",
          "[report][sensitivity]") {
    const Analyses a;
    const std::string honest_sobol = a.report("sobol"), honest_fan = a.report("fan");
    const std::string script = "<script>alert(1)</script>\n";
    const std::string handler = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(2)\">"
                                "<image href=\"http://tamper.invalid/x.png\"/></svg>\n";
    std::ofstream(a.dir / "sobol" / "sobol_1.svg") << script;
    std::ofstream(a.dir / "sobol" / "sobol_2.svg") << handler;
    std::ofstream(a.dir / "sobol" / "sobol_3.svg") << handler;  // one the command never wrote
    std::ofstream(a.dir / "morris" / "morris_1.svg") << handler;
    std::ofstream(a.dir / "fan" / "fan_1.svg") << script;
    std::ofstream(a.dir / "fan" / "fan_2.svg") << handler;
    for (const char* name : {"sobol", "morris", "fan"}) {
        INFO(name);
        const std::string html = a.report(name);
        CHECK_THAT(html, !Contains("<script"));
        CHECK_THAT(html, !Contains("alert("));
        CHECK_THAT(html, !Contains("onload"));
        CHECK_THAT(html, !Contains("http://tamper.invalid"));
        CHECK_THAT(html, !Contains("<image"));
        CHECK_THAT(html, !Contains("chart-sobol_3"));
    }
    // The page is the one the honest directory gave: the charts come from the data alone.
    CHECK(a.report("sobol") == honest_sobol);
    CHECK(a.report("fan") == honest_fan);
    // Text from the data that the charts now draw is escaped: markup in the CSV stays text.
    std::string csv = moatsim::read_whole_file(a.dir / "sobol" / "sensitivity.csv");
    for (std::size_t at; (at = csv.find("clouds.B.price")) != std::string::npos;)
        csv.replace(at, 14, "<script>alert(3)</script>");
    std::ofstream(a.dir / "sobol" / "sensitivity.csv", std::ios::trunc) << csv;
    const std::string html = a.report("sobol");
    CHECK_THAT(html, !Contains("<script"));
    CHECK_THAT(html, Contains("&lt;script&gt;alert(3)"));
}
