#pragma once
// A bound on how deeply a TOML document nests, checked on its text before toml++ parses it.
// toml++ caps nested arrays and inline tables (256) but not dotted keys: a header or key
// such as [a.a.a. ... .a] with tens of thousands of parts made it recurse until the stack
// overflowed. Every TOML reader goes through parse_toml (market/scenario_inheritance.hpp),
// which calls this first.
#include <string>
#include <string_view>

namespace moatsim::detail {

/// Deepest nesting a document may reach: dotted key parts plus the arrays and inline tables
/// around them. Scenario files nest about 4 deep.
inline constexpr int max_toml_nesting = 128;

/// Throws InputError "<name>:<line>:<column>: malformed TOML: ..." at the first key part or
/// bracket that nests deeper than max_toml_nesting; nothing else is judged here (toml++
/// reports every other syntax error).
void check_toml_nesting(std::string_view text, const std::string& name);

}  // namespace moatsim::detail
