#include "history_fixture.hpp"

#include <unistd.h>

#include <fstream>

#include "experiments/backtest.hpp"
#include "experiments/ensemble.hpp"

namespace moatsim::test {

std::filesystem::path history_scenario() {
    return std::filesystem::path(MOATSIM_SOURCE_DIR) / "scenarios" / "history_2023.toml";
}

ScenarioOverrides small_history(std::int64_t enterprises) {
    ScenarioOverrides o;
    o.enterprises = enterprises;
    o.mode = Mode::expected;
    o.replicates = 1;
    return o;
}

ScratchDir::ScratchDir() {
    static int count = 0;
    dir = std::filesystem::temp_directory_path() /
          ("moatsim_history_" + std::to_string(::getpid()) + "_" + std::to_string(count++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

std::filesystem::path ScratchDir::write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return dir / name;
}

std::vector<Observation> model_observations(const ScenarioOverrides& overrides,
                                            const std::vector<KeySetting>& settings,
                                            const std::vector<std::string>& dates,
                                            const std::vector<std::string>& vendors, double band) {
    const Scenario s = load_scenario(history_scenario(), overrides, settings);
    std::vector<Observation> probes;
    for (const auto& d : dates) {
        Observation o;
        (void)parse_year_month(d, o.date);
        o.series = "synthetic";
        o.band = band;
        for (const auto& c : s.clouds) {
            o.measure = Measure::cloud_share;
            o.entity = c.name;
            probes.push_back(o);
        }
        for (const auto& v : vendors) {
            o.measure = Measure::vendor_share;
            o.entity = v;
            probes.push_back(o);
        }
    }
    const BacktestResult b = run_backtest(s, probes);
    std::vector<Observation> out;
    for (const auto& r : b.rows) {
        Observation o = r.obs;
        o.observed = r.model;
        out.push_back(o);
    }
    return out;
}

}  // namespace moatsim::test
