#include "experiments/run_overrides_reader.hpp"

namespace moatsim::detail {

ScenarioOverrides read_run_overrides(const TableReader& root,
                                     const ScenarioOverrides& command_line) {
    ScenarioOverrides o;
    if (root.find("replicates"))
        o.replicates = static_cast<int>(root.integer("replicates", 1, 1, int_max));
    if (root.find("seed")) o.seed = static_cast<std::uint64_t>(root.integer("seed", 1, 0, int64_max));
    if (root.find("ticks")) o.ticks = static_cast<int>(root.integer("ticks", 1, 1, 12000));
    if (root.find("enterprises"))
        o.enterprises = root.integer("enterprises", 1, 1, int64_max);
    if (root.find("mode"))
        o.mode = enum_at<Mode>(root.choice("mode", 0, enum_names<Mode>()));
    if (root.find("kernel"))
        o.kernel = enum_at<Kernel>(root.choice("kernel", 0, enum_names<Kernel>()));
    if (command_line.replicates) o.replicates = command_line.replicates;
    if (command_line.seed) o.seed = command_line.seed;
    if (command_line.ticks) o.ticks = command_line.ticks;
    if (command_line.enterprises) o.enterprises = command_line.enterprises;
    if (command_line.mode) o.mode = command_line.mode;
    if (command_line.kernel) o.kernel = command_line.kernel;
    return o;
}

}  // namespace moatsim::detail
