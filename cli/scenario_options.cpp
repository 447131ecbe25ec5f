#include "cli/scenario_options.hpp"

#include <charconv>
#include <limits>

#include "core/input_error.hpp"
#include "core/input_text.hpp"

namespace moatsim::cli {
namespace {

// Parsed by hand: program_options reads "-1" as an unsigned 2^64 - 1 without complaint.
std::uint64_t parse_seed(const std::string& text) {
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    std::uint64_t seed = 0;
    const char* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data(), end, seed);
    if (text.empty() || ec != std::errc{} || p != end || seed > max)
        throw InputError("--seed: expected an integer in [0, " + std::to_string(max) +
                         "] (a TOML integer, so the resolved scenario can store it), got '" +
                         shown(text) + "'");
    return seed;
}

}  // namespace

po::command_line_style::style_t option_style() {
    // No prefix guessing: `--thread 2` or `--o` must not silently mean --threads or --out,
    // and an option added later must not change what an old command line means.
    return static_cast<po::command_line_style::style_t>(
        po::command_line_style::default_style & ~po::command_line_style::allow_guessing);
}

void add_seed_option(po::options_description& desc) {
    // Read as text: parse_seed gives the range message (program_options would wrap -1).
    desc.add_options()("seed", po::value<std::string>(),
                       "random seed, an integer >= 0 (overrides run.seed)");
}

void add_override_options(po::options_description& desc) {
    add_seed_option(desc);
    desc.add_options()
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
    if (vm.count("seed")) o.seed = parse_seed(vm["seed"].as<std::string>());
    if (vm.count("reps")) o.replicates = vm["reps"].as<int>();
    if (vm.count("ticks")) o.ticks = vm["ticks"].as<int>();
    if (vm.count("enterprises")) o.enterprises = vm["enterprises"].as<std::int64_t>();
    if (vm.count("mode")) {
        const auto& mode = vm["mode"].as<std::string>();
        if (mode == "stochastic") o.mode = Mode::stochastic;
        else if (mode == "expected") o.mode = Mode::expected;
        else throw InputError("--mode: expected 'stochastic' or 'expected', got '" + shown(mode) + "'");
    }
    if (vm.count("kernel")) {
        const auto& kernel = vm["kernel"].as<std::string>();
        if (kernel == "fast") o.kernel = Kernel::fast;
        else if (kernel == "reference") o.kernel = Kernel::reference;
        else throw InputError("--kernel: expected 'fast' or 'reference', got '" + shown(kernel) + "'");
    }
    return o;
}

po::variables_map parse_options_only(const std::vector<std::string>& args,
                                     const po::options_description& desc) {
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(desc).style(option_style()).run(), vm);
    po::notify(vm);
    return vm;
}

po::variables_map parse_with_positional(const std::vector<std::string>& args,
                                        const po::options_description& desc, const char* name) {
    po::options_description all;
    all.add(desc);
    all.add_options()(name, po::value<std::string>(), "");
    po::positional_options_description positional;
    positional.add(name, 1);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).style(option_style()).run(), vm);
    po::notify(vm);
    return vm;
}

po::variables_map parse_with_scenario(const std::vector<std::string>& args,
                                      const po::options_description& desc) {
    return parse_with_positional(args, desc, "scenario");
}

po::variables_map parse_base_alt(const std::vector<std::string>& args,
                                 const po::options_description& desc) {
    po::options_description all;
    all.add(desc);
    all.add_options()("base", po::value<std::string>(), "")("alt", po::value<std::string>(), "");
    po::positional_options_description positional;
    positional.add("base", 1).add("alt", 1);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).style(option_style()).run(), vm);
    po::notify(vm);
    return vm;
}

}  // namespace moatsim::cli
