#include "io/json_reader.hpp"

#include <cstdint>

#include "core/input_error.hpp"

namespace moatsim {
namespace {

class Parser {
public:
    Parser(std::string_view text, const std::filesystem::path& file) : s_(text), file_(file) {}

    JsonValue document() {
        JsonValue v = value(0);
        skip_space();
        if (i_ < s_.size()) fail("unexpected text after the JSON value");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        int line = 1;
        for (std::size_t k = 0; k < i_ && k < s_.size(); ++k) line += s_[k] == '\n';
        throw InputError(file_.string() + ":" + std::to_string(line) + ": " + what);
    }

    void skip_space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    }

    void expect(char c) {
        skip_space();
        if (i_ >= s_.size() || s_[i_] != c) fail(std::string("expected '") + c + "'");
        ++i_;
    }

    JsonValue value(int depth) {
        if (depth > 64) fail("nested too deeply");
        skip_space();
        if (i_ >= s_.size()) fail("unexpected end of file");
        const char c = s_[i_];
        if (c == '{') return object(depth);
        if (c == '[') return array(depth);
        if (c == '"') return JsonValue{JsonValue::Kind::string, string(), {}, {}};
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        for (const auto& [word, kind] : {std::pair{"true", JsonValue::Kind::boolean},
                                         std::pair{"false", JsonValue::Kind::boolean},
                                         std::pair{"null", JsonValue::Kind::null}}) {
            if (s_.substr(i_).starts_with(word)) {
                i_ += std::string_view(word).size();
                return JsonValue{kind, word, {}, {}};
            }
        }
        fail("expected a JSON value");
    }

    JsonValue object(int depth) {
        JsonValue v{JsonValue::Kind::object, {}, {}, {}};
        ++i_;
        skip_space();
        if (i_ < s_.size() && s_[i_] == '}') return ++i_, v;
        while (true) {
            skip_space();
            if (i_ >= s_.size() || s_[i_] != '"') fail("expected a member name in double quotes");
            std::string key = string();
            expect(':');
            v.members.push_back(JsonMember{std::move(key), value(depth + 1)});
            skip_space();
            if (i_ < s_.size() && s_[i_] == ',') { ++i_; continue; }
            expect('}');
            return v;
        }
    }

    JsonValue array(int depth) {
        JsonValue v{JsonValue::Kind::array, {}, {}, {}};
        ++i_;
        skip_space();
        if (i_ < s_.size() && s_[i_] == ']') return ++i_, v;
        while (true) {
            v.items.push_back(value(depth + 1));
            skip_space();
            if (i_ < s_.size() && s_[i_] == ',') { ++i_; continue; }
            expect(']');
            return v;
        }
    }

    JsonValue number() {
        const std::size_t start = i_;
        const auto digits = [&] {
            const std::size_t from = i_;
            while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
            if (i_ == from) fail("malformed number");
        };
        if (s_[i_] == '-') ++i_;
        digits();
        if (i_ < s_.size() && s_[i_] == '.') ++i_, digits();
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            ++i_;
            if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
            digits();
        }
        return JsonValue{JsonValue::Kind::number, std::string(s_.substr(start, i_ - start)), {}, {}};
    }

    unsigned hex4() {
        unsigned u = 0;
        for (int k = 0; k < 4; ++k, ++i_) {
            if (i_ >= s_.size()) fail("unterminated \\u escape");
            const char h = s_[i_];
            u <<= 4;
            if (h >= '0' && h <= '9') u |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f') u |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') u |= static_cast<unsigned>(h - 'A' + 10);
            else fail("bad \\u escape");
        }
        return u;
    }

    static void utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    std::string string() {
        ++i_;  // the opening quote
        std::string out;
        while (true) {
            if (i_ >= s_.size()) fail("unterminated string");
            const char c = s_[i_++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
            if (c != '\\') { out += c; continue; }
            if (i_ >= s_.size()) fail("unterminated string");
            switch (const char e = s_[i_++]) {
                case '"': case '\\': case '/': out += e; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    std::uint32_t cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(i_).starts_with("\\u")) {
                        i_ += 2;
                        const unsigned low = hex4();
                        if (low >= 0xDC00 && low < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    utf8(out, cp);
                    break;
                }
                default: fail(std::string("bad escape '\\") + e + "'");
            }
        }
    }

    std::string_view s_;
    const std::filesystem::path& file_;
    std::size_t i_ = 0;
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const noexcept {
    for (const auto& [k, v] : members)
        if (k == key) return &v;
    return nullptr;
}

std::string JsonValue::as_text() const {
    switch (kind) {
        case Kind::null: return {};
        case Kind::object: return {};
        case Kind::array: {
            std::string out;
            for (const auto& item : items) out += (out.empty() ? "" : ", ") + item.as_text();
            return out;
        }
        default: return text;
    }
}

JsonValue parse_json(std::string_view text, const std::filesystem::path& file) {
    return Parser(text, file).document();
}

}  // namespace moatsim
