#pragma once
// The enums a scenario's settings name (run mode, choice kernel, pricing rule, calibration,
// event kind), with their one spelling each (core/enum_names.hpp). Scenario files, resolved
// scenarios, manifests and the command line all use these names.
#include "core/enum_names.hpp"

namespace moatsim {

/// Stochastic: each enterprise draws its choices; expected: choice probabilities are carried
/// as expectations (no draws).
enum class Mode { stochastic, expected };

/// Which choice kernel computes the probabilities: the vectorised one with fast exp/log, or
/// the plain scalar one with libm that it is tested against (agents/fast_choice.hpp).
enum class Kernel { fast, reference };

enum class PricingRule { markup, fixed };
enum class CalibrationMethod { berry, none };

/// What a dated scenario event does (docs/SCENARIO.md, "Events").
enum class EventKind { set, catalog_add, catalog_remove, port, training_split, funding, gpu_shock };

template <>
struct EnumNames<Mode> {
    static constexpr std::array<std::pair<Mode, std::string_view>, 2> table{
        {{Mode::stochastic, "stochastic"}, {Mode::expected, "expected"}}};
};

template <>
struct EnumNames<Kernel> {
    static constexpr std::array<std::pair<Kernel, std::string_view>, 2> table{
        {{Kernel::fast, "fast"}, {Kernel::reference, "reference"}}};
};

template <>
struct EnumNames<PricingRule> {
    static constexpr std::array<std::pair<PricingRule, std::string_view>, 2> table{
        {{PricingRule::markup, "markup"}, {PricingRule::fixed, "fixed"}}};
};

template <>
struct EnumNames<CalibrationMethod> {
    static constexpr std::array<std::pair<CalibrationMethod, std::string_view>, 2> table{
        {{CalibrationMethod::berry, "berry"}, {CalibrationMethod::none, "none"}}};
};

template <>
struct EnumNames<EventKind> {
    static constexpr std::array<std::pair<EventKind, std::string_view>, 7> table{
        {{EventKind::set, "set"},
         {EventKind::catalog_add, "catalog_add"},
         {EventKind::catalog_remove, "catalog_remove"},
         {EventKind::port, "port"},
         {EventKind::training_split, "training_split"},
         {EventKind::funding, "funding"},
         {EventKind::gpu_shock, "gpu_shock"}}};
};

}  // namespace moatsim
