#include "classroom/protocol.hpp"

#include <cmath>

#include "core/enum_names.hpp"

namespace moatsim {
namespace {

using nlohmann::json;

const json& field(const json& j, const char* key, const char* type_name) {
    const auto it = j.find(key);
    if (it == j.end())
        throw ProtocolError(std::string("missing \"") + key + "\" (" + type_name + ")");
    return *it;
}

std::string string_field(const json& j, const char* key) {
    const json& v = field(j, key, "a string");
    if (!v.is_string()) throw ProtocolError(std::string("\"") + key + "\" must be a string");
    std::string s = v.get<std::string>();
    if (s.size() > 200) throw ProtocolError(std::string("\"") + key + "\" is too long");
    return s;
}

double number_field(const json& j, const char* key) {
    const json& v = field(j, key, "a number");
    if (!v.is_number()) throw ProtocolError(std::string("\"") + key + "\" must be a number");
    return v.get<double>();
}

std::string event_text(const Scenario& s, const Event& e) {
    const std::string date = s.start.plus_months(e.tick).to_string();
    if (!e.note.empty()) return date + " " + e.note;
    std::string what(to_string(e.kind()));
    if (const int k = cloud_of(e); k >= 0) what += " " + s.clouds[k].name;
    if (const int m = vendor_of(e); m >= 0) what += " " + s.vendors[m].name;
    if (const auto* set = e.as<event::Set>()) what += " " + set->parameter;
    return date + " " + what;
}

bool is_student(const Event& e) { return e.id.rfind("class_", 0) == 0; }

json row_json(const TickRecord& r) {
    json share = json::array(), price = json::array(), vendor = json::array();
    for (const auto& c : r.clouds) share.push_back(c.share_workload), price.push_back(c.price);
    for (const auto& v : r.vendors) vendor.push_back(v.share);
    return {{"share", share}, {"price", price}, {"vendor_share", vendor}};
}

}  // namespace

ClientMessage parse_client_message(std::string_view text) {
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) throw ProtocolError("malformed message: not JSON");
    if (!j.is_object()) throw ProtocolError("malformed message: expected a JSON object");
    const std::string type = string_field(j, "type");
    ClientMessage m;
    using T = ClientMessage::Type;
    if (type == "open") {
        m.type = T::open;
        m.scenario = string_field(j, "scenario");
    } else if (type == "play") {
        m.type = T::play;
        if (j.contains("speed")) m.speed = number_field(j, "speed");
    } else if (type == "pause") {
        m.type = T::pause;
    } else if (type == "step") {
        m.type = T::step;
    } else if (type == "reset") {
        m.type = T::reset;
    } else if (type == "speed") {
        m.type = T::speed;
        m.speed = number_field(j, "value");
    } else if (type == "lever") {
        m.type = T::lever;
        m.pull.lever = string_field(j, "lever");
        m.pull.value = number_field(j, "value");
        if (j.contains("cloud")) m.pull.cloud = string_field(j, "cloud");
        if (j.contains("vendor")) m.pull.vendor = string_field(j, "vendor");
        if (j.contains("months")) m.pull.months = number_field(j, "months");
    } else if (type == "export") {
        m.type = T::export_run;
        m.format = string_field(j, "format");
        if (m.format != "toml" && m.format != "csv")
            throw ProtocolError("export: \"format\" must be \"toml\" or \"csv\"");
    } else {
        throw ProtocolError("unknown message type '" + type.substr(0, 40) +
                            "' (expected open, play, pause, step, reset, speed, lever, export)");
    }
    return m;
}

json welcome_message(const ScenarioShelf& shelf, const ServedCaps& caps) {
    json scenarios = json::array();
    for (const ShelfEntry* e : shelf.entries())
        scenarios.push_back({{"name", e->name}, {"description", e->description}});
    json levers = json::array();
    for (const auto& s : lever_specs())
        levers.push_back({{"id", s.id}, {"label", s.label}, {"explanation", s.explanation},
                          {"unit", s.unit}, {"min", s.min}, {"max", s.max}, {"step", s.step},
                          {"per_cloud", s.per_cloud}, {"per_vendor", s.per_vendor}});
    return {{"type", "welcome"},
            {"scenarios", scenarios},
            {"levers", levers},
            {"caps",
             {{"enterprises", caps.enterprises}, {"max_sessions", caps.max_sessions},
              {"idle_seconds", caps.idle_seconds}, {"max_message_bytes", caps.max_message},
              {"messages_per_second", caps.rate}, {"burst", caps.burst},
              {"max_speed", caps.max_speed}}}};
}

json levers_message(const ClassroomWorld& w) {
    const LeverState s = w.levers();
    return {{"type", "levers"},
            {"catalog", s.catalog},
            {"port", s.port},
            {"silicon_discount", s.silicon_discount},
            {"lock_in_fear", s.lock_in_fear},
            {"switch_cost_cloud", s.switch_cost_cloud},
            {"switch_cost_vendor", s.switch_cost_vendor},
            {"review_rate", s.review_rate},
            {"price_war_ceiling", s.price_war_ceiling},
            {"price_floor", s.price_floor}};
}

json world_message(const ClassroomWorld& w) {
    const Scenario& s = w.scenario();
    json clouds = json::array(), vendors = json::array(), events = json::array();
    for (const auto& c : s.clouds) clouds.push_back(c.name);
    for (const auto& v : s.vendors) vendors.push_back(v.name);
    for (const auto& e : s.events)
        events.push_back({{"tick", e.tick}, {"text", event_text(s, e)},
                          {"source", is_student(e) ? "class" : "scenario"}});
    return {{"type", "world"},
            {"scenario", w.entry().name},
            {"description", w.entry().description},
            {"start", s.start.to_string()},
            {"ticks", s.run.ticks},
            {"enterprises", s.population.enterprises},
            {"seed", s.run.seed},
            {"clouds", clouds},
            {"vendors", vendors},
            {"events", events}};
}

json month_message(const ClassroomWorld& w, int tick) {
    const Scenario& s = w.scenario();
    json events = json::array();
    for (const auto& e : s.events)
        if (e.tick == tick)
            events.push_back({{"text", event_text(s, e)}, {"source", is_student(e) ? "class" : "scenario"}});
    const auto t = static_cast<std::size_t>(tick);
    return {{"type", "month"},
            {"tick", tick},
            {"date", s.start.plus_months(tick).to_string()},
            {"student", row_json(w.rows()[t])},
            {"baseline", row_json(w.baseline_rows()[t])},
            {"events", events},
            {"finished", tick >= s.run.ticks}};
}

json error_message(const std::string& message) { return {{"type", "error"}, {"message", message}}; }

}  // namespace moatsim
