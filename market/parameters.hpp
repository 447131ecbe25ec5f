#pragma once
// Dotted parameter names ("clouds.AWS.price", "vendors.OpenAI.margin",
// "globals.review_rate") resolved to the live value they name. Used by `set` events; which
// parameters they may name is the `settable` flag of market/parameter_table.hpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "market/scenario.hpp"

namespace moatsim {

struct ParameterRef {
    enum class Scope { cloud, vendor, global };
    Scope scope = Scope::global;
    int index = -1;  // cloud or vendor index
    double CloudSpec::*cloud_field = nullptr;
    double VendorSpec::*vendor_field = nullptr;
    double Globals::*global_field = nullptr;
};

/// Resolves a dotted name against the scenario's clouds and vendors; nullopt if unknown.
[[nodiscard]] std::optional<ParameterRef> find_parameter(const Scenario& scenario,
                                                         std::string_view dotted);

/// The value a reference names inside live copies of the scenario's parts.
[[nodiscard]] double& parameter_value(const ParameterRef& ref, std::vector<CloudSpec>& clouds,
                                      std::vector<VendorSpec>& vendors, Globals& globals);

/// Field names that may follow "clouds.<name>.", "vendors.<name>." and "globals.".
[[nodiscard]] const std::vector<std::string>& settable_cloud_fields();
[[nodiscard]] const std::vector<std::string>& settable_vendor_fields();
[[nodiscard]] const std::vector<std::string>& settable_global_fields();

}  // namespace moatsim
