#include "classroom/levers.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/input_error.hpp"
#include "market/parameters.hpp"

namespace moatsim {
namespace {

const LeverSpec* find_spec(const std::string& id) {
    for (const auto& s : lever_specs())
        if (s.id == id) return &s;
    return nullptr;
}

std::string number(double v) { return fmt::format("{}", v); }

}  // namespace

std::string toml_string(const std::string& s) {
    std::string out = "\"";
    for (const unsigned char c : s) {
        if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
        else if (c < 0x20 || c == 0x7f) out += fmt::format("\\u{:04X}", c);
        else out += static_cast<char>(c);
    }
    return out + "\"";
}

namespace {
const auto& quoted = toml_string;
}  // namespace

const std::vector<LeverSpec>& lever_specs() {
    static const std::vector<LeverSpec> specs = {
        {"catalog", "Catalog", "Which vendors each cloud offers; more choice on one cloud is "
         "'optionality', which lock-in-fearing buyers value", "on/off", 0, 1, 1, true, true},
        {"silicon_discount", "Silicon discount", "How much cheaper a unit on the cloud's own "
         "chips (e.g. Trainium) is than on GPUs", "fraction of price", 0, 0.9, 0.05, true, false},
        {"port", "Ported to own silicon", "Share of a vendor's serving on this cloud that runs "
         "on the cloud's own chips (gets the discount, feeds lock-in fear)", "fraction", 0, 1,
         0.1, true, true},
        {"lock_in_fear", "Mean lock-in fear", "How much the average buyer fears being locked "
         "in: scales the value of optionality and the cost of proprietary silicon",
         "mean phi; starts at the scenario's own mean (1 in the baseline, 2 in high_lockin_fear) and "
         "scales every enterprise's fear", 0, 5, 0.1, false, false},
        {"switch_cost_cloud", "Cloud switching cost", "Utility bonus for staying on the current "
         "cloud at a review", "utils", 0, 20, 0.5, false, false},
        {"switch_cost_vendor", "Vendor switching cost", "Utility bonus for staying with the "
         "current model vendor at a review", "utils", 0, 20, 0.5, false, false},
        {"review_rate", "Review rate", "Chance that an adopter re-chooses cloud and vendor in a "
         "month", "per month", 0, 0.5, 0.005, false, false},
        {"price_war_ceiling", "Price-war ceiling", "Highest markup clouds steer prices to "
         "(Lerner index (price - cost)/price); lower it for a price war", "Lerner index", 0,
         0.95, 0.05, false, false},
        {"gpu_shock", "GPU supply shock", "Multiplies new GPU supply for a number of months "
         "(0.5 = half)", "factor, for months", 0, 3, 0.1, false, false},
    };
    return specs;
}

double mean_lock_in_fear(const Scenario& world) {
    const Distribution& d = world.population.lock_in_fear;
    switch (d.kind) {
        case Distribution::Kind::constant:
        case Distribution::Kind::lognormal: return d.mean;
        case Distribution::Kind::pareto: return d.shape > 1 ? d.shape / (d.shape - 1) : 0.0;
    }
    return 0.0;
}

LeverState lever_state_at(const Scenario& w, int tick) {
    const std::size_t K = w.clouds.size(), M = w.vendors.size();
    LeverState s;
    s.catalog.assign(K, std::vector<int>(M, 0));
    s.port.assign(K, std::vector<double>(M, 0.0));
    for (std::size_t k = 0; k < K; ++k)
        for (std::size_t m = 0; m < M; ++m) {
            s.catalog[k][m] = m < w.clouds[k].offers.size() ? w.clouds[k].offers[m] : 0;
            s.port[k][m] = m < w.clouds[k].port.size() ? w.clouds[k].port[m] : 0.0;
        }
    // `set` events act on copies of the parameters, through the references they were
    // resolved to at load, as the run applies them (market/events.cpp).
    Globals g = w.globals;
    std::vector<CloudSpec> clouds = w.clouds;
    std::vector<VendorSpec> vendors = w.vendors;
    for (const Event& e : w.events) {
        if (e.tick > tick) break;  // events are sorted by tick
        std::visit(Overloaded{
                       [&](const event::Set& p) {
                           parameter_value(p.target, clouds, vendors, g) = p.value;
                       },
                       [&](const event::CatalogAdd& p) { s.catalog[p.cloud][p.vendor] = 1; },
                       [&](const event::CatalogRemove& p) { s.catalog[p.cloud][p.vendor] = 0; },
                       [&](const event::Port& p) { s.port[p.cloud][p.vendor] = p.fraction; },
                       // Training splits, funding and GPU shocks are not shown as lever state.
                       [](const event::TrainingSplit&) {},
                       [](const event::Funding&) {},
                       [](const event::GpuShock&) {},
                   },
                   e.payload);
    }
    for (const CloudSpec& c : clouds) s.silicon_discount.push_back(c.silicon_discount);
    const double omega = g.optionality_weight, theta = g.silicon_lockin_weight;
    s.switch_cost_cloud = g.switch_cost_cloud;
    s.switch_cost_vendor = g.switch_cost_vendor;
    s.review_rate = g.review_rate;
    s.price_war_ceiling = g.lerner_max;
    s.price_floor = g.lerner_min;
    // phi enters utility only as phi * (omega * entropy - theta * lock-in) (ODD 7.3), so the
    // mean fear in force is the drawn mean times the factor omega (or theta) was scaled by.
    const double m0 = mean_lock_in_fear(w), w0 = w.globals.optionality_weight,
                 t0 = w.globals.silicon_lockin_weight;
    s.lock_in_fear = w0 > 0 ? m0 * omega / w0 : t0 > 0 ? m0 * theta / t0 : m0;
    return s;
}

std::vector<StudentEvent> events_for_pull(const Scenario& w, const LeverState& now,
                                          const LeverPull& pull, int tick, int& next_id) {
    const LeverSpec* spec = find_spec(pull.lever);
    if (!spec) {
        std::string known;
        for (const auto& s : lever_specs()) known += (known.empty() ? "" : ", ") + s.id;
        throw InputError("unknown lever '" + pull.lever.substr(0, 40) + "' (levers: " + known + ")");
    }
    const std::string where = "lever " + spec->id;
    if (!std::isfinite(pull.value) || pull.value < spec->min || pull.value > spec->max)
        throw InputError(where + ": value must be a number in [" + number(spec->min) + ", " +
                         number(spec->max) + "] (" + spec->unit + "), got " +
                         (std::isfinite(pull.value) ? number(pull.value) : std::string("not a finite number")));
    int k = -1, m = -1;
    if (spec->per_cloud) {
        k = w.cloud_index(pull.cloud);
        if (k < 0) throw InputError(where + ": unknown cloud '" + pull.cloud.substr(0, 40) + "'");
    }
    if (spec->per_vendor) {
        m = w.vendor_index(pull.vendor);
        if (m < 0) throw InputError(where + ": unknown vendor '" + pull.vendor.substr(0, 40) + "'");
    }
    const std::string date = w.start.plus_months(tick).to_string();
    std::vector<StudentEvent> out;
    const auto emit = [&](const std::string& body, const std::string& text) {
        StudentEvent e;
        e.tick = tick;
        e.text = date + " class: " + text;
        e.toml = "[[events]]\nid = \"class_" + std::to_string(next_id++) + "\"\ndate = \"" + date +
                 "\"\n" + body + "note = " + quoted("class: " + text) + "\n\n";
        out.push_back(std::move(e));
    };
    const auto set = [&](const std::string& parameter, double value, const std::string& text) {
        emit("kind = \"set\"\nparameter = " + quoted(parameter) + "\nvalue = " + number(value) + "\n",
             text);
    };
    const std::string cloud = k >= 0 ? w.clouds[k].name : "", vendor = m >= 0 ? w.vendors[m].name : "";
    if (spec->id == "catalog") {
        if (pull.value != 0 && pull.value != 1)
            throw InputError(where + ": value must be 0 (off) or 1 (on), got " + number(pull.value));
        const bool on = pull.value == 1;
        emit(std::string("kind = \"") + (on ? "catalog_add" : "catalog_remove") + "\"\ncloud = " +
                 quoted(cloud) + "\nvendor = " + quoted(vendor) + "\n",
             cloud + (on ? " starts offering " : " stops offering ") + vendor);
    } else if (spec->id == "silicon_discount") {
        set("clouds." + cloud + ".silicon_discount", pull.value,
            cloud + " silicon discount " + number(now.silicon_discount[k]) + " -> " + number(pull.value));
    } else if (spec->id == "port") {
        emit("kind = \"port\"\ncloud = " + quoted(cloud) + "\nvendor = " + quoted(vendor) +
                 "\nvalue = " + number(pull.value) + "\n",
             vendor + " on " + cloud + "'s own silicon " + number(now.port[k][m]) + " -> " +
                 number(pull.value));
    } else if (spec->id == "lock_in_fear") {
        // Population fear is drawn once, at the start; phi multiplies omega and theta and
        // nothing else (ODD 7.3), so scaling every phi by c is scaling omega and theta by c.
        const double m0 = mean_lock_in_fear(w), w0 = w.globals.optionality_weight,
                     t0 = w.globals.silicon_lockin_weight;
        if (!(m0 > 0) || (w0 <= 0 && t0 <= 0))
            throw InputError(where + ": this scenario gives lock-in fear no weight "
                             "(optionality_weight and silicon_lockin_weight are 0, or the mean fear is 0)");
        const double c = pull.value / m0;
        const std::string text = "mean lock-in fear " + fmt::format("{:.3g}", now.lock_in_fear) +
                                 " -> " + number(pull.value);
        set("globals.optionality_weight", w0 * c, text + " (optionality weight x" + fmt::format("{:.3g}", c) + ")");
        set("globals.silicon_lockin_weight", t0 * c, text + " (silicon lock-in weight x" + fmt::format("{:.3g}", c) + ")");
    } else if (spec->id == "switch_cost_cloud") {
        set("globals.switch_cost_cloud", pull.value,
            "cloud switching cost " + number(now.switch_cost_cloud) + " -> " + number(pull.value));
    } else if (spec->id == "switch_cost_vendor") {
        set("globals.switch_cost_vendor", pull.value,
            "vendor switching cost " + number(now.switch_cost_vendor) + " -> " + number(pull.value));
    } else if (spec->id == "review_rate") {
        set("globals.review_rate", pull.value,
            "review rate " + number(now.review_rate) + " -> " + number(pull.value));
    } else if (spec->id == "price_war_ceiling") {
        if (pull.value < now.price_floor)
            throw InputError(where + ": value must be at least the price floor (lerner_min) " +
                             number(now.price_floor) + ", got " + number(pull.value));
        set("globals.lerner_max", pull.value,
            "price-war ceiling " + number(now.price_war_ceiling) + " -> " + number(pull.value));
    } else if (spec->id == "gpu_shock") {
        if (!std::isfinite(pull.months) || pull.months < 1 || pull.months > 120 ||
            pull.months != std::floor(pull.months))
            throw InputError(where + ": months must be a whole number in [1, 120], got " +
                             (std::isfinite(pull.months) ? number(pull.months) : std::string("not a finite number")));
        emit("kind = \"gpu_shock\"\nfactor = " + number(pull.value) + "\nmonths = " +
                 number(pull.months) + "\n",
             "new GPU supply x" + number(pull.value) + " for " + number(pull.months) + " months");
    }
    return out;
}

}  // namespace moatsim
