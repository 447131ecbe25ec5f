// Fuzz target: the scenario loader (TOML, validation, `base =` inheritance), the writer of
// scenario.resolved.toml, and the event reader the charts use.
//
// Input: the child scenario, optionally followed by a line "#%% base.toml" and the text of
// base.toml. Both are written into this process's scratch directory, so `base = "base.toml"`
// in the child inherits from the second part (and base.toml may name child.toml: a cycle).
//
// Properties: bad input gives an InputError and nothing else; a scenario that loads writes a
// resolved TOML that loads back to the same resolved TOML (what `moatsim run` relies on when
// it saves scenario.resolved.toml for reproduction).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "market/scenario_loader.hpp"
#include "market/scenario_writer.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "io/resolved_events.hpp"

namespace {

constexpr std::string_view separator = "\n#%% base.toml\n";

// `base` may name any path. Device and kernel files are not scenario inputs worth fuzzing
// (the size cap on them has its own tests) and /dev/stdin would block the fuzzer.
bool names_special_files(std::string_view text) {
    for (std::string_view dir : {"/dev", "/proc", "/sys"})
        if (text.find(dir) != std::string_view::npos) return true;
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace moatsim;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (names_special_files(input)) return -1;  // not added to the corpus
    const std::size_t cut = input.find(separator);
    const auto child = fuzz::write_scratch("child.toml", input.substr(0, cut));
    fuzz::write_scratch("base.toml", cut == std::string_view::npos ? std::string_view()
                                                                     : input.substr(cut + separator.size()));

    fuzz::expect_input_errors_only([&] {
        const Scenario s = load_scenario(child);
        const std::string resolved = resolved_toml(s);
        Scenario again;
        try {
            again = parse_scenario(resolved, s.source.string());
        } catch (const InputError& e) {
            fuzz::fail(std::string("resolved scenario does not load back: ") + e.what() +
                       "\n--- resolved:\n" + resolved);
        }
        if (resolved_toml(again) != resolved)
            fuzz::fail("resolved scenario changes when loaded and written again:\n" + resolved);
    });
    fuzz::expect_input_errors_only([&] { (void)read_scenario_info(child); });
    return 0;
}
