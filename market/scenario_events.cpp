// The [[events]] array of a scenario file (docs/SCENARIO.md, "Events"). Part of the loader.
#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "core/input_text.hpp"
#include "market/parameters.hpp"
#include "market/scenario_fields.hpp"

namespace moatsim::detail {
namespace {

// Event kinds' names (core/modes.hpp), for read_choice and messages.
const std::vector<std::string>& kind_names() {
    static const std::vector<std::string> names = enum_names<EventKind>();
    return names;
}

std::vector<std::string> keys_for(EventKind kind) {
    std::vector<std::string> keys = {"id", "date", "kind", "note"};
    const auto add = [&](std::initializer_list<const char*> more) {
        keys.insert(keys.end(), more.begin(), more.end());
    };
    switch (kind) {
        case EventKind::set: add({"parameter", "value"}); break;
        case EventKind::catalog_add:
        case EventKind::catalog_remove: add({"cloud", "vendor"}); break;
        case EventKind::port: add({"cloud", "vendor", "value"}); break;
        case EventKind::training_split: add({"vendor", "split"}); break;
        case EventKind::funding: add({"vendor", "amount", "months"}); break;
        case EventKind::gpu_shock: add({"factor", "months"}); break;
    }
    return keys;
}

template <class Spec>
Range range_of(const std::vector<Param<Spec>>& params, std::string_view key) {
    const Param<Spec>* p = find_param(params, key);
    return p ? p->range : ranges::any;
}

/// Why a dotted parameter name does not resolve, listing what would.
std::string explain_parameter(std::string_view p, const Scenario& s) {
    const std::string head = "unknown parameter '" + shown(p) + "': ";
    const std::string forms =
        "expected 'globals.<field>', 'clouds.<cloud>.<field>' or 'vendors.<vendor>.<field>'";
    const auto dot = p.find('.');
    if (dot == std::string_view::npos) return head + forms;
    const auto scope = p.substr(0, dot), rest = p.substr(dot + 1);
    const auto no_field = [&](std::string_view field, const char* what,
                              const std::vector<std::string>& fields) {
        return head + "no settable " + what + " field '" + shown(field) + "'" +
               did_you_mean(field, fields) + " (settable " + what + " fields: " + join(fields) +
               ")";
    };
    if (scope == "globals") return no_field(rest, "global", settable_global_fields());
    const auto last = rest.rfind('.');
    if ((scope != "clouds" && scope != "vendors") || last == std::string_view::npos)
        return head + forms;
    const auto name = rest.substr(0, last), field = rest.substr(last + 1);
    if (scope == "clouds")
        return s.cloud_index(name) < 0 ? head + unknown_name("cloud", name, s)
                                       : no_field(field, "cloud", settable_cloud_fields());
    return s.vendor_index(name) < 0 ? head + unknown_name("vendor", name, s)
                                    : no_field(field, "vendor", settable_vendor_fields());
}

/// The range a `set` value must lie in: the same as the key's own in the scenario file.
Range set_range(const ParameterRef& ref, std::string_view parameter) {
    const auto field = parameter.substr(parameter.rfind('.') + 1);
    switch (ref.scope) {
        case ParameterRef::Scope::cloud: return range_of(cloud_params(), field);
        case ParameterRef::Scope::vendor: return range_of(vendor_params(), field);
        case ParameterRef::Scope::global: break;
    }
    return range_of(global_params(), field);
}

int cloud_ref(const TableReader& t, const Scenario& s) {
    const std::string name = t.require_string("cloud");
    const int k = s.cloud_index(name);
    if (k < 0) t.fail("cloud", unknown_name("cloud", name, s));
    return k;
}

int vendor_ref(const TableReader& t, const Scenario& s) {
    const std::string name = t.require_string("vendor");
    const int m = s.vendor_index(name);
    if (m < 0) t.fail("vendor", unknown_name("vendor", name, s));
    return m;
}

// An event past the horizon is not an error: shortening a run with --ticks must work with
// any scenario. Such events are set aside by read_events; one before the start is an error.
int event_tick(const TableReader& t, const Scenario& s) {
    const YearMonth date = t.require_year_month("date");
    const int tick = date.months_since(s.start);
    if (tick < 0)
        t.fail("date", date.to_string() + " is before the start date " + s.start.to_string());
    return tick;
}

int months_of(const TomlSource& src, const TableReader& t) {
    return static_cast<int>(read_integer(src, t.require("months", "an integer >= 1"),
                                         t.site("months"), 1, max_ticks));
}

/// The keys of one kind (keys_for lists them) as its typed payload; a `set` parameter is
/// resolved here, once, so applying the event looks nothing up.
EventPayload read_payload(const TomlSource& src, const TableReader& t, EventKind kind,
                          const Scenario& s) {
    switch (kind) {
        case EventKind::set: {
            std::string parameter = t.require_string("parameter");
            const auto ref = find_parameter(s, parameter);
            if (!ref) t.fail("parameter", explain_parameter(parameter, s));
            const double value = t.require_number("value", set_range(*ref, parameter));
            return event::Set{std::move(parameter), *ref, value};
        }
        case EventKind::catalog_add: {
            const int k = cloud_ref(t, s);
            return event::CatalogAdd{k, vendor_ref(t, s)};
        }
        case EventKind::catalog_remove: {
            const int k = cloud_ref(t, s);
            return event::CatalogRemove{k, vendor_ref(t, s)};
        }
        case EventKind::port: {
            const int k = cloud_ref(t, s), m = vendor_ref(t, s);
            return event::Port{k, m, t.require_number("value", ranges::unit)};
        }
        case EventKind::training_split: {
            const int m = vendor_ref(t, s);
            return event::TrainingSplit{
                m, read_cloud_shares(src,
                                     t.require("split", "a table {<cloud> = share} summing to 1"),
                                     t.site("split"), s)};
        }
        case EventKind::funding: {
            const int m = vendor_ref(t, s);
            const double amount = t.require_number("amount", limits::money);
            return event::Funding{m, amount, months_of(src, t)};
        }
        case EventKind::gpu_shock: {
            const double factor = t.require_number("factor", ranges::non_negative);
            return event::GpuShock{factor, months_of(src, t)};
        }
    }
    throw std::logic_error("unhandled event kind");
}

Event read_event(const TomlSource& src, const toml::node& node, std::size_t index,
                 const Scenario& s) {
    const std::string path = "events[" + std::to_string(index) + "]";
    const toml::table& table = read_table(src, node, {path, &node.source()});
    // The kind decides which other keys the event may hold, so it is read first.
    const auto kind_it = table.find("kind");
    if (kind_it == table.end())
        src.fail({path + ".kind", &table.source()},
                 "required key is missing (expected one of " + join(kind_names()) + ")");
    const auto kind = enum_at<EventKind>(static_cast<std::size_t>(read_choice(
        src, kind_it->second, {path + ".kind", &kind_it->first.source()}, kind_names())));
    const TableReader t(src, table, path, keys_for(kind),
                        " for kind '" + kind_names()[static_cast<int>(kind)] + "'");
    Event e;
    e.tick = event_tick(t, s);
    e.note = t.string("note", "");
    check_free_text(src, e.note, t.site("note"));
    e.id = t.string("id", "");
    check_name(src, e.id, t.site("id"), "event id");
    e.payload = read_payload(src, t, kind, s);
    return e;
}

/// `set` events may move lerner_min and lerner_max; replays them in the order the run applies
/// them (by tick, then file order) and rejects the first that leaves min above max.
void check_lerner_bounds(const TomlSource& src, const toml::array& nodes,
                         const std::vector<Event>& events, const Globals& g) {
    std::vector<std::size_t> order(events.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return events[a].tick < events[b].tick; });
    double lo = g.lerner_min, hi = g.lerner_max;
    for (const std::size_t i : order) {
        const auto* set = events[i].as<event::Set>();
        if (!set || set->target.scope != ParameterRef::Scope::global) continue;
        if (set->target.global_field == &Globals::lerner_min) lo = set->value;
        else if (set->target.global_field == &Globals::lerner_max) hi = set->value;
        else continue;
        if (lo > hi)
            src.fail({"events[" + std::to_string(i) + "].value", &nodes.get(i)->source()},
                     "this set leaves lerner_min (" + format_number(lo) + ") above lerner_max (" +
                         format_number(hi) + "); expected lerner_min <= lerner_max at every tick");
    }
}

}  // namespace

void read_events(const TomlSource& src, const toml::array& events, Scenario& s) {
    std::vector<Event> out;
    for (std::size_t i = 0; i < events.size(); ++i)
        out.push_back(read_event(src, *events.get(i), i, s));
    check_lerner_bounds(src, events, out, s.globals);
    // Ids name events for drop_events in inheriting files, so each may be used once.
    for (std::size_t i = 0; i < out.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (!out[i].id.empty() && out[i].id == out[j].id)
                src.fail({"events[" + std::to_string(i) + "].id", &events.get(i)->source()},
                         "id '" + shown(out[i].id) + "' is already used by events[" +
                             std::to_string(j) + "]; expected unique event ids");
    std::stable_sort(out.begin(), out.end(),
                     [](const Event& a, const Event& b) { return a.tick < b.tick; });
    const auto past = std::find_if(out.begin(), out.end(),
                                   [&](const Event& e) { return e.tick > s.run.ticks; });
    s.skipped_events.assign(std::make_move_iterator(past), std::make_move_iterator(out.end()));
    out.erase(past, out.end());
    s.events = std::move(out);
}

}  // namespace moatsim::detail
