// A custom experiment through the embedding facade: sweep the optionality weight over three
// values and print AWS's workload share after ten years, and its paired difference from the
// baseline (common random numbers, as `moatsim compare`; the baseline's own 0.5 differs by 0).
// Usage: custom_experiment SCENARIO.toml [ENTERPRISES]
#include <moatsim/moatsim.hpp>

#include <cstdio>
#include <string>

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s SCENARIO.toml [ENTERPRISES]\n", argv[0]);
        return 2;
    }
    namespace api = moatsim::api;
    api::Overrides o;
    o.replicates = 4;
    o.enterprises = argc > 2 ? std::stoll(argv[2]) : 20000;
    const api::Scenario base = api::load_scenario(argv[1], o);
    const int year10 = 120 < base.ticks() ? 120 : base.ticks();

    std::printf("moatsim %s: %s, AWS workload share at tick %d\n", api::version,
                base.name().c_str(), year10);
    std::printf("%-20s %10s %10s %22s\n", "optionality_weight", "base", "alt", "ALT-BASE [95% CI]");
    for (const double weight : {0.0, 0.5, 1.0}) {
        api::Overrides alt_o = o;
        alt_o.settings = {{"globals.optionality_weight", weight}};
        const api::Scenario alt = api::load_scenario(argv[1], alt_o);
        const api::Comparison c = api::compare(base, alt, {.cloud = "AWS"});
        const api::ComparisonRow& r = c.row("AWS", year10);
        std::printf("%-20g %10.4f %10.4f %+9.4f [%+.4f, %+.4f]\n", weight, r.mean_base,
                    r.mean_alt, r.diff, r.lo95, r.hi95);
    }
    return 0;
} catch (const moatsim::api::InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
} catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
}
