#include "market/scenario_inheritance.hpp"
#include "market/toml_nesting.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/input_error.hpp"
#include "core/input_text.hpp"
#include "market/toml_reader.hpp"

namespace moatsim::detail {
namespace {

void merge(toml::table& into, toml::table&& from, bool root) {
    for (auto&& [key, value] : from) {
        const auto existing = into.find(key.str());
        if (existing != into.end()) {
            toml::node& old = existing->second;
            if (old.is_table() && value.is_table() && !value.as_table()->contains("dist")) {
                merge(*old.as_table(), std::move(*value.as_table()), false);
                continue;
            }
            if (root && key.str() == "events" && old.is_array() && value.is_array()) {
                for (auto&& event : *value.as_array())
                    event.visit([&](auto&& e) { old.as_array()->push_back(std::move(e)); });
                continue;
            }
        }
        // Erase first so the key itself (with its position) is the child's: messages about
        // this value then name the file and line that set it.
        if (existing != into.end()) into.erase(existing);
        value.visit([&, &k = key](auto&& v) { into.insert_or_assign(k, std::move(v)); });
    }
}

// "a.toml -> b.toml -> ... -> z.toml": file names, the middle left out of long chains.
std::string chain_text(const std::vector<std::filesystem::path>& chain) {
    std::string out;
    for (std::size_t i = 0; i < chain.size(); ++i) {
        if (chain.size() > 8 && i == 3) {
            out += " -> ... (" + std::to_string(chain.size() - 6) + " more)";
            i = chain.size() - 4;
            continue;
        }
        out += (i == 0 ? "" : " -> ") + shown(chain[i].filename().string());
    }
    return out;
}

std::string event_id(const toml::node& event) {
    const toml::table* t = event.as_table();
    const toml::node* id = t ? t->get("id") : nullptr;
    return id && id->is_string() ? std::string(**id->as_string()) : std::string();
}

// Removes the inherited events named by `drop_events`; each id must exist.
void drop_events(const TomlSource& src, const toml::node& list, toml::table& parent) {
    const toml::array& ids = read_array(src, list, {"drop_events", &list.source()});
    toml::array* events = parent.get_as<toml::array>("events");
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const Site site{"drop_events[" + std::to_string(i) + "]", &ids.get(i)->source()};
        const std::string id = read_string(src, *ids.get(i), site);
        std::vector<std::string> known;
        bool found = false;
        if (events) {
            for (auto it = events->begin(); it != events->end(); ++it) {
                const std::string other = event_id(*it);
                if (other == id) {
                    events->erase(it);
                    found = true;
                    break;
                }
                if (!other.empty()) known.push_back(other);
            }
        }
        if (!found)
            src.fail(site, "no inherited event has id '" + shown(id) + "'" +
                               (known.empty() ? std::string(" (inherited events have no ids)")
                                              : " (ids: " + join(known) + ")"));
    }
}

InheritedDocument resolve(toml::table doc, const std::filesystem::path& file,
                          std::vector<std::filesystem::path>& chain) {
    const TomlSource src{file.string()};
    InheritedDocument out;
    const toml::node* base = doc.get("base");
    if (!base) {
        for (const char* key : {"calibrate", "drop_events"})
            if (const toml::node* n = doc.get(key))
                src.fail({key, &n->source()},
                         "only a scenario that inherits (with `base = \"file.toml\"`) may set it");
        out.doc = std::move(doc);
        return out;
    }
    const Site base_site{"base", &base->source()};
    const std::string base_name = read_string(src, *base, base_site);
    if (base_name.empty()) src.fail(base_site, "expected the path of a scenario file, got \"\"");
    const std::filesystem::path base_file = file.parent_path() / base_name;
    // Its own name, or results/<name> would be the base's directory.
    if (!doc.contains("name"))
        src.fail(base_site, "a scenario that inherits must set its own `name` (it names the "
                            "output directory, which would otherwise be the base's)");

    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(file, ec);
    chain.push_back(ec ? file : canonical);
    // Each level is a recursion and a parsed document: cap the depth long before the stack.
    if (chain.size() >= max_base_depth)
        src.fail(base_site, "`base` chain deeper than " + std::to_string(max_base_depth) +
                                " levels: " + chain_text(chain) + " -> " +
                                shown(base_file.filename().string()) +
                                " (expected at most " + std::to_string(max_base_depth) +
                                " files, each naming the next as its base)");
    const auto base_canonical = std::filesystem::weakly_canonical(base_file, ec);
    for (const auto& seen : chain)
        if (!ec && seen == base_canonical) {
            src.fail(base_site, "inheritance cycle: " + chain_text(chain) + " -> " +
                                    shown(base_file.filename().string()));
        }

    std::string text;
    try {
        text = read_text_file(base_file, "base scenario");
    } catch (const InputError& e) {
        src.fail(base_site, e.what());
    }
    InheritedDocument parent = resolve(parse_toml(text, base_file.string()), base_file, chain);

    out.calibrate_on_base = true;
    if (const toml::node* c = doc.get("calibrate"))
        out.calibrate_on_base = read_choice(src, *c, {"calibrate", &c->source()},
                                            {"base", "self"}) == 0;
    if (const toml::node* d = doc.get("drop_events")) drop_events(src, *d, parent.doc);
    for (const char* key : {"base", "calibrate", "drop_events"}) doc.erase(key);

    merge(parent.doc, std::move(doc), true);
    out.doc = std::move(parent.doc);
    out.bases.push_back(base_file);
    out.bases.insert(out.bases.end(), parent.bases.begin(), parent.bases.end());
    return out;
}

}  // namespace

std::string read_text_file(const std::filesystem::path& file, std::string_view what) {
    const std::string name = shown(file.string(), 1024);
    const auto refuse = [&](const std::string& why) {
        throw InputError("cannot open " + std::string(what) + " '" + name + "': " + why);
    };
    require_regular_file(file, what, "a TOML file");
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    const auto too_big = [&](std::uintmax_t bytes) {
        refuse("the file is " + std::to_string(bytes) + " bytes; the limit is " +
               std::to_string(max_toml_bytes) + " (64 MiB)");
    };
    if (!ec && size > max_toml_bytes) too_big(size);
    errno = 0;
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(file.c_str(), "rb"),
                                                           &std::fclose);
    if (!f) refuse(std::strerror(errno ? errno : ENOENT));
    std::string text;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
        text.append(buf, n);
        if (text.size() > max_toml_bytes) too_big(text.size());  // it grew while read
    }
    if (std::ferror(f.get())) refuse(std::strerror(errno ? errno : EIO));
    return text;
}

toml::table parse_toml(std::string_view text, const std::string& name) {
    check_toml_nesting(text, name);  // toml++ would recurse once per dotted key part
    try {
        return toml::parse(text, name);
    } catch (const toml::parse_error& e) {
        TomlSource{name}.fail({"", &e.source()}, "malformed TOML: " + std::string(e.description()));
    }
}

InheritedDocument resolve_inheritance(toml::table doc, const std::filesystem::path& file) {
    std::vector<std::filesystem::path> chain;
    return resolve(std::move(doc), file, chain);
}

}  // namespace moatsim::detail
