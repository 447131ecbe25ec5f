#pragma once
// A replicate's records and a numeric failure as bytes (experiments/job_bytes.hpp), for the
// replicates of a compare computed on other MPI ranks: every double bit for bit.
#include <string>
#include <string_view>

#include "market/records.hpp"
#include "market/tick_check.hpp"

namespace moatsim {

[[nodiscard]] std::string replicate_bytes(const ReplicateResult& result);
/// @throws std::runtime_error if the bytes are not a replicate's.
[[nodiscard]] ReplicateResult replicate_from_bytes(std::string_view bytes);

[[nodiscard]] std::string simulation_error_bytes(const SimulationError& error);
[[nodiscard]] SimulationError simulation_error_from_bytes(std::string_view bytes);

}  // namespace moatsim
