// Fuzz target: the population CSV reader (`moatsim run --population`).
//
// Input: the CSV file, read against baseline.toml's clouds and vendors (so populations
// exported from it are seeds).
// Properties: bad input gives an InputError and nothing else; a file that loads is written
// back (write_population_csv) and loads again to the same bytes, as --export-population
// followed by --population must.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "io/population_csv.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

const std::vector<std::string> clouds = {"AWS", "Azure", "Google", "Other"};
const std::vector<std::string> vendors = {"Anthropic", "OpenAI", "Google", "Meta", "Mistral",
                                          "Amazon", "Cohere", "DeepSeek", "OpenAI-oss"};

std::string written(const moatsim::Population& pop) {
    std::ostringstream out;
    moatsim::write_population_csv(out, pop, clouds, vendors);
    return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace moatsim;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto file = fuzz::write_scratch("population.csv", input);
    fuzz::expect_input_errors_only([&] {
        const std::string first = written(load_population_csv(file, clouds, vendors));
        const auto copy = fuzz::write_scratch("exported.csv", first);
        std::string second;
        try {
            second = written(load_population_csv(copy, clouds, vendors));
        } catch (const InputError& e) {
            fuzz::fail(std::string("an exported population does not load back: ") + e.what());
        }
        if (second != first) fuzz::fail("an exported population changes when loaded and exported again");
    });
    return 0;
}
