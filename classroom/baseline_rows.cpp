#include "classroom/baseline_rows.hpp"

#include <stdexcept>

#include "experiments/live_replicate.hpp"

namespace moatsim {

BaselineRows::BaselineRows(const Scenario& world) : world_(world) {}
BaselineRows::~BaselineRows() = default;

TickRecord BaselineRows::row(int tick) {
    std::lock_guard lock(mutex_);
    if (tick < 0 || tick > world_.run.ticks) throw std::out_of_range("baseline row out of range");
    if (!replicate_) {
        replicate_ = std::make_unique<LiveReplicate>(world_, ScenarioOverrides{}, 0);
        rows_.push_back(replicate_->initialize());
    }
    while (static_cast<int>(rows_.size()) <= tick) rows_.push_back(replicate_->advance());
    return rows_[static_cast<std::size_t>(tick)];
}

}  // namespace moatsim
