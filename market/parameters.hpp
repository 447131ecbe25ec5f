#pragma once
// Dotted parameter names ("clouds.AWS.price", "vendors.OpenAI.margin",
// "globals.review_rate") resolved to a ParameterRef (market/event.hpp) once, when a `set`
// event is made, and the live value a reference names. Which
// parameters they may name is the `settable` flag of market/parameter_table.hpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "market/scenario.hpp"

namespace moatsim {

/// Resolves a dotted name against the scenario's clouds and vendors; nullopt if unknown.
[[nodiscard]] std::optional<ParameterRef> find_parameter(const Scenario& scenario,
                                                         std::string_view dotted);

/// A `set` payload for `dotted` = value, its target resolved against the scenario; an
/// InputError naming the parameter if it does not resolve. For events made in code (the
/// loader reads files and explains an unknown name at more length).
[[nodiscard]] event::Set make_set(const Scenario& scenario, std::string dotted, double value);

/// The value a reference names inside live copies of the scenario's parts.
[[nodiscard]] double& parameter_value(const ParameterRef& ref, std::vector<CloudSpec>& clouds,
                                      std::vector<VendorSpec>& vendors, Globals& globals);

/// Field names that may follow "clouds.<name>.", "vendors.<name>." and "globals.".
[[nodiscard]] const std::vector<std::string>& settable_cloud_fields();
[[nodiscard]] const std::vector<std::string>& settable_vendor_fields();
[[nodiscard]] const std::vector<std::string>& settable_global_fields();

}  // namespace moatsim
