#pragma once
// The interactive terminal of `moatsim live`: raw keyboard input, the alternate screen and a
// hidden cursor, all undone by the destructor, and on SIGINT, SIGTERM or SIGHUP (which only
// set a flag: the caller's loop sees interrupted() and returns, so the destructor runs).
#include <termios.h>

#include <csignal>
#include <string_view>
#include <vector>

#include "viz/live_frame.hpp"

namespace moatsim::cli {

enum class Key { pause, step, faster, slower, quit, interrupt };

class Terminal {
public:
    /// Takes over stdout (alternate screen, cursor hidden) and, if stdin is a terminal, puts
    /// it in raw mode (no echo, no line buffering; Ctrl-C arrives as a key and quits).
    Terminal();
    ~Terminal();
    Terminal(const Terminal&) = delete;
    Terminal& operator=(const Terminal&) = delete;

    /// True if fd is a terminal.
    [[nodiscard]] static bool is_terminal(int fd) noexcept;

    /// Columns and rows of stdout's terminal (80 x 24 if unknown).
    [[nodiscard]] TerminalSize size() const noexcept;

    /// Writes text to stdout in full (retrying short writes).
    void write(std::string_view text) const noexcept;

    /// Waits up to timeout_ms (or until a signal) for keys and returns those pressed.
    /// Without a keyboard (stdin not a terminal) it only waits.
    [[nodiscard]] std::vector<Key> read_keys(int timeout_ms);

    /// A signal (SIGINT, SIGTERM, SIGHUP) asked the program to stop.
    [[nodiscard]] static bool interrupted() noexcept;

    [[nodiscard]] bool has_keyboard() const noexcept { return raw_; }

private:
    termios saved_{};
    bool raw_ = false;
    struct sigaction old_int_{}, old_term_{}, old_hup_{};
};

}  // namespace moatsim::cli
