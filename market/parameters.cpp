#include "market/parameters.hpp"

#include <utility>

namespace moatsim {
namespace {

template <class Spec>
using Field = std::pair<const char*, double Spec::*>;

// One table per scope: the only place that says which parameters events may set.
const std::vector<Field<CloudSpec>>& cloud_table() {
    static const std::vector<Field<CloudSpec>> t = {
        {"price", &CloudSpec::price},
        {"brand", &CloudSpec::brand},
        {"silicon_discount", &CloudSpec::silicon_discount},
        {"silicon_target", &CloudSpec::silicon_target},
        {"silicon_supply", &CloudSpec::silicon_supply},
        {"silicon_supply_growth", &CloudSpec::silicon_supply_growth},
    };
    return t;
}

const std::vector<Field<VendorSpec>>& vendor_table() {
    static const std::vector<Field<VendorSpec>> t = {
        {"taste_mean", &VendorSpec::taste_mean},
        {"quality0", &VendorSpec::quality0},
        {"quality_scale", &VendorSpec::quality_scale},
        {"compute_scale", &VendorSpec::compute_scale},
        {"margin", &VendorSpec::margin},
        {"reinvest", &VendorSpec::reinvest},
        {"funding", &VendorSpec::funding},
    };
    return t;
}

const std::vector<Field<Globals>>& global_table() {
    static const std::vector<Field<Globals>> t = {
        {"gpu_cost", &Globals::gpu_cost},
        {"gpu_cost_decline", &Globals::gpu_cost_decline},
        {"gpu_supply", &Globals::gpu_supply},
        {"gpu_supply_growth", &Globals::gpu_supply_growth},
        {"demand_growth", &Globals::demand_growth},
        {"bass_p", &Globals::bass_p},
        {"bass_q", &Globals::bass_q},
        {"review_rate", &Globals::review_rate},
        {"switch_cost_cloud", &Globals::switch_cost_cloud},
        {"switch_cost_vendor", &Globals::switch_cost_vendor},
        {"data_gravity", &Globals::data_gravity},
        {"optionality_weight", &Globals::optionality_weight},
        {"silicon_lockin_weight", &Globals::silicon_lockin_weight},
        {"scarcity_penalty", &Globals::scarcity_penalty},
        {"nest_lambda", &Globals::nest_lambda},
        {"markup_speed", &Globals::markup_speed},
        {"lerner_min", &Globals::lerner_min},
        {"lerner_max", &Globals::lerner_max},
        {"headroom", &Globals::headroom},
    };
    return t;
}

template <class Spec>
std::vector<std::string> names_of(const std::vector<Field<Spec>>& table) {
    std::vector<std::string> out;
    for (const auto& [name, field] : table) out.emplace_back(name);
    return out;
}

template <class Spec>
double Spec::*lookup(const std::vector<Field<Spec>>& table, std::string_view name) {
    for (const auto& [n, field] : table)
        if (name == n) return field;
    return nullptr;
}

}  // namespace

std::optional<ParameterRef> find_parameter(const Scenario& scenario, std::string_view dotted) {
    const auto first = dotted.find('.');
    if (first == std::string_view::npos) return std::nullopt;
    const auto scope = dotted.substr(0, first);
    const auto rest = dotted.substr(first + 1);
    ParameterRef ref;
    if (scope == "globals") {
        ref.scope = ParameterRef::Scope::global;
        ref.global_field = lookup(global_table(), rest);
        return ref.global_field ? std::optional(ref) : std::nullopt;
    }
    // Entity names may not contain dots, so the last dot separates name and field.
    const auto last = rest.rfind('.');
    if (last == std::string_view::npos) return std::nullopt;
    const auto name = rest.substr(0, last);
    const auto field = rest.substr(last + 1);
    if (scope == "clouds") {
        ref.scope = ParameterRef::Scope::cloud;
        ref.index = scenario.cloud_index(name);
        ref.cloud_field = lookup(cloud_table(), field);
        return ref.index >= 0 && ref.cloud_field ? std::optional(ref) : std::nullopt;
    }
    if (scope == "vendors") {
        ref.scope = ParameterRef::Scope::vendor;
        ref.index = scenario.vendor_index(name);
        ref.vendor_field = lookup(vendor_table(), field);
        return ref.index >= 0 && ref.vendor_field ? std::optional(ref) : std::nullopt;
    }
    return std::nullopt;
}

double& parameter_value(const ParameterRef& ref, std::vector<CloudSpec>& clouds,
                        std::vector<VendorSpec>& vendors, Globals& globals) {
    switch (ref.scope) {
        case ParameterRef::Scope::cloud: return clouds[ref.index].*ref.cloud_field;
        case ParameterRef::Scope::vendor: return vendors[ref.index].*ref.vendor_field;
        case ParameterRef::Scope::global: break;
    }
    return globals.*ref.global_field;
}

const std::vector<std::string>& settable_cloud_fields() {
    static const auto names = names_of(cloud_table());
    return names;
}
const std::vector<std::string>& settable_vendor_fields() {
    static const auto names = names_of(vendor_table());
    return names;
}
const std::vector<std::string>& settable_global_fields() {
    static const auto names = names_of(global_table());
    return names;
}

}  // namespace moatsim
