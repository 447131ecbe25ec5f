#pragma once
// A run manifest: what was run, from which exact input bytes, by which build, with which
// seeds and threads, so any results directory can be traced back and reproduced.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/json_reader.hpp"

namespace moatsim {

/// One input file to fingerprint, e.g. {"scenario", "scenarios/baseline.toml"}.
struct ManifestInput {
    std::string role;
    std::filesystem::path file;
};

/// An event dated past the horizon, so not applied (market/scenario.hpp skipped_events).
struct SkippedEvent {
    std::string scenario;  // role of the scenario it is in: "scenario", "base", "alt", ...
    std::string id;        // "" if the event has none
    std::string date;      // YYYY-MM
    std::string kind;      // "catalog_add", ...
};

struct Manifest {
    std::string command;                    // "run", "compare", "sweep"
    std::vector<std::string> command_line;  // full argv, as typed
    std::vector<ManifestInput> inputs;      // scenario files incl. bases, sweep, population
    std::vector<std::uint64_t> seeds;
    int threads = 0;
    std::chrono::system_clock::time_point started;
    double wall_seconds = 0;                // s
    std::string kernel = "fast";            // choice kernel: "fast" or "reference"
    // Extra fields written after the fixed ones: integers as JSON numbers, e.g.
    // {"replicates", 4}, then strings, e.g. {"mode", "stochastic"}.
    std::vector<std::pair<std::string, std::int64_t>> counts;
    std::vector<std::pair<std::string, std::string>> notes;
    std::vector<SkippedEvent> skipped_events;
};

/// The manifest as pretty-printed JSON (2-space indent, trailing newline, fixed field order):
/// command, command_line, moatsim_version, git_commit, compiler, build_type, build_flags,
/// inputs [{role, path, sha256, bytes}], seeds, threads, started (ISO 8601 UTC),
/// wall_seconds, kernel, instruction_set (of the kernel clone that ran: "AVX-512", "AVX2" or
/// "SSE2"), each count as a number, each note as a string, then
/// skipped_events [{scenario, id, date, kind}].
/// @throws InputError naming an input file that cannot be read; std::invalid_argument if a
///         count or note reuses a fixed field name.
[[nodiscard]] std::string manifest_json(const Manifest& m);

/// Writes dir/manifest.json atomically; dir must exist.
/// @throws InputError naming an unreadable input or the manifest file if it cannot be written.
void write_manifest(const std::filesystem::path& dir, const Manifest& m);

/// The ranks of the MPI job this process is rank 0 of (docs/MPI.md): from now on every
/// manifest records them as "mpi_ranks" after "threads" (1, the default: no such field).
void set_manifest_mpi_ranks(int ranks) noexcept;

/// dir/manifest.json read back, or nullopt if there is none (reports show what it holds).
/// @throws InputError naming the file and line if it is unreadable or not a JSON object.
[[nodiscard]] std::optional<JsonValue> read_manifest_json(const std::filesystem::path& dir);

}  // namespace moatsim
