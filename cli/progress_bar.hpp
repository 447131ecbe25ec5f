#pragma once
// A progress bar on stderr for long runs, redrawn by its own thread so the simulation
// threads only bump an atomic counter. Silent unless enabled (terminal and not --quiet).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace moatsim::cli {

class ProgressBar {
public:
    ProgressBar(std::string label, std::uint64_t total, bool enabled);
    ~ProgressBar();  // stops the thread and clears the line
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void advance() noexcept { done_.fetch_add(1, std::memory_order_relaxed); }
    void finish();

    /// True when stderr is a terminal (a bar would be readable there).
    static bool stderr_is_terminal() noexcept;

private:
    void draw(bool final_line);
    void loop();

    std::string label_;
    std::uint64_t total_;
    bool enabled_;
    std::atomic<std::uint64_t> done_{0};
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace moatsim::cli
