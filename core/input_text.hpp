#pragma once
// User text in messages and user-chosen names, checked the same way by every reader
// (scenario and sweep files, population files, options). A name lands in CSV cells, file
// names and terminal output, so control characters are refused at the door; anything a
// message echoes is cut and escaped, so a 10 MB key or an ESC cannot flood or drive the
// terminal.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace moatsim {

/// Most characters of user text a message echoes; longer text is cut with "...".
inline constexpr std::size_t max_echo = 80;

/// `text` as a message may show it: control characters (U+0000-U+001F, U+007F, the C1
/// controls U+0080-U+009F and the bidirectional overrides and isolates U+202A-U+202E,
/// U+2066-U+2069) and bytes that are not UTF-8 written as \xNN, cut after `limit`
/// characters with "...(N bytes)".
[[nodiscard]] std::string shown(std::string_view text, std::size_t limit = max_echo);

/// Why `name` cannot be a name or id, or "" if it can: it contains a control character
/// (those `shown` escapes; the message gives the first and its position) or is not valid
/// UTF-8. Commas and quotes are allowed: every CSV writer quotes them (RFC 4180).
[[nodiscard]] std::string name_problem(std::string_view name);

/// Refuses, before it is opened, an input that is missing or not a regular file: fopen blocks
/// on a FIFO, and a device such as /dev/zero never ends.
/// @throws InputError "cannot open <what> '<file>': <reason>; expected <expected>"
void require_regular_file(const std::filesystem::path& file, std::string_view what,
                          std::string_view expected);

}  // namespace moatsim
