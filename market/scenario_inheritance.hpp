#pragma once
// Scenario inheritance (docs/SCENARIO.md, "Inheritance"): `base = "file.toml"` plus only the
// keys that change. Part of the loader: it merges the TOML documents before they are read,
// so every check the loader makes applies to the merged result, and messages name the file
// each value came from.
#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace moatsim::detail {

struct InheritedDocument {
    toml::table doc;                            // the merged document, without `base`
    std::vector<std::filesystem::path> bases;   // inherited files, nearest first
    bool calibrate_on_base = false;             // `calibrate = "base"` (the default with `base`)
};

/// Largest scenario, base or sweep file read (docs/SCENARIO.md, "Limits").
inline constexpr std::uintmax_t max_toml_bytes = std::uintmax_t{64} << 20;
/// Most files in one `base` chain, the scenario itself included.
inline constexpr std::size_t max_base_depth = 64;

/// The whole file as text, checked before reading: a regular file of at most max_toml_bytes.
/// @throws InputError "cannot open <what> '<file>': <reason>"
[[nodiscard]] std::string read_text_file(const std::filesystem::path& file, std::string_view what);

/// Parses TOML text; positions in the result carry `name` as their file.
/// @throws InputError "<name>:<line>:<col>: malformed TOML: ..."
[[nodiscard]] toml::table parse_toml(std::string_view text, const std::string& name);

/// Resolves `base` chains: tables merge key by key, other values replace, `[[events]]`
/// append, `drop_events` removes inherited events by id, and a table holding `dist` (a
/// population distribution) replaces the inherited one whole.
/// @param file  the document's own path; `base` is relative to its directory
/// @throws InputError for a missing base, a cycle, an unknown event id, or a bad key
[[nodiscard]] InheritedDocument resolve_inheritance(toml::table doc,
                                                    const std::filesystem::path& file);

}  // namespace moatsim::detail
