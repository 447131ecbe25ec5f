#pragma once
// Temporaries: the files and directories an output is built in before it is renamed into
// place. Each is named "<stem><marker><pid>" (e.g. "clouds.csv.tmp-4242",
// ".run1.tmp-4242"), so that
// - a signal handler can remove this process's own (they are registered here), and
// - the next run into the same place can tell a stale one (its pid is no longer running,
//   e.g. after a kill -9) from one a concurrent run is still writing, and remove it.
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moatsim {

/// Registers a path to be removed if the process is stopped by a signal.
void register_temporary(const std::filesystem::path& path);
/// Forgets a path (it was renamed into place or removed).
void unregister_temporary(const std::filesystem::path& path);
/// Held across a rename that publishes a result, so that a signal's cleanup runs before or
/// after it, never in the middle.
[[nodiscard]] std::unique_lock<std::mutex> hold_temporaries();
/// Removes every registered path (files and whole directories); for the signal path.
void remove_registered_temporaries() noexcept;

/// Whether a process with this id is running (ours counts as running).
[[nodiscard]] bool process_alive(long pid) noexcept;

/// "<stem><marker><digits>" split into stem and pid, or nothing.
struct TemporaryName {
    std::string stem;
    long pid = 0;
};
[[nodiscard]] std::optional<TemporaryName> parse_temporary_name(std::string_view name,
                                                               std::string_view marker);

/// Removes the entries of dir named "<stem><marker><pid>" whose pid is not running and whose
/// stem is `stem` (any stem if none given). Returns what was removed. Never throws: a stale
/// temporary that cannot be removed is left for the next run.
std::vector<std::filesystem::path> remove_stale_temporaries(
    const std::filesystem::path& dir, std::string_view marker,
    const std::optional<std::string>& stem = std::nullopt) noexcept;

}  // namespace moatsim
