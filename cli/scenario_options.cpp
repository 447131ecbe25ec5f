#include "cli/scenario_options.hpp"

#include "core/input_error.hpp"

namespace moatsim::cli {

void add_override_options(po::options_description& desc) {
    desc.add_options()
        ("seed", po::value<std::uint64_t>(), "random seed (overrides run.seed)")
        ("reps", po::value<int>(), "number of replicates (overrides run.replicates)")
        ("ticks", po::value<int>(), "horizon in months (overrides run.ticks)")
        ("mode", po::value<std::string>(), "stochastic | expected (overrides run.mode)")
        ("kernel", po::value<std::string>(),
         "fast | reference: choice kernel (overrides run.kernel; reference is the scalar libm one)")
        ("enterprises", po::value<std::int64_t>(),
         "number of simulated enterprises (overrides population.enterprises)");
}

ScenarioOverrides overrides_from(const po::variables_map& vm) {
    ScenarioOverrides o;
    if (vm.count("seed")) o.seed = vm["seed"].as<std::uint64_t>();
    if (vm.count("reps")) o.replicates = vm["reps"].as<int>();
    if (vm.count("ticks")) o.ticks = vm["ticks"].as<int>();
    if (vm.count("enterprises")) o.enterprises = vm["enterprises"].as<std::int64_t>();
    if (vm.count("mode")) {
        const auto& mode = vm["mode"].as<std::string>();
        o.mode = parse_enum<Mode>(mode);
        if (!o.mode) throw InputError("--mode: expected 'stochastic' or 'expected', got '" + mode + "'");
    }
    if (vm.count("kernel")) {
        const auto& kernel = vm["kernel"].as<std::string>();
        o.kernel = parse_enum<Kernel>(kernel);
        if (!o.kernel) throw InputError("--kernel: expected 'fast' or 'reference', got '" + kernel + "'");
    }
    return o;
}

po::variables_map parse_with_positional(const std::vector<std::string>& args,
                                        const po::options_description& desc, const char* name) {
    po::options_description all;
    all.add(desc);
    all.add_options()(name, po::value<std::string>(), "");
    po::positional_options_description positional;
    positional.add(name, 1);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
    return vm;
}

po::variables_map parse_with_scenario(const std::vector<std::string>& args,
                                      const po::options_description& desc) {
    return parse_with_positional(args, desc, "scenario");
}

}  // namespace moatsim::cli
