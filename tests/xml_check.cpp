#include "xml_check.hpp"

#include <cctype>
#include <set>
#include <vector>

namespace moatsim::test {
namespace {

bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
}

// Character data (text or attribute value) may hold '&' only as a known entity.
std::string check_chars(std::string_view s, std::size_t at) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '<') return "raw '<' at byte " + std::to_string(at + i);
        if (s[i] != '&') continue;
        const std::size_t end = s.find(';', i);
        if (end == std::string_view::npos) return "unterminated entity at byte " + std::to_string(at + i);
        const std::string_view e = s.substr(i + 1, end - i - 1);
        const bool numeric = e.size() > 1 && e[0] == '#';
        if (!numeric && e != "amp" && e != "lt" && e != "gt" && e != "quot" && e != "apos")
            return "unknown entity '&" + std::string(e) + ";' at byte " + std::to_string(at + i);
        i = end;
    }
    return {};
}

}  // namespace

std::string xml_problem(std::string_view doc) {
    std::size_t i = 0;
    if (doc.substr(0, 5) == "<?xml") {
        i = doc.find("?>");
        if (i == std::string_view::npos) return "unterminated XML declaration";
        i += 2;
    }
    std::vector<std::string> open;
    int roots = 0;
    while (i < doc.size()) {
        const std::size_t lt = doc.find('<', i);
        const std::string_view text = doc.substr(i, lt == std::string_view::npos ? doc.size() - i : lt - i);
        if (open.empty() && text.find_first_not_of(" \t\r\n") != std::string_view::npos)
            return "text outside the root element at byte " + std::to_string(i);
        if (auto p = check_chars(text, i); !p.empty()) return p;
        if (lt == std::string_view::npos) break;
        i = lt + 1;
        if (doc.substr(lt, 4) == "<!--") {
            const std::size_t end = doc.find("-->", lt);
            if (end == std::string_view::npos) return "unterminated comment";
            i = end + 3;
            continue;
        }
        const bool closing = i < doc.size() && doc[i] == '/';
        if (closing) ++i;
        const std::size_t name_start = i;
        while (i < doc.size() && name_char(doc[i])) ++i;
        const std::string name(doc.substr(name_start, i - name_start));
        if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
            return "bad tag name at byte " + std::to_string(name_start);
        if (closing) {
            if (i >= doc.size() || doc[i] != '>') return "bad closing tag </" + name;
            if (open.empty() || open.back() != name)
                return "</" + name + "> does not close <" + (open.empty() ? "" : open.back()) + ">";
            open.pop_back();
            ++i;
            continue;
        }
        std::set<std::string> attributes;
        for (;;) {
            while (i < doc.size() && std::isspace(static_cast<unsigned char>(doc[i]))) ++i;
            if (i >= doc.size()) return "unterminated tag <" + name;
            if (doc.substr(i, 2) == "/>") { i += 2; break; }
            if (doc[i] == '>') { ++i; open.push_back(name); break; }
            const std::size_t a = i;
            while (i < doc.size() && name_char(doc[i])) ++i;
            const std::string attribute(doc.substr(a, i - a));
            if (attribute.empty()) return "bad attribute in <" + name + "> at byte " + std::to_string(a);
            if (!attributes.insert(attribute).second) return "duplicate attribute " + attribute + " in <" + name + ">";
            if (doc.substr(i, 2) != "=\"") return "attribute " + attribute + " not followed by =\"";
            i += 2;
            const std::size_t end = doc.find('"', i);
            if (end == std::string_view::npos) return "unterminated attribute value";
            if (auto p = check_chars(doc.substr(i, end - i), i); !p.empty()) return p;
            i = end + 1;
        }
        if (open.size() == 1 && doc[i - 1] == '>' && doc[i - 2] != '/') ++roots;
        if (open.empty() && doc[i - 2] == '/') ++roots;  // a self-closing root
        if (roots > 1) return "more than one root element";
    }
    if (!open.empty()) return "<" + open.back() + "> is never closed";
    if (roots != 1) return "no root element";
    return {};
}

std::size_t count_of(std::string_view text, std::string_view needle) {
    std::size_t n = 0;
    for (std::size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + needle.size())) ++n;
    return n;
}

}  // namespace moatsim::test
