#pragma once
// One replicate stepped month by month for `moatsim live`: the same replicate as replicate r
// of `moatsim run` with the same options (brands calibrated on replicate 0's population, a
// calibrate = "base" root's brands pinned), handed out one row at a time so a view can draw
// each month and wait in between.
#include <cstdint>
#include <memory>
#include <vector>

#include "market/records.hpp"
#include "market/scenario.hpp"
#include "market/scenario_loader.hpp"

namespace moatsim {

class LiveReplicate {
public:
    /// Prepares replicate `replicate` of `scenario` (as loaded with `overrides`).
    /// @throws InputError as `moatsim run` would for the same inputs.
    LiveReplicate(Scenario scenario, const ScenarioOverrides& overrides, std::uint64_t replicate);
    ~LiveReplicate();
    LiveReplicate(const LiveReplicate&) = delete;
    LiveReplicate& operator=(const LiveReplicate&) = delete;

    [[nodiscard]] const Scenario& scenario() const noexcept;
    /// Row 0; call once, first.
    [[nodiscard]] TickRecord initialize();
    /// The next row, 1..scenario().run.ticks.
    [[nodiscard]] TickRecord advance();
    /// The cloud and vendor parameters in force in the last row (after its events): the
    /// catalogs, ports, silicon discounts and margins a view shows beside the row.
    [[nodiscard]] const std::vector<CloudSpec>& clouds() const noexcept;
    [[nodiscard]] const std::vector<VendorSpec>& vendors() const noexcept;

    /// The tick of the last row handed out; -1 before initialize().
    [[nodiscard]] int tick() const noexcept;

    /// Continues with the events of `extended` (a reload of this scenario with events added,
    /// e.g. a classroom lever pulled now), from the next tick on. Every event of `extended`
    /// dated at or before tick() must be one this replicate already applied, in the same
    /// order: then the rows already handed out are exactly what a fresh replicate of
    /// `extended` computes, and so are the rows to come (`moatsim run` on it reproduces them).
    /// @throws InputError if `extended` adds, drops or reorders an event dated <= tick().
    void continue_with_events(const Scenario& extended);

private:
    struct State;  // the scenario, the population and the replicate that refers to both
    std::unique_ptr<State> state_;
    int tick_ = -1;
};

}  // namespace moatsim
