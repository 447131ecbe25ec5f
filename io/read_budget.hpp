#pragma once
// A file read whole (or line by line into memory) must fit in memory: checked from its size
// before reading, so that a huge or corrupted file is a clear message naming it rather than
// std::bad_alloc part way through. The population reader, which streams, bounds its lines
// instead (io/population_csv_reader.cpp).
#include <filesystem>
#include <string_view>

namespace moatsim {

/// How much memory reading a file takes, per byte of it: the text, then (for a CSV table)
/// a std::string per field and a vector per row.
inline constexpr double text_read_factor = 1.0;
inline constexpr double csv_table_read_factor = 5.0;

/// Throws InputError "<file>: <what> of N bytes; reading it needs about M bytes, more than the
/// A bytes of memory available (MemAvailable)" when size x factor does not fit; nothing if it
/// fits, or if the size or the available memory is unknown.
void require_memory_to_read(const std::filesystem::path& file, double factor,
                            std::string_view what);

}  // namespace moatsim
