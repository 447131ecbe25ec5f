// One student's WebSocket session of `moatsim serve` (docs/SERVE.md): its world, its play
// timer, its send queue and its caps.
#include "classroom/server_shared.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <algorithm>
#include <chrono>
#include <deque>
#include <optional>
#include <vector>

#include "classroom/classroom_world.hpp"
#include "classroom/protocol.hpp"
#include "core/input_error.hpp"

namespace moatsim::classroom_net {
namespace {

// One WebSocket client: its world, its play timer, its send queue, its caps. Every handler
// runs on the session's strand, so nothing here needs a lock.
class WsSession : public std::enable_shared_from_this<WsSession> {
public:
    WsSession(tcp::socket&& socket, Shared& shared)
        : ws_(std::move(socket)), shared_(shared), play_timer_(ws_.get_executor()),
          idle_timer_(ws_.get_executor()), id_(shared.next_session++),
          tokens_(shared.caps.burst), lever_tokens_(shared.caps.lever_burst),
          refilled_(Clock::now()), lever_refilled_(Clock::now()), last_message_(Clock::now()) {}
    ~WsSession() {
        --shared_.sessions;
        spdlog::info("session {} ended ({} now)", id_, shared_.sessions.load());
    }

    void run(http::request<http::string_body> req) {
        // A peer that stops answering (no pong to a ping after 15 s of silence, or no reply to
        // a close, e.g. after an oversized message) is dropped within 30 s; the handshake
        // must finish within 5 s.
        auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
        timeouts.handshake_timeout = std::chrono::seconds(5);
        timeouts.idle_timeout = std::chrono::seconds(30);
        timeouts.keep_alive_pings = true;
        ws_.set_option(timeouts);
        ws_.read_message_max(shared_.caps.hard_message);
        ws_.async_accept(req, beast::bind_front_handler(&WsSession::on_accept, shared_from_this()));
    }

private:
    void on_accept(beast::error_code ec) {
        if (ec) return spdlog::info("session {}: handshake failed: {}", id_, ec.message());
        spdlog::info("session {} opened ({} now)", id_, shared_.sessions.load());
        const ServerCaps& c = shared_.caps;
        ServedCaps caps{shared_.shelf.entries().front()->world.population.enterprises,
                        c.max_sessions, c.idle_seconds, c.max_speed, c.max_message, c.rate, c.burst};
        send(welcome_message(shared_.shelf, caps));
        arm_idle(std::chrono::seconds(c.idle_seconds));
        do_read();
    }

    void do_read() {
        ws_.async_read(buffer_, beast::bind_front_handler(&WsSession::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t bytes) {
        if (ec) {
            if (ec == websocket::error::message_too_big)
                spdlog::warn("session {}: message over {} bytes, connection closed", id_,
                             shared_.caps.hard_message);
            else if (ec != websocket::error::closed && ec != net::error::operation_aborted)
                spdlog::info("session {}: {}", id_, ec.message());
            return finish();
        }
        last_message_ = Clock::now();
        const std::string text = beast::buffers_to_string(buffer_.data());
        buffer_.consume(buffer_.size());
        const bool binary = ws_.got_binary();
        if (allow_message()) {
            if (binary)
                send_error("binary messages are not accepted: send JSON text");
            else if (bytes > shared_.caps.max_message)
                send_error("message of " + std::to_string(bytes) + " bytes ignored: the limit is " +
                           std::to_string(shared_.caps.max_message) + " bytes");
            else
                handle(text);
        }
        if (closing_) return;
        do_read();
    }

    // Token bucket: `rate` messages a second, `burst` at once. Over it, messages are ignored
    // and the client told so at most once a second (so a flood does not flood back).
    bool allow_message() {
        const auto now = Clock::now();
        const double seconds = std::chrono::duration<double>(now - refilled_).count();
        refilled_ = now;
        tokens_ = std::min(shared_.caps.burst, tokens_ + seconds * shared_.caps.rate);
        if (tokens_ >= 1.0) {
            tokens_ -= 1.0;
            return true;
        }
        ++ignored_;
        if (now - warned_ >= std::chrono::seconds(1)) {
            warned_ = now;
            send_error("too many messages: at most " + fmt::format("{}", shared_.caps.rate) +
                       " a second (" + fmt::format("{}", shared_.caps.burst) + " at once); " +
                       std::to_string(ignored_) + " ignored so far");
        }
        return false;
    }

    // The second bucket, for lever pulls only: a pull's cost grows with the months it
    // recomputes (ServerCaps::lever_rate). Refused pulls are told at most once a second.
    bool allow_pull(int months) {
        const auto now = Clock::now();
        const double seconds = std::chrono::duration<double>(now - lever_refilled_).count();
        lever_refilled_ = now;
        const ServerCaps& c = shared_.caps;
        lever_tokens_ = std::min(c.lever_burst, lever_tokens_ + seconds * c.lever_rate);
        const double cost = std::min(c.lever_burst, 1.0 + months / 12.0);
        if (lever_tokens_ >= cost) {
            lever_tokens_ -= cost;
            return true;
        }
        if (now - lever_warned_ >= std::chrono::seconds(1)) {
            lever_warned_ = now;
            send_error("too many lever changes; wait a moment (a change at month " +
                       std::to_string(months) + " re-runs the world from month 0)");
        }
        return false;
    }

    void handle(const std::string& text) {
        try {
            const ClientMessage m = parse_client_message(text);
            using T = ClientMessage::Type;
            if (m.type == T::open) return open(m.scenario);
            if (!world_) throw ProtocolError("no scenario open: send {\"type\":\"open\",\"scenario\":NAME} first");
            switch (m.type) {
                case T::play:
                    if (m.speed != 0) set_speed(m.speed);
                    playing_ = true;
                    schedule_play(std::chrono::milliseconds(0));
                    break;
                case T::pause: playing_ = false; break;
                case T::step:
                    playing_ = false;
                    if (!world_->finished()) step_and_send();
                    break;
                case T::reset: open(world_->entry().name); return;
                case T::speed: set_speed(m.speed); break;
                case T::lever:
                    if (!allow_pull(world_->tick())) return;
                    pull(m.pull);
                    break;
                case T::export_run: export_run(m.format); break;
                case T::open: break;
            }
            send_state();
        } catch (const ProtocolError& e) {
            send_error(e.what());
        } catch (const InputError& e) {
            send_error(e.what());
        } catch (const std::exception& e) {
            spdlog::error("session {}: {}", id_, e.what());
            send_error(std::string("server error: ") + e.what());
        }
    }

    void open(const std::string& name) {
        const ShelfEntry* entry = shared_.shelf.find(name);
        if (!entry) throw ProtocolError("unknown scenario '" + name.substr(0, 40) + "'");
        playing_ = false;
        world_ = std::make_unique<ClassroomWorld>(*entry);
        send(world_message(*world_));
        send(month_message(*world_, 0));
        send(levers_message(*world_));
        send_state();
    }

    void set_speed(double speed) {
        const int max = shared_.caps.max_speed;
        if (!std::isfinite(speed) || speed < 1 || speed > max)
            throw ProtocolError("speed must be a number of months per second in [1, " +
                                std::to_string(max) + "], got " +
                                (std::isfinite(speed) ? fmt::format("{}", speed) : "not a finite number"));
        speed_ = speed;
    }

    void pull(const LeverPull& p) {
        const auto events = world_->pull(p);
        json list = json::array();
        for (const auto& e : events) list.push_back({{"tick", e.tick}, {"text", e.text}, {"source", "class"}});
        send({{"type", "pulled"}, {"events", list}});
        send(month_message(*world_, world_->tick()));  // the month shown, recomputed with it
        send(levers_message(*world_));
    }

    void export_run(const std::string& format) {
        json files;
        const std::string stem = world_->entry().name + "_class";
        if (format == "toml") files[stem + ".toml"] = world_->export_toml();
        else {
            files[stem + "_clouds.csv"] = world_->export_clouds_csv();
            files[stem + "_vendors.csv"] = world_->export_vendors_csv();
            files[stem + "_market.csv"] = world_->export_market_csv();
        }
        send({{"type", "export"}, {"format", format}, {"files", files}});
    }

    void step_and_send() {
        world_->step();
        send(month_message(*world_, world_->tick()));
        // Lever values change with the scenario's own events too (a catalog_add in 2025-08).
        bool changed = false;
        for (const auto& e : world_->scenario().events) changed = changed || e.tick == world_->tick();
        if (changed) send(levers_message(*world_));
    }

    void schedule_play(std::chrono::milliseconds delay) {
        if (play_armed_) return;
        play_armed_ = true;
        play_timer_.expires_after(delay);
        play_timer_.async_wait(beast::bind_front_handler(&WsSession::on_play, shared_from_this()));
    }

    void on_play(beast::error_code ec) {
        play_armed_ = false;
        if (ec || closing_ || !playing_ || !world_) return;
        if (world_->finished()) {
            playing_ = false;
            return send_state();
        }
        const auto interval = std::chrono::milliseconds(static_cast<int>(1000.0 / speed_));
        // Back-pressure: a month is computed only when the client has taken the last ones.
        if (queue_.size() > 2) return schedule_play(std::chrono::milliseconds(5));
        const auto started = Clock::now();
        try {
            step_and_send();
        } catch (const std::exception& e) {
            playing_ = false;
            send_error(std::string("the run stopped: ") + e.what());
            return send_state();
        }
        if (world_->finished()) {
            playing_ = false;
            return send_state();
        }
        const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
        schedule_play(std::max(std::chrono::milliseconds(0), interval - spent));
    }

    void send_state() {
        send({{"type", "state"},
              {"playing", playing_},
              {"speed", speed_},
              {"tick", world_ ? world_->tick() : -1},
              {"finished", world_ && world_->finished()}});
    }

    void send_error(const std::string& message) {
        spdlog::debug("session {}: error sent: {}", id_, message);
        send(error_message(message));
    }

    void send(const json& message) {
        if (closing_) return;
        if (queue_.size() >= shared_.caps.max_queue) {
            spdlog::warn("session {}: {} messages unread, closing", id_, queue_.size());
            return finish();
        }
        queue_.push_back(dump(message));
        if (queue_.size() == 1) do_write();
    }

    void do_write() {
        ws_.text(true);
        ws_.async_write(net::buffer(queue_.front()),
                        beast::bind_front_handler(&WsSession::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec) return finish();
        queue_.pop_front();
        if (!queue_.empty()) do_write();
        else if (close_after_send_) close();
    }

    void arm_idle(std::chrono::steady_clock::duration after) {
        idle_timer_.expires_after(after);
        idle_timer_.async_wait(beast::bind_front_handler(&WsSession::on_idle, shared_from_this()));
    }

    void on_idle(beast::error_code ec) {
        if (ec || closing_) return;
        const auto limit = std::chrono::seconds(shared_.caps.idle_seconds);
        const auto quiet = Clock::now() - last_message_;
        if (quiet < limit) return arm_idle(limit - quiet);
        spdlog::info("session {}: idle for {} s, closed", id_, shared_.caps.idle_seconds);
        send_error("session closed: no message for " + std::to_string(shared_.caps.idle_seconds) +
                   " s (idle limit); reload the page to start again");
        close_after_send_ = true;
        if (queue_.empty()) close();
    }

    void close() {
        closing_ = true;
        play_timer_.cancel();
        idle_timer_.cancel();
        ws_.async_close(websocket::close_code::going_away,
                        [self = shared_from_this()](beast::error_code) { self->finish(); });
    }

    // The connection is gone (or must go): stop the timers so the session can end.
    void finish() {
        closing_ = true;
        play_timer_.cancel();
        idle_timer_.cancel();
        beast::error_code ignored;
        beast::get_lowest_layer(ws_).socket().close(ignored);
    }

    websocket::stream<beast::tcp_stream> ws_;
    Shared& shared_;
    net::steady_timer play_timer_, idle_timer_;
    std::uint64_t id_;
    beast::flat_buffer buffer_;
    std::deque<std::string> queue_;
    std::unique_ptr<ClassroomWorld> world_;
    bool playing_ = false, play_armed_ = false, closing_ = false, close_after_send_ = false;
    double speed_ = 4;
    double tokens_, lever_tokens_;
    Clock::time_point refilled_, lever_refilled_, last_message_, warned_{}, lever_warned_{};
    std::uint64_t ignored_ = 0;
};

}  // namespace

void start_websocket_session(tcp::socket&& socket, Shared& shared,
                             http::request<http::string_body> request) {
    std::make_shared<WsSession>(std::move(socket), shared)->run(std::move(request));
}

}  // namespace moatsim::classroom_net
