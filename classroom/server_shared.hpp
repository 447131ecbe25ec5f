#pragma once
// What the classroom server's connections share (classroom_server.cpp, websocket_session.cpp,
// http_session.cpp): the Beast and Asio names, the scenarios and caps every session reads, and
// the session counters. Internal to classroom/.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "classroom/classroom_server.hpp"
#include "classroom/scenario_shelf.hpp"

namespace moatsim::classroom_net {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct Shared {
    ScenarioShelf shelf;
    ServerCaps caps;
    std::atomic<int> sessions{0};
    std::atomic<std::uint64_t> next_session{1};
};

inline std::string dump(const json& j) {
    // Echoed client text may hold invalid UTF-8 (a name cut at 40 bytes): replace, never throw.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

/// Serves one accepted connection: the embedded page over HTTP, or hands a WebSocket upgrade
/// of /ws to start_websocket_session (http_session.cpp).
void start_http_session(tcp::socket&& socket, Shared& shared);

/// Takes over an accepted WebSocket upgrade request of /ws: one student's session, its
/// world, play timer, send queue and caps (websocket_session.cpp).
void start_websocket_session(tcp::socket&& socket, Shared& shared,
                             http::request<http::string_body> request);

}  // namespace moatsim::classroom_net
