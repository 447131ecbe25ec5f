// TOML nesting is bounded before toml++ parses: dotted keys with tens of thousands of parts
// used to overflow the stack in every TOML reader (scenarios, sweeps, priors, calibration
// files, resolved scenarios read back by report and plot).
#include <catch2/catch.hpp>

#include <string>

#include "core/input_error.hpp"
#include "io/resolved_events.hpp"
#include "market/scenario_inheritance.hpp"
#include "market/toml_nesting.hpp"
#include "tests/scratch_dir.hpp"

using namespace moatsim;
using namespace moatsim::detail;
using Catch::Contains;

namespace {

std::string repeat(const std::string& s, int n, const std::string& sep) {
    std::string out;
    for (int i = 0; i < n; ++i) out += (i ? sep : "") + s;
    return out;
}

const char* const too_deep = "nested more than 128 levels deep (expected at most 128)";

}  // namespace

TEST_CASE("dotted keys and headers nested past the bound are refused, not recursed into",
          "[hostile][toml]") {
    const std::string head = "name = \"x\"\n";
    CHECK_THROWS_WITH(parse_toml(head + "[" + repeat("a", 40000, ".") + "]\n", "x.toml"),
                      Contains("x.toml:2:") && Contains("malformed TOML") && Contains(too_deep));
    CHECK_THROWS_WITH(parse_toml(head + repeat("a", 40000, ".") + " = 1\n", "x.toml"),
                      Contains("x.toml:2:") && Contains(too_deep));
    CHECK_THROWS_WITH(parse_toml(head + repeat("\"q\"", 200, " . ") + " = 1\n", "x.toml"),
                      Contains(too_deep));  // quoted parts, spaces around the dots
    CHECK_THROWS_WITH(parse_toml(head + "[[" + repeat("a", 200, ".") + "]]\n", "x.toml"),
                      Contains(too_deep));
    // Inline tables under dotted keys: the depths add up (3 x 61 parts > 128).
    const std::string level = repeat("b", 60, ".") + " = {";
    CHECK_THROWS_WITH(parse_toml(head + "x = {" + level + level + level + "c = 1}}}}\n", "x.toml"),
                      Contains(too_deep));
    CHECK_THROWS_WITH(parse_toml(head + "x = " + std::string(200, '[') + std::string(200, ']') + "\n",
                                 "x.toml"),
                      Contains(too_deep));
    // The column is the position on its line, after a multi-line string and a comment.
    CHECK_THROWS_WITH(parse_toml("s = \"\"\"one\ntwo.\\\nthree\"\"\" # a.b.c\n" +
                                     repeat("k", 130, ".") + " = 1\n",
                                 "x.toml"),
                      Contains("x.toml:4:"));
}

TEST_CASE("ordinary documents pass the nesting bound", "[toml]") {
    // 100 dotted parts, long lines of floats, dots in strings and comments, multi-line arrays.
    const std::string text =
        "name = \"x\"  # a.b.c.d " + repeat("z", 300, ".") + "\n" +
        "floats = [" + repeat("1.5", 5000, ", ") + "]\n" +
        "dates = [2025-01-01T07:32:00.999Z, 1979-05-27]\n" +
        "text = \"" + repeat("p", 2000, ".") + "\"\n" +
        "lit = '" + repeat("p", 2000, ".") + "'\n" +
        "multi = '''\n" + repeat("m", 2000, ".") + "\n'''\n" +
        "nested = [\n  [1.5, 2.5],\n  {k.l.m = 3.5},\n]\n" +
        "inline = {" + repeat("c", 60, ".") + " = {d = [[1.0]]}}\n" +
        "[" + repeat("a", 100, ".") + "]\n";
    const toml::table doc = parse_toml(text, "ok.toml");
    REQUIRE(doc["floats"].as_array());
    CHECK(doc["floats"].as_array()->size() == 5000);
    CHECK(doc["a"]["a"].is_table());
    // A header of 128 parts nests 128 levels (its table, then 127 dotted parts): the bound.
    CHECK_NOTHROW(parse_toml("[" + repeat("a", 128, ".") + "]\n", "edge.toml"));
    CHECK_THROWS_WITH(parse_toml("[" + repeat("a", 129, ".") + "]\n", "edge.toml"), Contains(too_deep));
}

TEST_CASE("a resolved scenario read back by report and plot has the same bound", "[hostile][toml]") {
    const test::ScratchDir d("toml_nesting");
    const auto file = d.write("scenario.resolved.toml",
                              "name = \"x\"\n" + repeat("a", 40000, ".") + " = 1\n");
    CHECK_THROWS_WITH(read_scenario_info(file), Contains("scenario.resolved.toml:2:") && Contains(too_deep));
}
