#include "market/toml_nesting.hpp"

#include <vector>

#include <toml++/toml.h>

#include "market/toml_reader.hpp"

namespace moatsim::detail {
namespace {

bool bare_key_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

// A left-to-right scan that skips comments and strings and keeps, for each open bracket or
// brace, the depth it adds: a brace opened as the value of a dotted key adds the key's parts.
// Numbers such as 1.5 look like two key parts; that only over-counts by one.
class NestingScan {
public:
    NestingScan(std::string_view text, const std::string& name) : text_(text), name_(name) {}

    void run() {
        while (i_ < text_.size()) {
            const char c = text_[i_];
            if (c == '#') {
                while (i_ < text_.size() && text_[i_] != '\n') ++i_;
            } else if (c == '"' || c == '\'') {
                skip_string(c);
                in_part_ = true;  // a quoted key part (or a string value)
            } else if (c == '\n') {
                newline();
            } else if (c == '.') {
                if (in_part_) {
                    ++dots_;
                    check();
                }
                in_part_ = false;
                ++i_;
            } else if (bare_key_char(c)) {
                in_part_ = true;
                while (i_ < text_.size() && bare_key_char(text_[i_])) ++i_;
            } else {
                if (c == '=') key_depth_ = dots_ + 1;
                if (c == '[' || c == '{') {
                    // A header's bracket adds 1; a value's, the parts of its key.
                    open_.push_back(key_depth_);
                    depth_ += open_.back();
                    check();
                } else if ((c == ']' || c == '}') && !open_.empty()) {
                    depth_ -= open_.back();
                    open_.pop_back();
                }
                if (c != ' ' && c != '\t' && c != '\r') {
                    dots_ = 0;  // anything but blanks ends a dotted key
                    in_part_ = false;
                }
                if (c == ',' || c == '[' || c == '{') key_depth_ = 1;
                ++i_;
            }
        }
    }

private:
    void newline() {
        dots_ = 0;
        in_part_ = false;
        key_depth_ = 1;
        ++line_;
        line_start_ = ++i_;
    }

    void skip_string(char quote) {
        const bool triple = text_.substr(i_, 3) == std::string(3, quote);
        const std::size_t open = triple ? 3 : 1;
        i_ += open;
        while (i_ < text_.size()) {
            const char c = text_[i_];
            if (c == '\\' && quote == '"') {  // an escape; in """ a line-ending one
                if (i_ + 1 < text_.size() && text_[i_ + 1] == '\n') ++line_, line_start_ = i_ + 2;
                i_ += 2;
                continue;
            }
            if (c == '\n') {
                if (!triple) return;  // an unterminated string: toml++ says so
                ++line_;
                line_start_ = i_ + 1;
            }
            if (c == quote && (!triple || text_.substr(i_, 3) == std::string(3, quote))) {
                i_ += open;
                return;
            }
            ++i_;
        }
    }

    void check() const {
        if (depth_ + dots_ <= max_toml_nesting) return;
        toml::source_region where;
        where.begin = {static_cast<toml::source_index>(line_),
                       static_cast<toml::source_index>(i_ - line_start_ + 1)};
        TomlSource{name_}.fail({"", &where},
                               "malformed TOML: keys, tables and arrays nested more than " +
                                   std::to_string(max_toml_nesting) +
                                   " levels deep (expected at most " +
                                   std::to_string(max_toml_nesting) + ")");
    }

    std::string_view text_;
    const std::string& name_;
    std::size_t i_ = 0, line_start_ = 0, line_ = 1;
    std::vector<int> open_;  // depth each open bracket or brace adds
    int depth_ = 0;          // the sum of open_
    int dots_ = 0;           // dots of the key being read
    int key_depth_ = 1;      // parts of the last key before '=' on this line
    bool in_part_ = false;
};

}  // namespace

void check_toml_nesting(std::string_view text, const std::string& name) {
    NestingScan(text, name).run();
}

}  // namespace moatsim::detail
