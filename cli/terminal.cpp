#include "cli/terminal.hpp"

#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>

namespace moatsim::cli {
namespace {

volatile std::sig_atomic_t stop_requested = 0;

extern "C" void on_stop_signal(int) { stop_requested = 1; }

// Alternate screen, cursor hidden, screen cleared; and the way back.
constexpr std::string_view enter_screen = "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J";
constexpr std::string_view leave_screen = "\x1b[0m\x1b[?25h\x1b[?1049l";

}  // namespace

Terminal::Terminal() {
    stop_requested = 0;
    struct sigaction sa{};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: poll() returns EINTR, so the loop notices at once
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
    sigaction(SIGHUP, &sa, &old_hup_);
    if (is_terminal(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_) == 0) {
        termios raw = saved_;
        raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO | ISIG | IEXTEN));
        raw.c_iflag &= static_cast<tcflag_t>(~(IXON | ICRNL));
        raw.c_cc[VMIN] = 0;
        raw.c_cc[VTIME] = 0;
        raw_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0;
    }
    write(enter_screen);
}

Terminal::~Terminal() {
    write(leave_screen);
    if (raw_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
    sigaction(SIGHUP, &old_hup_, nullptr);
}

bool Terminal::is_terminal(int fd) noexcept { return ::isatty(fd) == 1; }

TerminalSize Terminal::size() const noexcept {
    winsize w{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0 && w.ws_row > 0)
        return {static_cast<int>(w.ws_col), static_cast<int>(w.ws_row)};
    return {};
}

void Terminal::write(std::string_view text) const noexcept {
    while (!text.empty()) {
        const ssize_t n = ::write(STDOUT_FILENO, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::vector<Key> Terminal::read_keys(int timeout_ms) {
    std::vector<Key> keys;
    if (stop_requested) return keys;
    if (!raw_) {
        poll(nullptr, 0, timeout_ms);
        return keys;
    }
    pollfd in{STDIN_FILENO, POLLIN, 0};
    if (poll(&in, 1, timeout_ms) <= 0) return keys;
    char buf[64];
    const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n == 0) {  // the terminal went away
        stop_requested = 1;
        return keys;
    }
    for (ssize_t i = 0; i < n; ++i) {
        const char c = buf[i];
        if (c == 'q' || c == 'Q' || c == 4 /* Ctrl-D */) keys.push_back(Key::quit);
        else if (c == 3) keys.push_back(Key::interrupt);  // Ctrl-C: raw mode delivers it as a key
        else if (c == ' ' || c == 'p') keys.push_back(Key::pause);
        else if (c == 'n' || c == 'N') keys.push_back(Key::step);
        else if (c == '+' || c == '=') keys.push_back(Key::faster);
        else if (c == '-' || c == '_') keys.push_back(Key::slower);
        else if (c == '\x1b' && i + 2 < n && (buf[i + 1] == '[' || buf[i + 1] == 'O')) {  // ESC [ C or ESC O C: right arrow
            if (buf[i + 2] == 'C') keys.push_back(Key::step);
            i += 2;
        }
    }
    return keys;
}

bool Terminal::interrupted() noexcept { return stop_requested != 0; }

}  // namespace moatsim::cli
