#pragma once
// The baseline world of one scenario, shared by every classroom session on it: the same
// scenario, seed and replicate give the same rows for every student, so they are computed
// once, on demand, and kept (docs/SERVE.md, "Load").
#include <memory>
#include <mutex>
#include <vector>

#include "market/records.hpp"
#include "market/scenario.hpp"

namespace moatsim {

class LiveReplicate;

class BaselineRows {
public:
    /// `world`: the scenario exactly as sessions run it (brands pinned). Thread-safe.
    explicit BaselineRows(const Scenario& world);
    ~BaselineRows();
    BaselineRows(const BaselineRows&) = delete;
    BaselineRows& operator=(const BaselineRows&) = delete;

    /// Row `tick` (0..ticks), computing the rows up to it the first time one is asked for.
    [[nodiscard]] TickRecord row(int tick);

private:
    std::mutex mutex_;
    Scenario world_;
    std::unique_ptr<LiveReplicate> replicate_;  // created with the first row asked for
    std::vector<TickRecord> rows_;
};

}  // namespace moatsim
