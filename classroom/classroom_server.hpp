#pragma once
// `moatsim serve`: the classroom's HTTP and WebSocket server (Boost.Beast). It serves the
// embedded page and nothing else, and runs one ClassroomWorld per WebSocket session on a
// pool of threads. Caps (docs/SERVE.md, "Caps") keep one client from exhausting the machine;
// bad input gets an "error" message to that client only.
#include <cstdint>
#include <memory>
#include <string>

#include "classroom/scenario_shelf.hpp"

namespace moatsim {

struct ServerCaps {
    int max_sessions = 40;             // concurrent WebSocket sessions; more get HTTP 503
    int idle_seconds = 900;            // a session with no message for this long is closed
    std::size_t max_message = 4096;    // larger messages get an error and are ignored
    std::size_t hard_message = 65536;  // larger ones close the connection (status 1009)
    double rate = 20;                  // messages per second per session (token bucket) ...
    double burst = 40;                 // ... with this many at once
    // A lever pull re-runs the student's world from month 0, so it costs 1 + months/12
    // lever tokens (1 at month 0, 11 at month 120); lever tokens refill at `lever_rate` a
    // second up to `lever_burst` (a pull never costs more than that). A flood of pulls then
    // keeps a fraction of one thread busy, not the pool.
    double lever_rate = 5;
    double lever_burst = 20;
    int max_speed = 30;                // months per second when playing
    std::size_t max_queue = 256;       // unsent messages before a client that does not read is dropped
};

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  // 0: any free port (tests)
    int threads = 2;            // threads serving sessions (and stepping their worlds)
    ServerCaps caps;
};

class ClassroomServer {
public:
    /// `shelf.entries()` are the scenarios offered; every world uses the enterprise count
    /// they were loaded with.
    ClassroomServer(ScenarioShelf shelf, ServerOptions options);
    ~ClassroomServer();  // stop()s
    ClassroomServer(const ClassroomServer&) = delete;
    ClassroomServer& operator=(const ClassroomServer&) = delete;

    /// Binds and starts serving on background threads.
    /// @throws boost::system::system_error (the port is taken, the address is not local).
    void start();
    /// The port bound by start() (the chosen one when options.port is 0).
    [[nodiscard]] std::uint16_t port() const;
    /// Blocks until stop() or, if `on_signals`, SIGINT or SIGTERM; then stops.
    void wait(bool on_signals);
    /// Stops serving: sessions are dropped, threads joined. Idempotent.
    void stop();
    [[nodiscard]] int sessions() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace moatsim
