#include "market/scenario_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "market/parameter_table.hpp"

// The document is written by hand rather than by streaming a toml::table: toml++ 3.3 as
// built by Debian prints doubles with 17 significant digits (0.1 -> 0.10000000000000001),
// which round-trips but is hard to read, and sorts keys alphabetically. Here doubles use
// the shortest form that round-trips (std::to_chars) and keys keep the schema's order.
// The loader's tests parse this output back and compare every field.

namespace moatsim {
namespace {

using detail::Param;
using detail::ParamKind;

std::string quote(std::string_view s) {
    std::string out = "\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\f': out += "\\f"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04X", c);
                    out += buf;
                } else {
                    out += ch;  // UTF-8 passes through: TOML documents are UTF-8
                }
        }
    }
    return out + "\"";
}

std::string key(std::string_view k) {
    const bool bare = !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
    return bare ? std::string(k) : quote(k);
}

std::string number(double x) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, x);
    std::string s(buf, res.ptr);
    // "120" would read back as an integer; the loader accepts that, but keep floats floats.
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

/// "{ AWS = 0.3, Azure = 0.7 }" over the names, optionally skipping exact (+) zeros.
std::string inline_map(const std::vector<std::string>& names, const std::vector<double>& values,
                       bool skip_zeros) {
    std::string out;
    for (std::size_t j = 0; j < values.size() && j < names.size(); ++j) {
        if (skip_zeros && values[j] == 0.0 && !std::signbit(values[j])) continue;
        out += (out.empty() ? "" : ", ") + key(names[j]) + " = " + number(values[j]);
    }
    return out.empty() ? "{}" : "{ " + out + " }";
}

std::string distribution(const Distribution& d) {
    switch (d.kind) {
        case Distribution::Kind::constant:
            return "{ dist = \"constant\", value = " + number(d.mean) + " }";
        case Distribution::Kind::pareto:
            return "{ dist = \"pareto\", shape = " + number(d.shape) + " }";
        case Distribution::Kind::lognormal: break;
    }
    return "{ dist = \"lognormal\", mean = " + number(d.mean) + ", sd = " + number(d.sd) + " }";
}

/// Every scalar key of a scope's table (market/parameter_table.hpp), in table order; the
/// structured keys (strings, arrays, tables) are written by hand after them.
template <class Spec>
void scalars(std::ostream& out, const std::vector<Param<Spec>>& params, const Spec& spec) {
    for (const auto& p : params) {
        switch (p.kind) {
            case ParamKind::number: out << p.key << " = " << number(spec.*p.number) << "\n"; break;
            case ParamKind::integer: out << p.key << " = " << p.get_integer(spec) << "\n"; break;
            case ParamKind::choice:
                out << p.key << " = " << quote(p.choices().at(p.get_choice(spec))) << "\n";
                break;
            case ParamKind::structured: break;
        }
    }
}


void write_event(std::ostream& out, const Scenario& s, const Event& e,
                 const std::vector<std::string>& cloud_names) {
    const auto cloud = [&](int k) { out << "cloud = " << quote(s.clouds.at(k).name) << "\n"; };
    const auto vendor = [&](int m) { out << "vendor = " << quote(s.vendors.at(m).name) << "\n"; };
    out << "\n[[events]]\n"
        << "date = " << quote(s.start.plus_months(e.tick).to_string()) << "\n"
        << "kind = " << quote(to_string(e.kind())) << "\n";
    std::visit(Overloaded{
                   [&](const event::Set& p) {
                       out << "parameter = " << quote(p.parameter)
                           << "\nvalue = " << number(p.value) << "\n";
                   },
                   [&](const event::CatalogAdd& p) {
                       cloud(p.cloud);
                       vendor(p.vendor);
                   },
                   [&](const event::CatalogRemove& p) {
                       cloud(p.cloud);
                       vendor(p.vendor);
                   },
                   [&](const event::Port& p) {
                       cloud(p.cloud);
                       vendor(p.vendor);
                       out << "value = " << number(p.fraction) << "\n";
                   },
                   [&](const event::TrainingSplit& p) {
                       vendor(p.vendor);
                       out << "split = " << inline_map(cloud_names, p.split, false) << "\n";
                   },
                   [&](const event::Funding& p) {
                       vendor(p.vendor);
                       out << "amount = " << number(p.amount) << "\nmonths = " << p.months << "\n";
                   },
                   [&](const event::GpuShock& p) {
                       out << "factor = " << number(p.factor) << "\nmonths = " << p.months << "\n";
                   },
               },
               e.payload);
    if (!e.note.empty()) out << "note = " << quote(e.note) << "\n";
    if (!e.id.empty()) out << "id = " << quote(e.id) << "\n";
}

}  // namespace

std::string resolved_toml(const Scenario& s) {
    std::vector<std::string> cloud_names, vendor_names;
    for (const auto& c : s.clouds) cloud_names.push_back(c.name);
    for (const auto& v : s.vendors) vendor_names.push_back(v.name);

    std::ostringstream out;
    std::string source = s.source.string();
    for (char& c : source)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    out << "# Written by moatsim: the resolved scenario, with every default filled in and any\n"
        << "# command-line overrides applied. Read from: " << source << "\n";
    out << "name = " << quote(s.name) << "\n";
    if (!s.description.empty()) out << "description = " << quote(s.description) << "\n";
    out << "start = " << quote(s.start.to_string()) << "\n";

    out << "\n[run]\n";
    scalars(out, detail::run_params(), s.run);
    out << "\n[calibration]\n";
    scalars(out, detail::calibration_params(), s);
    out << "\n[globals]\n";
    scalars(out, detail::global_params(), s.globals);

    const PopulationSpec& p = s.population;
    out << "\n[population]\n";
    scalars(out, detail::population_params(), p);
    out << "size = " << distribution(p.size)
        << "\nprice_sensitivity = " << distribution(p.price_sensitivity)
        << "\nquality_sensitivity = " << distribution(p.quality_sensitivity)
        << "\nlock_in_fear = " << distribution(p.lock_in_fear) << "\n";
    if (!p.home_cloud.empty())
        out << "home_cloud = " << inline_map(cloud_names, p.home_cloud, false) << "\n";

    for (const auto& c : s.clouds) {
        out << "\n[clouds." << key(c.name) << "]\n";
        scalars(out, detail::cloud_params(), c);
        std::string catalog;
        for (std::size_t m = 0; m < c.offers.size() && m < vendor_names.size(); ++m)
            if (c.offers[m]) catalog += (catalog.empty() ? "" : ", ") + quote(vendor_names[m]);
        out << "catalog = [" << catalog << "]\n";
        out << "port = " << inline_map(vendor_names, c.port, true) << "\n";
    }
    for (const auto& v : s.vendors) {
        out << "\n[vendors." << key(v.name) << "]\n";
        scalars(out, detail::vendor_params(), v);
        out << "training_split = " << inline_map(cloud_names, v.training_split, false) << "\n";
    }
    // Skipped events too: beyond the horizon they stay unapplied when the file is rerun, and
    // the file remains the whole scenario (a longer --ticks applies them).
    for (const auto& e : s.events) write_event(out, s, e, cloud_names);
    for (const auto& e : s.skipped_events) write_event(out, s, e, cloud_names);
    return out.str();
}

}  // namespace moatsim
