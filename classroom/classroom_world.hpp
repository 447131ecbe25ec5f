#pragma once
// One student's world in a classroom session: the scenario stepped month by month with the
// levers the student pulled, beside the shared baseline (the same enterprises and random
// numbers without the pulls). A pull while month t is shown is a dated event at t: month t
// is computed again with it (the world is re-run from month 0, the months before coming out
// as they were); the changes export as a scenario that inherits the served one and
// reproduces the student's rows with `moatsim run`.
#include <memory>
#include <string>
#include <vector>

#include "classroom/levers.hpp"
#include "classroom/scenario_shelf.hpp"
#include "market/records.hpp"

namespace moatsim {

class LiveReplicate;

class ClassroomWorld {
public:
    /// Row 0 of both worlds is computed here.
    explicit ClassroomWorld(const ShelfEntry& entry);
    ~ClassroomWorld();
    ClassroomWorld(const ClassroomWorld&) = delete;
    ClassroomWorld& operator=(const ClassroomWorld&) = delete;

    [[nodiscard]] const ShelfEntry& entry() const noexcept { return *entry_; }
    /// The student's scenario: the served one with the pulls' events.
    [[nodiscard]] const Scenario& scenario() const noexcept { return scenario_; }
    [[nodiscard]] int tick() const noexcept { return static_cast<int>(rows_.size()) - 1; }
    [[nodiscard]] bool finished() const noexcept { return tick() >= scenario_.run.ticks; }
    [[nodiscard]] const std::vector<TickRecord>& rows() const noexcept { return rows_; }
    [[nodiscard]] const std::vector<TickRecord>& baseline_rows() const noexcept { return base_; }
    [[nodiscard]] const std::vector<StudentEvent>& student_events() const noexcept { return events_; }

    /// Computes the next month of both worlds. Does nothing once finished().
    void step();
    /// The lever values in force in the month shown (its events and pulls included).
    [[nodiscard]] LeverState levers() const;
    /// Applies a pull from the month shown on (that month is recomputed); returns its events
    /// (for the feed). Costs tick() + 1 months of computing.
    /// @throws InputError for a bad pull (levers.hpp); the world is unchanged then.
    std::vector<StudentEvent> pull(const LeverPull& pull);

    /// The student's changes as a scenario that inherits the served file (docs/SERVE.md).
    [[nodiscard]] std::string export_toml() const;
    /// clouds.csv / vendors.csv / market.csv of the rows so far, as `moatsim run` writes them.
    [[nodiscard]] std::string export_clouds_csv() const;
    [[nodiscard]] std::string export_vendors_csv() const;
    [[nodiscard]] std::string export_market_csv() const;

private:
    std::string student_name() const;
    std::string student_text(const std::vector<StudentEvent>& events) const;

    const ShelfEntry* entry_;
    Scenario scenario_;
    std::unique_ptr<LiveReplicate> live_;
    std::vector<TickRecord> rows_, base_;
    std::vector<StudentEvent> events_;
    int next_id_ = 1;
};

}  // namespace moatsim
