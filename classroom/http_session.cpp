// One HTTP connection of `moatsim serve`: serves the embedded page (and nothing else: no
// file system path is ever opened for a client), or hands a WebSocket upgrade of /ws over.
#include "classroom/server_shared.hpp"

#include <spdlog/spdlog.h>

#include <cctype>
#include <string_view>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <algorithm>
#include <chrono>
#include <deque>
#include <optional>
#include <vector>

#include "classroom/page_assets.hpp"

namespace moatsim::classroom_net {
namespace {

// A browser sends the page's Origin with a WebSocket upgrade; a page from another site
// (which could otherwise drive a student's session from the student's own browser) has an
// Origin whose host:port differs from the Host it connects to. No Origin: not a browser
// (the tests, bench/classroom_load), allowed. "null" (a sandboxed or file: page): refused.
bool same_origin(std::string_view origin, std::string_view host) {
    if (origin.empty()) return true;
    const auto scheme = origin.find("://");
    if (scheme == std::string_view::npos || host.empty()) return false;
    std::string_view authority = origin.substr(scheme + 3);
    if (authority.size() != host.size()) return false;
    for (std::size_t i = 0; i < host.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(authority[i])) !=
            std::tolower(static_cast<unsigned char>(host[i])))
            return false;
    return true;
}

// One HTTP connection: serves the embedded page, or hands a WebSocket upgrade of /ws over.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
public:
    HttpSession(tcp::socket&& socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {}

    void run() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
    }

private:
    void do_read() {
        parser_.emplace();
        parser_->header_limit(8192);
        parser_->body_limit(4096);
        stream_.expires_after(std::chrono::seconds(30));
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream) return shut();
        if (ec) {
            if (ec == http::error::header_limit || ec == http::error::body_limit || ec.category() == http::make_error_code(http::error::bad_method).category())
                return respond(http::status::bad_request, "bad request: " + ec.message() + "\n", false);
            return shut();
        }
        http::request<http::string_body> req = parser_->release();
        const std::string_view target(req.target().data(), req.target().size());
        const std::string_view path = target.substr(0, target.find('?'));
        if (websocket::is_upgrade(req)) {
            if (path != "/ws") return respond(http::status::not_found, "not found\n", false);
            const auto origin = req[http::field::origin];
            const auto host = req[http::field::host];
            if (!same_origin(std::string_view(origin.data(), origin.size()),
                             std::string_view(host.data(), host.size()))) {
                spdlog::warn("WebSocket upgrade refused: Origin '{}' is not Host '{}'",
                             std::string(origin.substr(0, 100)), std::string(host.substr(0, 100)));
                return respond(http::status::forbidden,
                               "cross-site WebSocket refused: open the page from this server\n", false);
            }
            if (shared_.sessions.fetch_add(1) >= shared_.caps.max_sessions) {
                --shared_.sessions;
                spdlog::warn("session refused: {} sessions open (the cap)", shared_.caps.max_sessions);
                return respond(http::status::service_unavailable,
                               "server full: " + std::to_string(shared_.caps.max_sessions) +
                                   " sessions are open (the cap); try again later\n", false);
            }
            stream_.expires_never();
            start_websocket_session(stream_.release_socket(), shared_, std::move(req));
            return;
        }
        if (req.method() != http::verb::get && req.method() != http::verb::head)
            return respond(http::status::method_not_allowed, "only GET and HEAD\n", req.keep_alive());
        const PageAsset* asset = find_page_asset(path);  // exact paths only: no file system
        if (!asset) return respond(http::status::not_found, "not found\n", req.keep_alive());
        auto res = std::make_shared<http::response<http::string_body>>(http::status::ok, req.version());
        res->set(http::field::content_type, std::string(asset->content_type));
        set_common(*res);
        if (req.method() == http::verb::get) res->body() = std::string(asset->body);
        res->content_length(asset->body.size());
        res->keep_alive(req.keep_alive());
        write(res);
    }

    template <class Response>
    static void set_common(Response& res) {
        res.set(http::field::server, "moatsim serve");
        res.set(http::field::cache_control, "no-store");
        res.set("X-Content-Type-Options", "nosniff");
        // The page may load only itself: no CDN, no font, no image from elsewhere.
        res.set("Content-Security-Policy",
                "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; "
                "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    }

    void respond(http::status status, std::string body, bool keep_alive) {
        auto res = std::make_shared<http::response<http::string_body>>(status, 11);
        res->set(http::field::content_type, "text/plain; charset=utf-8");
        set_common(*res);
        res->body() = std::move(body);
        res->prepare_payload();
        res->keep_alive(keep_alive);
        write(res);
    }

    void write(std::shared_ptr<http::response<http::string_body>> res) {
        const bool keep = res->keep_alive();
        http::async_write(stream_, *res,
                          [self = shared_from_this(), res, keep](beast::error_code ec, std::size_t) {
                              if (ec || !keep) return self->shut();
                              self->do_read();
                          });
    }

    void shut() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    beast::tcp_stream stream_;
    Shared& shared_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

void start_http_session(tcp::socket&& socket, Shared& shared) {
    std::make_shared<HttpSession>(std::move(socket), shared)->run();
}

}  // namespace moatsim::classroom_net
