#include "io/temporaries.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace moatsim {
namespace fs = std::filesystem;

namespace {

// Never destroyed: a signal may arrive while the process is already running its static
// destructors on the way out, and the cleanup thread must still find the registry.
std::mutex& registry_mutex() {
    static auto* m = new std::mutex;
    return *m;
}

std::vector<fs::path>& registry() {
    static auto* paths = new std::vector<fs::path>;
    return *paths;
}

}  // namespace

void register_temporary(const fs::path& path) {
    const std::lock_guard lock(registry_mutex());
    registry().push_back(path);
}

void unregister_temporary(const fs::path& path) {
    const std::lock_guard lock(registry_mutex());
    auto& paths = registry();
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        if (*it == path) {
            paths.erase(it);
            return;
        }
    }
}

std::unique_lock<std::mutex> hold_temporaries() {
    return std::unique_lock(registry_mutex());
}

void remove_registered_temporaries() noexcept {
    const std::lock_guard lock(registry_mutex());
    for (const auto& path : registry()) {
        // Another thread may still be creating files in a directory being removed, which
        // makes remove_all fail with "directory not empty"; a few tries win that race.
        for (int attempt = 0; attempt < 5; ++attempt) {
            std::error_code ec;
            fs::remove_all(path, ec);
            if (!ec) break;
        }
    }
    registry().clear();
}

bool process_alive(long pid) noexcept {
    if (pid <= 0) return false;
    if (pid == static_cast<long>(::getpid())) return true;
    // EPERM: it exists but belongs to someone else.
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

std::optional<TemporaryName> parse_temporary_name(std::string_view name,
                                                  std::string_view marker) {
    const std::size_t at = name.rfind(marker);
    if (at == std::string_view::npos) return std::nullopt;
    const std::string_view digits = name.substr(at + marker.size());
    long pid = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    return TemporaryName{std::string(name.substr(0, at)), pid};
}

std::vector<fs::path> remove_stale_temporaries(const fs::path& dir, std::string_view marker,
                                               const std::optional<std::string>& stem) noexcept {
    std::vector<fs::path> removed;
    try {
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            const auto parsed = parse_temporary_name(name, marker);
            if (!parsed || (stem && parsed->stem != *stem) || process_alive(parsed->pid))
                continue;
            std::error_code gone;
            fs::remove_all(it->path(), gone);
            if (!gone) removed.push_back(it->path());
        }
    } catch (...) {  // allocation failure while listing: leave them for the next run
    }
    return removed;
}

}  // namespace moatsim
