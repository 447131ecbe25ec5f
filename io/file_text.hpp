#pragma once
// A file's bytes as a string, for the small text files moatsim reads back whole (journals,
// plans, charts it drew). Inputs a user gives go through the checked readers instead.
#include <filesystem>
#include <string>

namespace moatsim {

/// The file's contents; "" if it cannot be opened (callers check that it exists first, or
/// treat a missing file as empty).
[[nodiscard]] std::string read_whole_file(const std::filesystem::path& file);

}  // namespace moatsim
