#include "classroom/classroom_server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "classroom/server_shared.hpp"

namespace moatsim {

using namespace classroom_net;

namespace {

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(net::io_context& ioc, tcp::endpoint endpoint, Shared& shared)
        : ioc_(ioc), acceptor_(net::make_strand(ioc)), shared_(shared) {
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(net::socket_base::max_listen_connections);
    }
    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    void run() { do_accept(); }
    void close() {
        net::post(acceptor_.get_executor(), [self = shared_from_this()] {
            beast::error_code ignored;
            self->acceptor_.close(ignored);
        });
    }

private:
    void do_accept() {
        acceptor_.async_accept(net::make_strand(ioc_),
                               beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }
    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted) return;
        if (!ec) start_http_session(std::move(socket), shared_);
        do_accept();
    }

    net::io_context& ioc_;
    tcp::acceptor acceptor_;
    Shared& shared_;
};

}  // namespace

struct ClassroomServer::Impl {
    Impl(ScenarioShelf shelf, ServerOptions o) : options(std::move(o)) {
        shared.shelf = std::move(shelf);
        shared.caps = options.caps;
    }
    ServerOptions options;
    Shared shared;
    net::io_context ioc;
    std::shared_ptr<Listener> listener;
    std::vector<std::thread> threads;
    std::mutex mutex;
    std::condition_variable stopped_cv;
    bool stopped = false;
};

ClassroomServer::ClassroomServer(ScenarioShelf shelf, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(shelf), std::move(options))) {}

ClassroomServer::~ClassroomServer() { stop(); }

void ClassroomServer::start() {
    const auto address = net::ip::make_address(impl_->options.host);
    impl_->listener = std::make_shared<Listener>(impl_->ioc, tcp::endpoint(address, impl_->options.port),
                                                 impl_->shared);
    impl_->listener->run();
    const int n = std::max(1, impl_->options.threads);
    for (int i = 0; i < n; ++i) impl_->threads.emplace_back([this] { impl_->ioc.run(); });
}

std::uint16_t ClassroomServer::port() const { return impl_->listener ? impl_->listener->port() : 0; }

int ClassroomServer::sessions() const { return impl_->shared.sessions.load(); }

void ClassroomServer::wait(bool on_signals) {
    std::optional<net::signal_set> signals;
    if (on_signals) {
        signals.emplace(impl_->ioc, SIGINT, SIGTERM);
        signals->async_wait([this](beast::error_code ec, int signal) {
            if (ec) return;
            spdlog::info("signal {}: stopping ({} session(s) open)", signal, sessions());
            std::lock_guard lock(impl_->mutex);
            impl_->stopped = true;
            impl_->stopped_cv.notify_all();
        });
    }
    {
        std::unique_lock lock(impl_->mutex);
        impl_->stopped_cv.wait(lock, [&] { return impl_->stopped; });
    }
    if (signals) {
        beast::error_code ignored;
        signals->cancel(ignored);
    }
    stop();
}

void ClassroomServer::stop() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopped = true;
        impl_->stopped_cv.notify_all();
    }
    if (impl_->listener) impl_->listener->close();
    impl_->ioc.stop();
    for (auto& t : impl_->threads)
        if (t.joinable() && t.get_id() != std::this_thread::get_id()) t.join();
    impl_->threads.clear();
}

}  // namespace moatsim
