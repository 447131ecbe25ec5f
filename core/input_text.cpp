#include "core/input_text.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/input_error.hpp"

namespace moatsim {
namespace {

bool is_control(unsigned char c) noexcept { return c < 0x20 || c == 0x7F; }

// Length of the valid UTF-8 sequence at s[i], or 0 (overlong forms, surrogates and code
// points above U+10FFFF are invalid, as RFC 3629 says).
std::size_t utf8_length(std::string_view s, std::size_t i) noexcept {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = b(0);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else return 0;
    if (i + n > s.size() || b(1) < lo || b(1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (b(k) < 0x80 || b(k) > 0xBF) return 0;
    return n;
}

// The code point of the valid n-byte UTF-8 sequence at s[i].
char32_t code_point(std::string_view s, std::size_t i, std::size_t n) noexcept {
    const auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
    if (n == 1) return b(0);
    char32_t cp = b(0) & (n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (b(k) & 0x3Fu);
    return cp;
}

// Characters that steer a terminal or reorder what it shows, beyond C0 and DEL: the C1
// controls (U+0080-U+009F; U+009B is an 8-bit escape introducer) and the bidirectional
// embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which can make a name
// read as another.
bool is_hidden_control(char32_t cp) noexcept {
    return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

std::string hex_byte(unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", c);
    return buf;
}

}  // namespace

std::string shown(std::string_view text, std::size_t limit) {
    std::string out;
    std::size_t i = 0, chars = 0;
    while (i < text.size() && chars < limit) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t n = is_control(c) ? 0 : utf8_length(text, i);
        if (n > 1 && is_hidden_control(code_point(text, i, n))) {
            for (std::size_t k = 0; k < n; ++k) out += hex_byte(static_cast<unsigned char>(text[i + k]));
            i += n;
            ++chars;
            continue;
        }
        if (n == 0) {
            out += hex_byte(c);
            ++i;
        } else {
            out.append(text, i, n);
            i += n;
        }
        ++chars;
    }
    if (i < text.size()) out += "...(" + std::to_string(text.size()) + " bytes)";
    return out;
}

std::string name_problem(std::string_view name) {
    for (std::size_t i = 0; i < name.size();) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (is_control(c)) {
            char buf[80];
            std::snprintf(buf, sizeof buf, "contains the control character U+%04X at byte %zu",
                          static_cast<unsigned>(c), i + 1);
            return buf;
        }
        const std::size_t n = utf8_length(name, i);
        if (n == 0) return "is not valid UTF-8 (byte " + std::to_string(i + 1) + ")";
        if (const char32_t cp = code_point(name, i, n); is_hidden_control(cp)) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "contains the control character U+%04X at byte %zu",
                          static_cast<unsigned>(cp), i + 1);
            return buf;
        }
        i += n;
    }
    return {};
}

void require_regular_file(const std::filesystem::path& file, std::string_view what,
                          std::string_view expected) {
    const auto refuse = [&](const std::string& why) {
        throw InputError("cannot open " + std::string(what) + " '" + shown(file.string(), 1024) +
                         "': " + why);
    };
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec) refuse(ec.value() == ENOENT ? std::strerror(ENOENT) : ec.message());
    if (std::filesystem::is_directory(status)) refuse(std::strerror(EISDIR));
    if (!std::filesystem::is_regular_file(status))
        refuse("not a regular file (a device, FIFO or socket); expected " + std::string(expected));
}

}  // namespace moatsim
