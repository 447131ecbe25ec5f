#pragma once
// Dated events (docs/ODD.md section 7.9) as typed payloads: one struct per kind holding only
// what that kind means, so no field serves several meanings and every std::visit over an
// event must handle every kind (a missing overload does not compile). A `set` event's
// parameter is resolved to a ParameterRef once, when the event is made (the loader, or
// make_set_event in market/parameters.hpp); applying it is a pointer dereference.
//
// Adding a kind: its struct and EventKind entry (same position; checked below), then the
// loader (scenario_events.cpp), the applier (events.cpp), the writer (scenario_writer.cpp),
// the descriptions (describe_event) and a test. The compiler lists every other place.
#include <cstddef>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/modes.hpp"

namespace moatsim {

struct CloudSpec;
struct VendorSpec;
struct Globals;

/// A settable number of the scenario: which scope, which cloud or vendor, which member.
struct ParameterRef {
    enum class Scope { cloud, vendor, global };
    Scope scope = Scope::global;
    int index = -1;  // cloud or vendor index
    double CloudSpec::*cloud_field = nullptr;
    double VendorSpec::*vendor_field = nullptr;
    double Globals::*global_field = nullptr;

    [[nodiscard]] bool resolved() const noexcept {
        return cloud_field != nullptr || vendor_field != nullptr || global_field != nullptr;
    }
    bool operator==(const ParameterRef&) const = default;
};

namespace event {

/// `set`: a settable number takes a new value from this tick on.
struct Set {
    static constexpr EventKind kind = EventKind::set;
    std::string parameter;  // the dotted key as written, e.g. "clouds.AWS.price"
    ParameterRef target;    // what `parameter` names, resolved when the event was made
    double value = 0.0;
    bool operator==(const Set&) const = default;
};

/// `catalog_add`: cloud starts offering vendor.
struct CatalogAdd {
    static constexpr EventKind kind = EventKind::catalog_add;
    int cloud = -1;
    int vendor = -1;
    bool operator==(const CatalogAdd&) const = default;
};

/// `catalog_remove`: cloud stops offering vendor.
struct CatalogRemove {
    static constexpr EventKind kind = EventKind::catalog_remove;
    int cloud = -1;
    int vendor = -1;
    bool operator==(const CatalogRemove&) const = default;
};

/// `port`: the fraction of vendor's demand on cloud served on the cloud's own silicon.
struct Port {
    static constexpr EventKind kind = EventKind::port;
    int cloud = -1;
    int vendor = -1;
    double fraction = 0.0;  // written `value` in scenario files
    bool operator==(const Port&) const = default;
};

/// `training_split`: vendor's training compute divided among clouds (sums to 1).
struct TrainingSplit {
    static constexpr EventKind kind = EventKind::training_split;
    int vendor = -1;
    std::vector<double> split;  // h_mk per cloud k
    bool operator==(const TrainingSplit&) const = default;
};

/// `funding`: outside money for vendor's training, $ per month for `months` ticks.
struct Funding {
    static constexpr EventKind kind = EventKind::funding;
    int vendor = -1;
    double amount = 0.0;
    int months = 0;
    bool operator==(const Funding&) const = default;
};

/// `gpu_shock`: GPU supply multiplied by `factor` for `months` ticks.
struct GpuShock {
    static constexpr EventKind kind = EventKind::gpu_shock;
    double factor = 1.0;
    int months = 0;
    bool operator==(const GpuShock&) const = default;
};

}  // namespace event

/// The alternatives in EventKind's order, so that index() is the kind.
using EventPayload = std::variant<event::Set, event::CatalogAdd, event::CatalogRemove,
                                  event::Port, event::TrainingSplit, event::Funding,
                                  event::GpuShock>;

namespace detail {
template <std::size_t... I>
consteval bool payloads_in_kind_order(std::index_sequence<I...>) {
    return ((static_cast<std::size_t>(std::variant_alternative_t<I, EventPayload>::kind) == I) &&
            ...);
}
}  // namespace detail
static_assert(std::variant_size_v<EventPayload> == EnumNames<EventKind>::table.size(),
              "every EventKind needs a payload");
static_assert(detail::payloads_in_kind_order(
                  std::make_index_sequence<std::variant_size_v<EventPayload>>{}),
              "EventPayload's alternatives must follow EventKind's order");

struct Event {
    using Kind = EventKind;  // spelled by to_string(kind) (core/modes.hpp)
    int tick = 0;            // months after start
    EventPayload payload;
    std::string note;  // human-readable description, shown by live views and reports
    std::string id;    // optional name, so an inheriting scenario can drop the event

    Event() = default;
    Event(int at_tick, EventPayload what, std::string note_text = {}, std::string id_text = {})
        : tick(at_tick), payload(std::move(what)), note(std::move(note_text)),
          id(std::move(id_text)) {}

    [[nodiscard]] Kind kind() const noexcept { return static_cast<Kind>(payload.index()); }
    /// The payload if it is a P, else null.
    template <class P>
    [[nodiscard]] const P* as() const noexcept {
        return std::get_if<P>(&payload);
    }
    bool operator==(const Event&) const = default;
};

/// The cloud (vendor) index an event names, or -1 for a kind that names none.
[[nodiscard]] inline int cloud_of(const Event& e) noexcept {
    return std::visit([](const auto& p) {
        if constexpr (requires { p.cloud; }) return p.cloud;
        else return -1;
    }, e.payload);
}
[[nodiscard]] inline int vendor_of(const Event& e) noexcept {
    return std::visit([](const auto& p) {
        if constexpr (requires { p.vendor; }) return p.vendor;
        else return -1;
    }, e.payload);
}

/// Overload set for std::visit over an event's payload.
template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace moatsim
