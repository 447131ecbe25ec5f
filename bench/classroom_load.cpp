// Load client for `moatsim serve` (docs/SERVE.md, "Load"): opens S concurrent WebSocket
// sessions over loopback, each opening a scenario, pulling one lever at month 12 (so every
// student world differs from the shared baseline) and playing at a given speed (restarting
// when a run ends), and reports chart updates ("month" messages) per second per session over
// a measurement window. A benchmark, never a test.
//   moatsim serve --port 8090 &
//   ./build/bench/classroom_load --port 8090 --sessions 30 --speed 30 --seconds 30
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

namespace {

struct Options {
    std::string host = "127.0.0.1";
    std::string port = "8080";
    std::string scenario = "baseline";
    int sessions = 30;
    double speed = 30;   // months per second asked for
    double warmup = 3;   // seconds ignored at the start
    double seconds = 30; // measurement window
    long server_pid = 0; // if given: the server's CPU time over the window (Linux /proc)
};

// utime + stime of a process, in seconds (/proc/PID/stat fields 14 and 15).
double cpu_seconds(long pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(text.substr(close + 2));
    std::string f;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i) {
        if (i == 14) utime = std::stod(f);
        if (i == 15) stime = std::stod(f);
    }
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

struct Counts {
    long months = 0;     // month messages inside the window
    long errors = 0;
};

Clock::time_point window_start, window_end;

class LoadSession : public std::enable_shared_from_this<LoadSession> {
public:
    LoadSession(net::io_context& ioc, const Options& o, int index, Counts& counts)
        : resolver_(ioc), ws_(ioc), o_(o), index_(index), counts_(counts) {}

    void start() {
        resolver_.async_resolve(o_.host, o_.port, [self = shared_from_this()](beast::error_code ec, tcp::resolver::results_type r) {
            if (ec) return self->fail("resolve", ec);
            beast::get_lowest_layer(self->ws_).async_connect(r, [self](beast::error_code ec2, auto) {
                if (ec2) return self->fail("connect", ec2);
                self->ws_.async_handshake(self->o_.host, "/ws", [self](beast::error_code ec3) {
                    if (ec3) return self->fail("handshake", ec3);
                    self->read();
                });
            });
        });
    }

private:
    void fail(const char* what, beast::error_code ec) {
        std::fprintf(stderr, "session %d: %s: %s\n", index_, what, ec.message().c_str());
        ++counts_.errors;
    }

    void send(const json& j) {
        queue_.push_back(j.dump());
        if (queue_.size() == 1) write();
    }
    void write() {
        ws_.async_write(net::buffer(queue_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->fail("write", ec);
            self->queue_.erase(self->queue_.begin());
            if (!self->queue_.empty()) self->write();
        });
    }

    void read() {
        ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->fail("read", ec);
            const json m = json::parse(beast::buffers_to_string(self->buffer_.data()));
            self->buffer_.consume(self->buffer_.size());
            self->handle(m);
            self->read();
        });
    }

    void handle(const json& m) {
        const std::string type = m["type"];
        if (type == "welcome") {
            send({{"type", "open"}, {"scenario", o_.scenario}});
        } else if (type == "world") {
            vendors_ = m["vendors"].size();
            pulled_ = false;
            send({{"type", "play"}, {"speed", o_.speed}});
        } else if (type == "month") {
            const auto now = Clock::now();
            if (now >= window_start && now < window_end) ++counts_.months;
            const int tick = m["tick"];
            if (tick == 12 && vendors_ > 0 && !pulled_) {  // once a run (month 12 is sent again, recomputed)
                pulled_ = true;
                // One lever per student: a different vendor leaves AWS's catalog.
                send({{"type", "lever"}, {"lever", "catalog"}, {"cloud", "AWS"},
                      {"vendor", vendor_name(m)}, {"value", 0}});
            }
            if (m["finished"].get<bool>()) send({{"type", "reset"}});
        } else if (type == "error") {
            ++counts_.errors;
            std::fprintf(stderr, "session %d: error: %s\n", index_, m["message"].get<std::string>().c_str());
        }
    }

    std::string vendor_name(const json&) const {
        static const char* names[] = {"Anthropic", "Meta", "Mistral", "Amazon", "Cohere", "DeepSeek"};
        return names[index_ % 6];
    }

    tcp::resolver resolver_;
    websocket::stream<beast::tcp_stream> ws_;
    const Options& o_;
    int index_;
    Counts& counts_;
    beast::flat_buffer buffer_;
    std::vector<std::string> queue_;
    std::size_t vendors_ = 0;
    bool pulled_ = false;
};

double arg(char** argv, int& i, int argc) {
    if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", argv[i]);
        std::exit(2);
    }
    return std::atof(argv[++i]);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--host" && i + 1 < argc) o.host = argv[++i];
        else if (a == "--port" && i + 1 < argc) o.port = argv[++i];
        else if (a == "--scenario" && i + 1 < argc) o.scenario = argv[++i];
        else if (a == "--sessions") o.sessions = static_cast<int>(arg(argv, i, argc));
        else if (a == "--speed") o.speed = arg(argv, i, argc);
        else if (a == "--warmup") o.warmup = arg(argv, i, argc);
        else if (a == "--seconds") o.seconds = arg(argv, i, argc);
        else if (a == "--server-pid") o.server_pid = static_cast<long>(arg(argv, i, argc));
        else {
            std::fprintf(stderr, "usage: classroom_load [--host H] [--port P] [--scenario NAME] "
                                 "[--sessions 30] [--speed 30] [--warmup 3] [--seconds 30] [--server-pid PID]\n");
            return 2;
        }
    }
    net::io_context ioc;
    std::vector<Counts> counts(static_cast<std::size_t>(o.sessions));
    const auto t0 = Clock::now();
    window_start = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.warmup));
    window_end = window_start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
    for (int s = 0; s < o.sessions; ++s)
        std::make_shared<LoadSession>(ioc, o, s, counts[static_cast<std::size_t>(s)])->start();
    double cpu_start = -1, cpu_end = -1;
    net::steady_timer start(ioc, window_start), stop(ioc, window_end);
    start.async_wait([&](beast::error_code) { if (o.server_pid) cpu_start = cpu_seconds(o.server_pid); });
    stop.async_wait([&](beast::error_code) {
        if (o.server_pid) cpu_end = cpu_seconds(o.server_pid);
        ioc.stop();
    });
    ioc.run();

    std::vector<double> rates;
    long errors = 0;
    for (const auto& c : counts) rates.push_back(static_cast<double>(c.months) / o.seconds), errors += c.errors;
    std::sort(rates.begin(), rates.end());
    const double total = std::accumulate(rates.begin(), rates.end(), 0.0);
    std::printf("sessions %d, asked %.0f months/s each, window %.0f s after %.0f s warm-up\n",
                o.sessions, o.speed, o.seconds, o.warmup);
    std::printf("chart updates per second per session: min %.2f  median %.2f  mean %.2f  max %.2f\n",
                rates.front(), rates[rates.size() / 2], total / static_cast<double>(rates.size()), rates.back());
    std::printf("all sessions: %.1f updates/s; errors: %ld\n", total, errors);
    if (cpu_start >= 0 && cpu_end >= 0 && total > 0) {
        const double cpu = cpu_end - cpu_start, per_update = cpu / (total * o.seconds);
        std::printf("server CPU over the window: %.2f s (%.0f%% of one core); %.2f ms per update; "
                    "on 2 dedicated cores that is %.0f updates/s, %.1f per session\n",
                    cpu, 100 * cpu / o.seconds, 1e3 * per_update, 2 / per_update,
                    2 / per_update / o.sessions);
    }
    std::printf("sessions at >= 5 updates/s: %ld of %d\n",
                static_cast<long>(std::count_if(rates.begin(), rates.end(), [](double r) { return r >= 5.0; })),
                o.sessions);
    return 0;
}
