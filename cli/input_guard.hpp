#pragma once
// Checks on where a reading command (report, plot) writes, so that it never replaces one of
// the files it reads: `moatsim report DIR -o DIR/summary.csv` once turned the CSV into HTML.
#include <filesystem>
#include <string_view>

namespace moatsim::cli {

/// Throws InputError if `out` is DIR itself or the same file (by filesystem identity, so
/// through links and other spellings of the path) as one of the results DIR holds: its
/// top-level .csv, .json and .toml files, which report and plot read.
/// @param option  the option that named `out` ("-o", "--svg"), for the message
void refuse_overwriting_inputs(const std::filesystem::path& out, const std::filesystem::path& dir,
                               std::string_view option);

}  // namespace moatsim::cli
