#include "io/fault_hook.hpp"

#include <csignal>
#include <cstdlib>
#include <string>

#include <unistd.h>

namespace moatsim {

bool fault_armed(std::string_view point) noexcept {
    const char* env = std::getenv("MOATSIM_FAULT_AT");
    if (env == nullptr) return false;
    std::string_view list(env);
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        if (list.substr(0, comma) == point) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

void fault_point(std::string_view point) noexcept {
    if (fault_armed(point)) std::raise(SIGKILL);
    if (fault_armed("hang:" + std::string(point)))
        for (;;) ::pause();  // until a signal ends the process
}

}  // namespace moatsim
