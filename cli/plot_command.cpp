// `moatsim plot DIR --svg FILE`: one chart of an output directory (run, compare or sweep) as a
// self-contained SVG, drawn from the directory's files alone.
#include <iostream>
#include <optional>

#include "core/input_error.hpp"
#include "cli/command_frame.hpp"
#include "cli/input_guard.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"
#include "io/any_results.hpp"
#include "io/atomic_file.hpp"
#include "io/plot_metrics.hpp"
#include "viz/result_charts.hpp"

namespace moatsim::cli {
namespace {

constexpr const char* plot_usage =
    "Usage: moatsim plot DIR --svg FILE [--metric M]\n"
    "  DIR of moatsim run: M over time per cloud (or vendor), mean with 95% band\n"
    "  DIR of moatsim compare: the paired difference per cloud with its 95% band\n"
    "  DIR of moatsim sweep: heatmap of the effect on AWS's M at the horizon over the first\n"
    "      two swept parameters (change from both at their lowest values)\n";

int plot(const po::variables_map& vm) {
    if (!vm.count("dir")) throw InputError("moatsim plot: missing DIR (an output directory)");
    if (!vm.count("svg")) throw InputError("moatsim plot: missing --svg FILE (where to write the chart)");
    std::optional<std::string> metric;
    if (vm.count("metric")) metric = vm["metric"].as<std::string>();
    const std::filesystem::path out = vm["svg"].as<std::string>();
    refuse_overwriting_inputs(out, vm["dir"].as<std::string>(), "--svg");
    // Everything is read and drawn before the file is opened: bad input writes nothing.
    const AnyResults results = read_any_results(vm["dir"].as<std::string>(), {run_plot_metric(metric)});
    const std::string svg = plot_svg(results, metric);
    write_file_atomically(out, svg);
    if (!vm.count("quiet")) std::cout << "Chart written to " << out.string() << "\n";
    return exit_ok;
}

}  // namespace

int plot_command(const std::vector<std::string>& args) {
    po::options_description desc("Plot options");
    desc.add_options()
        ("help,h", "show this help")
        ("svg", po::value<std::string>(), "write the chart to this SVG file (required)")
        ("metric", po::value<std::string>(),
         ("run: " + run_plot_metric_names() + " (default share_workload); compare: must be "
          "compare.csv's; sweep: a metric the sweep kept (default share_workload)").c_str())
        ("quiet,q", "no message");
    return run_parsed_command(
        "plot", plot_usage, desc, [&] { return parse_with_positional(args, desc, "dir"); },
        [&](const po::variables_map& vm) { return plot(vm); });
}

}  // namespace moatsim::cli
