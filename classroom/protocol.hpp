#pragma once
// The classroom's WebSocket messages (docs/SERVE.md, "Protocol"): JSON text, one object per
// message with a "type". Parsing checks everything a client sends; building turns a world
// into what the page draws.
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

#include "classroom/classroom_world.hpp"
#include "classroom/levers.hpp"
#include "classroom/scenario_shelf.hpp"

namespace moatsim {

/// A message the server cannot act on; what() is sent to that client as an "error".
struct ProtocolError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ClientMessage {
    enum class Type { open, play, pause, step, reset, speed, lever, export_run } type = Type::pause;
    std::string scenario;      // open
    double speed = 0;          // play (optional, 0 = unchanged) and speed: months per second
    LeverPull pull;            // lever
    std::string format;        // export: "toml" or "csv"
};

/// @throws ProtocolError: not JSON, not an object, no or unknown "type", a field missing or
///         of the wrong type. Values are range-checked where they are used.
[[nodiscard]] ClientMessage parse_client_message(std::string_view text);

struct ServedCaps {
    std::int64_t enterprises = 0;
    int max_sessions = 0, idle_seconds = 0, max_speed = 0;
    std::size_t max_message = 0;
    double rate = 0, burst = 0;
};

[[nodiscard]] nlohmann::json welcome_message(const ScenarioShelf& shelf, const ServedCaps& caps);
[[nodiscard]] nlohmann::json world_message(const ClassroomWorld& world);
/// Row `tick` of both worlds and the events dated at it.
[[nodiscard]] nlohmann::json month_message(const ClassroomWorld& world, int tick);
[[nodiscard]] nlohmann::json levers_message(const ClassroomWorld& world);
[[nodiscard]] nlohmann::json error_message(const std::string& message);

}  // namespace moatsim
