// `moatsim validate`: load and check a scenario, print what a run would do, run nothing.
#include <fmt/format.h>

#include <iostream>

#include "core/input_error.hpp"
#include "agents/fast_choice.hpp"
#include "cli/commands.hpp"
#include "cli/run_manifest.hpp"
#include "cli/scenario_options.hpp"
#include "market/parameter_docs.hpp"

namespace moatsim::cli {
namespace {

std::string describe(const Scenario& s) {
    std::string out = fmt::format("{}: valid\n", s.source.string());
    out += fmt::format("scenario   {}{}\n", s.name, s.description.empty() ? "" : " - " + s.description);
    out += fmt::format("horizon    {} to {} ({} monthly ticks)\n", s.start.to_string(),
                       s.start.plus_months(s.run.ticks).to_string(), s.run.ticks);
    out += fmt::format("run        {} replicate(s), seed {}, {} mode, {} enterprises, {} kernel\n",
                       s.run.replicates, s.run.seed,
                       s.run.mode == Mode::expected ? "expected" : "stochastic",
                       s.population.enterprises,
                       s.run.kernel == Kernel::reference ? "reference (SSE2)"
                                                         : fmt::format("fast ({})", kernel_instruction_set()));
    if (!s.bases.empty()) {
        std::string chain;
        for (const auto& b : s.bases) chain += " -> " + b.string();
        out += fmt::format("inherits   {}{}\n", s.source.string(), chain);
    }
    const char* brands = s.calibration == CalibrationMethod::none
                             ? "as given (calibration = none)"
                         : s.calibrate_on_base
                             ? "calibrated on the root base, then this file's changes apply"
                             : "calibrated to the target shares (Berry)";
    out += fmt::format("brands     {}\n", brands);
    out += fmt::format("\n{:<10}{:>8}{:>8}{:>10}  catalog\n", "cloud", "target", "price", "silicon");
    for (const auto& c : s.clouds) {
        std::string catalog;
        for (std::size_t m = 0; m < s.vendors.size(); ++m)
            if (c.offers[m]) catalog += (catalog.empty() ? "" : ", ") + s.vendors[m].name;
        out += fmt::format("{:<10}{:>7.1f}%{:>8.2f}{:>9.0f}%  {}\n", c.name, 100 * c.target_share,
                           c.price, 100 * c.silicon_discount, catalog.empty() ? "(none)" : catalog);
    }
    out += fmt::format("\n{:<12}{:>9}{:>8}{:>9}\n", "vendor", "quality", "margin", "reinvest");
    for (const auto& v : s.vendors)
        out += fmt::format("{:<12}{:>9.2f}{:>8.2f}{:>8.0f}%\n", v.name, v.quality0, v.margin,
                           100 * v.reinvest);
    // From the parameter tables (market/parameter_table.hpp): units and defaults included.
    const auto changed = parameters_set_away_from_defaults(s);
    out += fmt::format("\n{} parameter(s) of [globals] and [population] away from their defaults\n",
                       changed.size());
    for (const auto& line : changed) out += "  " + line + "\n";
    out += fmt::format("\n{} event(s)\n", s.events.size());
    for (const auto& e : s.events) {
        const auto* set = e.as<event::Set>();
        const std::string what = !e.note.empty() ? e.note : set ? set->parameter : "";
        out += fmt::format("  {}  {:<15} {}{}\n", s.start.plus_months(e.tick).to_string(),
                           to_string(e.kind()), e.id.empty() ? "" : "[" + e.id + "] ", what);
    }
    if (const std::string skipped = skipped_events_text(s); !skipped.empty())
        out += skipped + "\n";
    return out;
}

}  // namespace

int validate_command(const std::vector<std::string>& args) {
    po::options_description desc("Validate options");
    desc.add_options()("help,h", "show this help");
    add_override_options(desc);
    try {
        const auto vm = parse_with_scenario(args, desc);
        if (vm.count("help")) {
            std::cout << "Usage: moatsim validate SCENARIO.toml [options]\n" << desc;
            return exit_ok;
        }
        if (!vm.count("scenario")) throw InputError("moatsim validate: missing SCENARIO.toml");
        std::cout << describe(load_scenario(vm["scenario"].as<std::string>(), overrides_from(vm)));
        return exit_ok;
    } catch (const po::error& e) {
        std::cerr << "moatsim validate: " << e.what() << "\n";
        return exit_bad_input;
    } catch (const InputError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return exit_bad_input;
    }
}

}  // namespace moatsim::cli
