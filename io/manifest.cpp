#include "io/manifest.hpp"
#include "io/read_budget.hpp"

#include <atomic>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include "agents/fast_choice.hpp"
#include "core/input_error.hpp"
#include "moatsim_version.hpp"
#include "io/atomic_file.hpp"
#include "io/sha256.hpp"

namespace moatsim {
namespace {

// set_manifest_mpi_ranks: a property of the process, like the compiler and the commit.
std::atomic<int> manifest_mpi_ranks{1};

// JSON string literal (RFC 8259 section 7). Bytes >= 0x80 pass through unchanged: argv and
// paths are UTF-8 on the systems we run on, and re-encoding them would change what was typed.
std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (u < 0x20 || u == 0x7f) {
                    static constexpr char digits[] = "0123456789abcdef";
                    out += "\\u00";
                    out += digits[u >> 4];
                    out += digits[u & 0xf];
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

// Shortest text that reads back to the same double; JSON has no NaN or infinity.
std::string number(double x) {
    if (!std::isfinite(x)) return "null";
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
    return ec == std::errc{} ? std::string(buf, end) : "null";
}

// ISO 8601 in UTC at whole seconds, independent of the machine's time zone.
std::string iso8601_utc(std::chrono::system_clock::time_point t) {
    const std::time_t secs =
        std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
    std::tm utc{};
    gmtime_r(&secs, &utc);
    char buf[32];
    const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return std::string(buf, n);
}

std::uintmax_t file_bytes(const std::filesystem::path& file) {
    std::error_code ec;
    const std::uintmax_t n = std::filesystem::file_size(file, ec);
    if (ec) throw InputError("cannot read '" + file.string() + "': " + ec.message());
    return n;
}

// Arrays of scalars on one line; arrays of objects one element per line.
template <typename T, typename Format>
std::string inline_array(const std::vector<T>& items, Format format) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + format(items[i]);
    return out + "]";
}

template <typename T, typename Format>
std::string object_array(const std::vector<T>& items, Format format) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ",\n    " : "\n    ") + format(items[i]);
    return out + (items.empty() ? "]" : "\n  ]");
}

}  // namespace

std::string manifest_json(const Manifest& m) {
    std::string out = "{\n";
    // Every field but the first is preceded by ",\n", so the order below is the file's order.
    bool first = true;
    const auto field = [&](std::string_view key, const std::string& value) {
        out += first ? "" : ",\n";
        first = false;
        out += "  " + json_string(key) + ": " + value;
    };

    field("command", json_string(m.command));
    field("command_line",
          inline_array(m.command_line, [](const std::string& a) { return json_string(a); }));
    field("moatsim_version", json_string(version_string));
    field("git_commit", json_string(git_commit));
    field("compiler", json_string(compiler));
    field("build_type", json_string(build_type));
    field("build_flags", json_string(build_flags));

    field("inputs", object_array(m.inputs, [](const ManifestInput& in) {
        // Size first: it gives the clearer error for a missing file.
        const std::uintmax_t bytes = file_bytes(in.file);
        return "{\"role\": " + json_string(in.role) + ", \"path\": " +
               json_string(in.file.string()) + ", \"sha256\": " +
               json_string(sha256_file_hex(in.file)) + ", \"bytes\": " + std::to_string(bytes) +
               "}";
    }));

    field("seeds", inline_array(m.seeds, [](std::uint64_t s) { return std::to_string(s); }));
    field("threads", std::to_string(m.threads));
    if (const int ranks = manifest_mpi_ranks.load(); ranks > 1) field("mpi_ranks", std::to_string(ranks));
    field("started", json_string(iso8601_utc(m.started)));
    field("wall_seconds", number(m.wall_seconds));
    field("kernel", json_string(m.kernel));
    // The reference kernel is plain scalar code, not cloned: it runs the x86-64 baseline.
    field("instruction_set", json_string(m.kernel == "reference" ? "SSE2" : kernel_instruction_set()));
    // A note reusing a fixed field's name would make a duplicate key, which JSON readers
    // resolve differently; that is a caller bug, so refuse it rather than write ambiguity.
    static constexpr std::string_view fixed[] = {
        "command", "command_line", "moatsim_version", "git_commit", "compiler", "build_type",
        "build_flags", "inputs", "seeds", "threads", "mpi_ranks", "started", "wall_seconds", "kernel",
        "instruction_set", "skipped_events"};
    const auto extra = [&](const std::string& key, const std::string& value) {
        if (std::find(std::begin(fixed), std::end(fixed), key) != std::end(fixed))
            throw std::invalid_argument("manifest note '" + key + "' clashes with a fixed field");
        field(key, value);
    };
    for (const auto& [key, value] : m.counts) extra(key, std::to_string(value));
    for (const auto& [key, value] : m.notes) extra(key, json_string(value));
    field("skipped_events", object_array(m.skipped_events, [](const SkippedEvent& e) {
        return "{\"scenario\": " + json_string(e.scenario) + ", \"id\": " + json_string(e.id) +
               ", \"date\": " + json_string(e.date) + ", \"kind\": " + json_string(e.kind) + "}";
    }));
    return out + "\n}\n";
}

void set_manifest_mpi_ranks(int ranks) noexcept { manifest_mpi_ranks = ranks; }

void write_manifest(const std::filesystem::path& dir, const Manifest& m) {
    // Hash everything before opening the output, so an unreadable input leaves no file at all.
    const std::string text = manifest_json(m);
    write_file_atomically(dir / "manifest.json", text);
}

std::optional<JsonValue> read_manifest_json(const std::filesystem::path& dir) {
    const std::filesystem::path file = dir / "manifest.json";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
    require_memory_to_read(file, csv_table_read_factor, "a manifest");  // text, then its values
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw InputError(file.string() + ": cannot be read");
    JsonValue v = parse_json(text.str(), file);
    if (v.kind != JsonValue::Kind::object)
        throw InputError(file.string() + ":1: expected a JSON object");
    return v;
}

}  // namespace moatsim
