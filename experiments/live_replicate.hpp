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

private:
    struct State;  // the scenario, the population and the replicate that refers to both
    std::unique_ptr<State> state_;
};

}  // namespace moatsim
