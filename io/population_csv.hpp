#pragma once
// Population files: one CSV row per enterprise, so users can export a drawn population,
// edit it, or bring real firm data (10 million rows and more), and run from it.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "agents/population.hpp"

namespace moatsim {

/// Writes a header and one row per enterprise:
/// id,size,alpha,beta,phi,home_cloud,taste_<vendor>...,adopted
/// home_cloud is the cloud's name; doubles are printed shortest-round-trip, so loading the
/// file gives back bit-identical values. Stops early if the stream fails: check it afterwards
/// (AtomicFile::commit does).
/// @param cloud_names   one per cloud, indexed by Population::home
/// @param vendor_names  one per vendor, in the order of Population::taste
void write_population_csv(std::ostream& out, const Population& pop,
                          const std::vector<std::string>& cloud_names,
                          const std::vector<std::string>& vendor_names);

/// Loads a file in the format above. Columns are matched by header name, in any order; each
/// listed column (a taste_<vendor> per vendor) is required and unknown columns are rejected.
/// Ids are unsigned 64-bit integers, unique; size, alpha, beta and phi are finite and >= 0;
/// tastes finite; home_cloud one of cloud_names; adopted 0 or 1. Accepts \n or \r\n line
/// ends, a trailing newline, a UTF-8 byte-order mark, spaces around fields and quoted fields.
/// Rows are kept in file order.
/// @throws InputError naming the file, the line and the column, and what was expected.
[[nodiscard]] Population load_population_csv(const std::filesystem::path& file,
                                             const std::vector<std::string>& cloud_names,
                                             const std::vector<std::string>& vendor_names);

/// The number of rows load_population_csv would load (data lines; trailing line ends end the
/// last row), counted without parsing: a partitioned run (core/partition.hpp) splits by it.
[[nodiscard]] std::uint64_t count_population_rows(const std::filesystem::path& file);

/// Only rows [rows.begin, rows.end) of the file (0-based, the header not counted), checked as
/// load_population_csv checks them, with errors naming the file's line; ids are unique within
/// the block. Ids equal to their row's global index are dropped, as load_population_csv
/// drops 0..N-1, and Population::first_key keeps the keys global. The file is read up to
/// the block's last row.
[[nodiscard]] Population load_population_csv_block(const std::filesystem::path& file,
                                                   const std::vector<std::string>& cloud_names,
                                                   const std::vector<std::string>& vendor_names,
                                                   const EnterpriseRange& rows);

}  // namespace moatsim
