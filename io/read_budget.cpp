#include "io/read_budget.hpp"

#include <cstdio>
#include <string>
#include <system_error>

#include "agents/population.hpp"
#include "core/input_error.hpp"
#include "core/input_text.hpp"

namespace moatsim {

void require_memory_to_read(const std::filesystem::path& file, double factor,
                            std::string_view what) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec) return;  // not a regular file or not there: the reader says so
    const double needed = static_cast<double>(size) * factor;
    const auto available = memory_shortfall(needed);
    if (!available) return;
    char numbers[200];
    std::snprintf(numbers, sizeof numbers,
                  " of %.3g bytes; reading it needs about %.3g bytes, more than the %.3g bytes "
                  "of memory available (MemAvailable)",
                  static_cast<double>(size), needed, *available);
    throw InputError(shown(file.string(), 1024) + ": " + std::string(what) + numbers +
                     "; expected a smaller file (is it the right one?)");
}

}  // namespace moatsim
