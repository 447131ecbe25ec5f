#include "market/result_memory.hpp"

#include <cmath>
#include <cstdio>

#include "agents/population.hpp"
#include "market/records.hpp"

namespace moatsim {

double result_bytes_per_replicate(int ticks, std::size_t clouds, std::size_t vendors) noexcept {
    // Each row owns two vectors; an allocation costs about 16 bytes of allocator header.
    constexpr double allocation = 16.0;
    const double row = static_cast<double>(sizeof(TickRecord)) + 2 * allocation +
                       static_cast<double>(clouds * sizeof(CloudRecord)) +
                       static_cast<double>(vendors * sizeof(VendorRecord));
    return static_cast<double>(sizeof(ReplicateResult)) + allocation +
           (static_cast<double>(ticks) + 1.0) * row;
}

std::string results_memory_problem(std::uint64_t replicates, int ticks, std::size_t clouds,
                                   std::size_t vendors) {
    const double per = result_bytes_per_replicate(ticks, clouds, vendors);
    const double needed = static_cast<double>(replicates) * per;
    const auto short_of = memory_shortfall(needed);
    if (!short_of) return {};
    const double available = *short_of;
    char buf[360];
    std::snprintf(buf, sizeof buf,
                  "the results of %llu replicates x %d ticks need about %.3g bytes (%.0f bytes "
                  "per replicate), more than the %.3g bytes of memory available (MemAvailable); "
                  "expected at most about %.0f replicates of this horizon on this machine",
                  static_cast<unsigned long long>(replicates), ticks, needed, per, available,
                  std::floor(available / per));
    return buf;
}

}  // namespace moatsim
