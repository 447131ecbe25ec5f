#include "cli/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace moatsim::cli {

ProgressBar::ProgressBar(std::string label, std::uint64_t total, bool enabled)
    : label_(std::move(label)), total_(total ? total : 1), enabled_(enabled),
      start_(std::chrono::steady_clock::now()) {
    if (enabled_) thread_ = std::thread([this] { loop(); });
}

ProgressBar::~ProgressBar() { finish(); }

bool ProgressBar::stderr_is_terminal() noexcept { return isatty(STDERR_FILENO) == 1; }

void ProgressBar::finish() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
    std::fprintf(stderr, "\r\033[K");  // clear the bar; results follow on stdout
    std::fflush(stderr);
}

void ProgressBar::loop() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; }))
        draw(false);
}

void ProgressBar::draw(bool) {
    const auto done = std::min(done_.load(std::memory_order_relaxed), total_);
    const double fraction = static_cast<double>(done) / static_cast<double>(total_);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double eta = fraction > 0.0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
    constexpr int width = 30;
    const int filled = static_cast<int>(fraction * width);
    char bar[width + 1];
    for (int i = 0; i < width; ++i) bar[i] = i < filled ? '#' : '.';
    bar[width] = '\0';
    std::fprintf(stderr, "\r%s [%s] %5.1f%%  %.1fs elapsed, ~%.1fs left\033[K", label_.c_str(), bar,
                 100.0 * fraction, elapsed, eta);
    std::fflush(stderr);
}

}  // namespace moatsim::cli
