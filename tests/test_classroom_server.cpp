// `moatsim serve` over loopback (classroom/classroom_server.cpp): the page and nothing else,
// a session that plays and pulls levers, and bad input of every kind (malformed, oversized,
// unknown levers, NaN and out-of-range values, floods, disconnects, traversal, the session
// cap, idle expiry), each answered to that client only while another keeps being served.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include "classroom/classroom_server.hpp"
#include "classroom/scenario_shelf.hpp"
#include "scratch_dir.hpp"

using namespace moatsim;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using nlohmann::json;

namespace {

// A server on a free loopback port with the baseline scenario at 2000 enterprises.
struct TestServer {
    test::ScratchDir dir{"classroom_server"};
    std::unique_ptr<ClassroomServer> server;
    explicit TestServer(ServerCaps caps = {}) {
        std::filesystem::copy_file(std::filesystem::path(MOATSIM_SOURCE_DIR) / "scenarios/baseline.toml",
                                   dir.path / "baseline.toml");
        std::vector<std::string> skipped;
        ServerOptions o;
        o.host = "127.0.0.1";
        o.port = 0;
        o.threads = 2;
        o.caps = caps;
        server = std::make_unique<ClassroomServer>(ScenarioShelf::load(dir.path, 2000, skipped), o);
        server->start();
    }
    std::uint16_t port() const { return server->port(); }
};

// Every blocking read gives up after 20 s, so a missing reply fails a test instead of hanging it.
void receive_timeout(tcp::socket& s) {
    timeval tv{20, 0};
    ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

struct Reply {
    unsigned status = 0;
    std::string body, content_type;
};

Reply http_request(std::uint16_t port, http::verb verb, const std::string& target,
                   std::size_t header_padding = 0, bool upgrade = false,
                   const std::string& origin = "") {
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect({net::ip::make_address("127.0.0.1"), port});
    receive_timeout(socket);
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (header_padding) req.set("X-Padding", std::string(header_padding, 'x'));
    if (upgrade) {  // a WebSocket handshake, read as plain HTTP to see a refusal's status and body
        req.set(http::field::connection, "Upgrade");
        req.set(http::field::upgrade, "websocket");
        req.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
        req.set(http::field::sec_websocket_version, "13");
        if (!origin.empty()) req.set(http::field::origin, origin);
    }
    http::write(socket, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    return {res.result_int(), res.body(), std::string(res[http::field::content_type])};
}

struct Client {
    net::io_context ioc;
    websocket::stream<tcp::socket> ws{ioc};
    explicit Client(std::uint16_t port) {
        ws.next_layer().connect({net::ip::make_address("127.0.0.1"), port});
        receive_timeout(ws.next_layer());
        ws.read_message_max(16 << 20);
        ws.handshake("127.0.0.1", "/ws");
        REQUIRE(read()["type"] == "welcome");
    }
    void send(const std::string& text) {
        ws.text(true);
        ws.write(net::buffer(text));
    }
    json read() {
        beast::flat_buffer buffer;
        ws.read(buffer);
        return json::parse(beast::buffers_to_string(buffer.data()));
    }
    // Reads until a message of `type`, skipping others (months, states, levers).
    json read_until(const std::string& type) {
        for (int i = 0; i < 2000; ++i) {
            json j = read();
            if (j["type"] == type) return j;
        }
        FAIL("no '" << type << "' message");
        return {};
    }
    void open() {
        send(R"({"type":"open","scenario":"baseline"})");
        REQUIRE(read_until("world")["clouds"].size() == 4);
        REQUIRE(read_until("month")["tick"] == 0);
    }
    int step() {
        send(R"({"type":"step"})");
        return read_until("month")["tick"].get<int>();
    }
    std::string error_after(const std::string& text) {
        send(text);
        return read_until("error")["message"].get<std::string>();
    }
};

template <class Predicate>
bool eventually(Predicate p) {
    for (int i = 0; i < 600; ++i) {  // 15 s
        if (p()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
}

}  // namespace

TEST_CASE("serve: the embedded page and nothing else", "[classroom][serve]") {
    TestServer s;
    const Reply page = http_request(s.port(), http::verb::get, "/");
    CHECK(page.status == 200);
    CHECK(page.content_type == "text/html; charset=utf-8");
    CHECK(page.body.find("<html") != std::string::npos);
    CHECK(http_request(s.port(), http::verb::get, "/index.html").status == 200);
    CHECK(http_request(s.port(), http::verb::get, "/classroom.js").content_type ==
          "text/javascript; charset=utf-8");
    CHECK(http_request(s.port(), http::verb::get, "/classroom.css?v=2").status == 200);
    for (const char* path : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                             "/..%2f..%2fetc%2fpasswd", "/%252e%252e/etc/passwd", "//etc/passwd",
                             "/scenarios/baseline.toml", "/baseline.toml", "/index.html/..",
                             "/ws", "/classroom.js%00.html", "/nope"}) {
        INFO(path);
        const Reply r = http_request(s.port(), http::verb::get, path);
        CHECK(r.status == 404);
        CHECK(r.body == "not found\n");
    }
    CHECK(http_request(s.port(), http::verb::post, "/").status == 405);
    CHECK(http_request(s.port(), http::verb::get, "/", 20000).status == 400);  // header over 8 KiB
}

TEST_CASE("serve: a session plays, pulls a lever, sees the difference and exports", "[classroom][serve]") {
    TestServer s;
    Client c(s.port());
    c.open();
    CHECK(c.step() == 1);
    c.send(R"({"type":"play","speed":30})");
    json month;
    do month = c.read_until("month");
    while (month["tick"] < 24);
    c.send(R"({"type":"pause"})");
    c.send(R"({"type":"lever","lever":"catalog","cloud":"AWS","vendor":"Anthropic","value":0})");
    const json pulled = c.read_until("pulled");
    REQUIRE(pulled["events"].size() == 1);
    CHECK(pulled["events"][0]["text"].get<std::string>().find("AWS stops offering Anthropic") !=
          std::string::npos);
    const json levers = c.read_until("levers");
    CHECK(levers["catalog"][0][1] == 0);  // AWS is cloud 0 and Anthropic vendor 1 (by name)
    int tick = 0;
    for (int i = 0; i < 12; ++i) {
        c.send(R"({"type":"step"})");
        month = c.read_until("month");
        tick = month["tick"];
    }
    CHECK(tick >= 36);
    const double diff = month["student"]["share"][0].get<double>() - month["baseline"]["share"][0].get<double>();
    CHECK(diff < -0.01);
    c.send(R"({"type":"export","format":"toml"})");
    const json exported = c.read_until("export");
    const std::string toml = exported["files"]["baseline_class.toml"];
    CHECK(toml.find("base = \"baseline.toml\"") != std::string::npos);
    CHECK(toml.find("kind = \"catalog_remove\"") != std::string::npos);
    c.send(R"({"type":"export","format":"csv"})");
    const json csvs = c.read_until("export");
    CHECK(csvs["files"]["baseline_class_clouds.csv"].get<std::string>().rfind(
              "scenario,rep,tick", 0) == 0);
    CHECK(csvs["files"]["baseline_class_market.csv"].get<std::string>().rfind(
              "scenario,rep,tick,date,adopters,switches,hhi\n", 0) == 0);
    c.send(R"({"type":"reset"})");
    CHECK(c.read_until("month")["tick"] == 0);
}

TEST_CASE("serve: bad messages get an error to that client only", "[classroom][serve]") {
    TestServer s;
    Client bad(s.port()), good(s.port());
    good.open();
    CHECK(bad.error_after(R"({"type":"step"})").find("no scenario open") != std::string::npos);
    CHECK(bad.error_after(R"({"type":"open","scenario":"../../etc/passwd"})") ==
          "unknown scenario '../../etc/passwd'");
    bad.open();
    CHECK(good.step() == 1);
    CHECK(bad.error_after("{not json") == "malformed message: not JSON");
    CHECK(bad.error_after("") == "malformed message: not JSON");
    CHECK(bad.error_after(R"({"type":"lever","lever":"review_rate","value":NaN})") ==
          "malformed message: not JSON");
    // Beyond a double: the JSON parser refuses it (an infinite value never reaches a lever).
    CHECK(bad.error_after(R"({"type":"lever","lever":"review_rate","value":1e999})") ==
          "malformed message: not JSON");
    CHECK(bad.error_after(R"({"type":"lever","lever":"review_rate","value":7})")
              .find("[0, 0.5]") != std::string::npos);
    CHECK(bad.error_after(R"({"type":"lever","lever":"warp_drive","value":1})")
              .find("unknown lever 'warp_drive'") != std::string::npos);
    CHECK(bad.error_after(R"({"type":"lever","lever":"catalog","cloud":"AWS","vendor":"Skynet","value":0})")
              .find("unknown vendor 'Skynet'") != std::string::npos);
    CHECK(bad.error_after(R"({"type":"speed","value":1000})").find("[1, 30]") != std::string::npos);
    CHECK(bad.error_after(R"({"type":"fly"})").find("unknown message type") != std::string::npos);
    CHECK(bad.error_after(R"({"type":"export","format":"../x"})").find("\"toml\" or \"csv\"") !=
          std::string::npos);
    // Over the message limit (4096 bytes) but under the connection's: ignored with a reason.
    CHECK(bad.error_after(R"({"type":"step","pad":")" + std::string(5000, 'x') + "\"}")
              .find("the limit is 4096 bytes") != std::string::npos);
    bad.ws.binary(true);
    bad.ws.write(net::buffer(std::string("\x01\x02\x03")));
    CHECK(bad.read_until("error")["message"].get<std::string>().find("binary") != std::string::npos);
    // The bad client is still served, and so is the other one.
    CHECK(bad.step() == 1);
    CHECK(good.step() == 2);
}

TEST_CASE("serve: a message over the hard limit closes only that connection", "[classroom][serve]") {
    TestServer s;
    Client bad(s.port()), good(s.port());
    good.open();
    // A frame header announcing 100 000 bytes, written raw: the server refuses it from the
    // header alone (its payload need not follow) with a close frame, status 1009.
    const unsigned char header[] = {0x81, 0x80 | 127, 0, 0, 0, 0, 0, 0x01, 0x86, 0xA0, 1, 2, 3, 4};
    net::write(bad.ws.next_layer(), net::buffer(header));
    unsigned char close[4] = {};
    net::read(bad.ws.next_layer(), net::buffer(close));
    CHECK(close[0] == 0x88);  // FIN + close
    CHECK((close[2] << 8 | close[3]) == 1009);
    bad.ws.next_layer().close();  // the client goes, as a browser does after a close
    CHECK(good.step() == 1);
    CHECK(eventually([&] { return s.server->sessions() == 1; }));
}

TEST_CASE("serve: a flood of messages is rate-limited, the session survives", "[classroom][serve]") {
    ServerCaps caps;
    caps.rate = 5;
    caps.burst = 5;
    TestServer s(caps);
    Client flood(s.port()), good(s.port());
    flood.open();
    good.open();
    for (int i = 0; i < 300; ++i) flood.send(R"({"type":"pause"})");
    CHECK(flood.read_until("error")["message"].get<std::string>().find("too many messages") !=
          std::string::npos);
    CHECK(good.step() == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(flood.step() == 1);
}

TEST_CASE("serve: a flood of lever pulls late in a run is charged by the months it re-runs",
          "[classroom][serve]") {
    TestServer s;
    Client flood(s.port()), good(s.port());
    flood.open();
    good.open();
    flood.send(R"({"type":"play","speed":30})");
    while (flood.read_until("month")["tick"] < 48) {}
    flood.send(R"({"type":"pause"})");
    // Under the message rate (20 a second, 40 at once), but each pull at month 48 or later
    // costs 5+ lever tokens of 20: most of these are refused, with one message saying why.
    for (int i = 0; i < 30; ++i)
        flood.send(R"({"type":"lever","lever":"review_rate","value":0.)" + std::to_string(i % 9 + 1) + "}");
    const std::string error = flood.read_until("error")["message"];
    CHECK(error.find("too many lever changes; wait a moment") != std::string::npos);
    CHECK(error.find("too many messages") == std::string::npos);
    CHECK(good.step() == 1);  // the other session is still served
    std::this_thread::sleep_for(std::chrono::milliseconds(4500));  // the lever bucket refills
    flood.send(R"({"type":"lever","lever":"review_rate","value":0.5})");
    CHECK(flood.read_until("pulled")["events"].size() == 1);
}

TEST_CASE("serve: a WebSocket upgrade from another site's page is refused", "[classroom][serve]") {
    TestServer s;
    // The Host the helper sends is 127.0.0.1 (no port): only an Origin with that authority passes.
    for (const char* origin : {"http://evil.example", "http://127.0.0.1:9999", "null",
                               "http://127.0.0.1.evil.example", "127.0.0.1"}) {
        INFO(origin);
        const Reply r = http_request(s.port(), http::verb::get, "/ws", 0, true, origin);
        CHECK(r.status == 403);
        CHECK(r.body.find("cross-site WebSocket refused") != std::string::npos);
    }
    CHECK(http_request(s.port(), http::verb::get, "/ws", 0, true, "http://127.0.0.1").status == 101);
    CHECK(http_request(s.port(), http::verb::get, "/ws", 0, true, "HTTP://127.0.0.1").status == 101);
    Client good(s.port());  // no Origin (not a browser): served
    good.open();
    CHECK(good.step() == 1);
}

TEST_CASE("serve: a text frame that is not UTF-8 closes that connection with 1007", "[classroom][serve]") {
    TestServer s;
    Client bad(s.port()), good(s.port());
    good.open();
    bad.send("{\"type\":\"open\",\"scenario\":\"\xff\xfe\"}");  // RFC 6455 8.1: fail the connection
    bool closed = false;
    try {
        for (int i = 0; i < 100; ++i) bad.read();
    } catch (const boost::system::system_error& e) {
        closed = e.code() == websocket::error::closed;
    }
    CHECK(closed);
    CHECK(bad.ws.reason().code == websocket::close_code::bad_payload);  // 1007
    CHECK(good.step() == 1);
    CHECK(eventually([&] { return s.server->sessions() == 1; }));
}

TEST_CASE("serve: a client that disconnects mid-run is cleaned up", "[classroom][serve]") {
    TestServer s;
    Client good(s.port());
    good.open();
    {
        Client gone(s.port());
        gone.open();
        gone.send(R"({"type":"play","speed":30})");
        gone.read_until("month");
        gone.read_until("month");
        gone.ws.next_layer().close();  // no close handshake
    }
    CHECK(eventually([&] { return s.server->sessions() == 1; }));
    CHECK(good.step() == 1);
}

TEST_CASE("serve: sessions over the cap get HTTP 503, a freed slot is reused", "[classroom][serve]") {
    ServerCaps caps;
    caps.max_sessions = 2;
    TestServer s(caps);
    auto a = std::make_unique<Client>(s.port());
    Client b(s.port());
    const Reply refused = http_request(s.port(), http::verb::get, "/ws", 0, true);
    CHECK(refused.status == 503);
    CHECK(refused.body.find("server full: 2 sessions") != std::string::npos);
    CHECK(http_request(s.port(), http::verb::get, "/elsewhere", 0, true).status == 404);
    a->ws.close(websocket::close_code::normal);
    a.reset();
    CHECK(eventually([&] { return s.server->sessions() == 1; }));
    Client c(s.port());
    c.open();
    CHECK(c.step() == 1);
}

TEST_CASE("serve: an idle session is closed with a message", "[classroom][serve]") {
    ServerCaps caps;
    caps.idle_seconds = 1;
    TestServer s(caps);
    Client c(s.port());
    c.open();
    CHECK(c.read_until("error")["message"].get<std::string>().find("idle") != std::string::npos);
    beast::flat_buffer buffer;
    beast::error_code ec;
    c.ws.read(buffer, ec);
    CHECK(ec == websocket::error::closed);
    CHECK(eventually([&] { return s.server->sessions() == 0; }));
}
