// Fuzz target: the JSON reader (viz/json_reader), as reports use it on manifest.json.
//
// Input: the JSON text. Properties: bad input gives an InputError and nothing else; a
// document that parses can be walked whole (as_text, find) and turned into the report's
// provenance facts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_support.hpp"
#include "io/json_reader.hpp"
#include "viz/report_parts.hpp"

namespace {

// Touches every value, so reads of a malformed tree would show up under ASan.
std::size_t walk(const moatsim::JsonValue& v) {
    std::size_t n = v.as_text().size();
    for (const auto& item : v.items) n += walk(item);
    for (const auto& [key, member] : v.members) {
        if (v.find(key) == nullptr) moatsim::fuzz::fail("find() misses member '" + key + "'");
        n += key.size() + walk(member);
    }
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace moatsim;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    // In memory: report::read_manifest is this parse plus reading the file, and file I/O
    // would cost most of each execution.
    fuzz::expect_input_errors_only([&] {
        const JsonValue v = parse_json(input, "fuzz.json");
        (void)walk(v);
        report::Facts facts;
        report::add_provenance(facts, v);
    });
    return 0;
}
