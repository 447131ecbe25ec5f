#include "market/parameters.hpp"

#include "core/input_error.hpp"
#include "core/input_text.hpp"
#include "market/parameter_table.hpp"

namespace moatsim {
namespace {

using detail::Param;

// Which parameters events may set is the `settable` flag of the scope's table
// (market/parameter_table.hpp); only numbers are settable.
template <class Spec>
std::vector<std::string> names_of(const std::vector<Param<Spec>>& table) {
    std::vector<std::string> out;
    for (const auto& p : table)
        if (p.is_settable()) out.emplace_back(p.key);
    return out;
}

template <class Spec>
double Spec::*lookup(const std::vector<Param<Spec>>& table, std::string_view name) {
    const Param<Spec>* p = detail::find_param(table, name);
    return p && p->is_settable() && p->kind == detail::ParamKind::number ? p->number : nullptr;
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
        ref.global_field = lookup(detail::global_params(), rest);
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
        ref.cloud_field = lookup(detail::cloud_params(), field);
        return ref.index >= 0 && ref.cloud_field ? std::optional(ref) : std::nullopt;
    }
    if (scope == "vendors") {
        ref.scope = ParameterRef::Scope::vendor;
        ref.index = scenario.vendor_index(name);
        ref.vendor_field = lookup(detail::vendor_params(), field);
        return ref.index >= 0 && ref.vendor_field ? std::optional(ref) : std::nullopt;
    }
    return std::nullopt;
}

event::Set make_set(const Scenario& scenario, std::string dotted, double value) {
    const auto ref = find_parameter(scenario, dotted);
    if (!ref)
        throw InputError("unknown parameter '" + shown(dotted) +
                         "' for a set event (expected 'globals.<field>', "
                         "'clouds.<cloud>.<field>' or 'vendors.<vendor>.<field>' naming a "
                         "settable number)");
    return {std::move(dotted), *ref, value};
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
    static const auto names = names_of(detail::cloud_params());
    return names;
}
const std::vector<std::string>& settable_vendor_fields() {
    static const auto names = names_of(detail::vendor_params());
    return names;
}
const std::vector<std::string>& settable_global_fields() {
    static const auto names = names_of(detail::global_params());
    return names;
}

}  // namespace moatsim
