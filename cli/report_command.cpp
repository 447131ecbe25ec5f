// `moatsim report DIR [-o FILE]`: one self-contained HTML page for a run, compare or sweep
// directory (charts as inline SVG, key tables, events, provenance), from its files alone.
#include <filesystem>
#include <iostream>

#include "core/input_error.hpp"
#include "cli/command_frame.hpp"
#include "cli/input_guard.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"
#include "io/any_results.hpp"
#include "io/atomic_file.hpp"
#include "io/manifest.hpp"
#include "viz/html_report.hpp"

namespace moatsim::cli {
namespace {

constexpr const char* report_usage =
    "Usage: moatsim report DIR [-o FILE]\n"
    "  DIR of moatsim run: shares, prices, capacity, utilization and vendors over time with 95%\n"
    "      bands, events marked, a table of final shares\n"
    "  DIR of moatsim compare: the paired difference per cloud with its band, and a table at\n"
    "      1, 3 and 10 years\n"
    "  DIR of moatsim sweep: heatmaps of the effect on AWS at the horizon, lines per run group\n"
    "  DIR of moatsim sensitivity or uncertainty: its index bars or fan charts and its table\n"
    "  The page needs no network: no scripts, fonts or images are loaded from anywhere.\n";

int report(const po::variables_map& vm) {
    if (!vm.count("dir")) throw InputError("moatsim report: missing DIR (an output directory)");
    const std::filesystem::path dir = vm["dir"].as<std::string>();
    const std::filesystem::path out =
        vm.count("output") ? std::filesystem::path(vm["output"].as<std::string>()) : dir / "report.html";
    refuse_overwriting_inputs(out, dir, "-o");
    // Read and drawn in full before the file is opened: bad input writes nothing.
    const std::string html =
        html_report(read_any_results(dir, report_run_metrics()), read_manifest_json(dir));
    write_file_atomically(out, html);
    if (!vm.count("quiet")) std::cout << "Report written to " << out.string() << "\n";
    return exit_ok;
}

}  // namespace

int report_command(const std::vector<std::string>& args) {
    po::options_description desc("Report options");
    desc.add_options()
        ("help,h", "show this help")
        ("output,o", po::value<std::string>(), "write the page to this file (default DIR/report.html)")
        ("quiet,q", "no message");
    return run_parsed_command(
        "report", report_usage, desc, [&] { return parse_with_positional(args, desc, "dir"); },
        [&](const po::variables_map& vm) { return report(vm); });
}

}  // namespace moatsim::cli
