#pragma once
// The memory a run's results take: every replicate keeps its rows 0..T (market/records.hpp)
// until the ensemble is summarised and written. Checked by the loader, before anything runs,
// so that an absurd --reps or --ticks is a clear message rather than bad_alloc.
#include <cstddef>
#include <cstdint>
#include <string>

namespace moatsim {

/// Bytes one replicate's rows take: (ticks + 1) rows of K cloud and M vendor records.
[[nodiscard]] double result_bytes_per_replicate(int ticks, std::size_t clouds,
                                                std::size_t vendors) noexcept;

/// Why `replicates` replicates' rows do not fit in the available memory ("need about ...
/// bytes (... bytes per replicate x R), more than the ... available"), or "" if they fit or
/// the available memory is unknown.
[[nodiscard]] std::string results_memory_problem(std::uint64_t replicates, int ticks,
                                                 std::size_t clouds, std::size_t vendors);

}  // namespace moatsim
