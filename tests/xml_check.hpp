#pragma once
// A tiny XML well-formedness checker for the SVG tests, so they need no XML library: one root
// element, balanced and properly nested tags, quoted unique attributes, and no raw '<' or
// stray '&' in text or attribute values.
#include <string>
#include <string_view>

namespace moatsim::test {

/// "" if doc is well-formed XML (as the SVG writer produces it: prolog, elements, text,
/// comments), else what is wrong and at which byte.
[[nodiscard]] std::string xml_problem(std::string_view doc);

/// Occurrences of needle in text.
[[nodiscard]] std::size_t count_of(std::string_view text, std::string_view needle);

}  // namespace moatsim::test
