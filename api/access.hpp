#pragma once
// Inside the facade: the typed scenario behind moatsim::api::Scenario, conversions between
// the library's records and the public structs, and the translation of the library's
// InputError into the public one. Not installed.
#include <optional>
#include <utility>

#include "core/input_error.hpp"
#include "experiments/ensemble.hpp"
#include "experiments/thread_limit.hpp"
#include "market/scenario_loader.hpp"
#include "moatsim/moatsim.hpp"

namespace moatsim::api {

struct Scenario::Impl {
    moatsim::Scenario scenario;
    moatsim::ScenarioOverrides overrides;  // kept: a calibrate = "base" root loads with them
};

struct Access {
    static const Scenario::Impl& impl(const Scenario& s) { return *s.impl_; }
    static Scenario make(Scenario::Impl impl) {
        Scenario s;
        s.impl_ = std::make_shared<const Scenario::Impl>(std::move(impl));
        return s;
    }
};

/// The public structs of a finished run of `s`.
[[nodiscard]] RunResult to_result(const moatsim::Scenario& s, const EnsembleResult& e);
/// The public structs of a run's records, with its names and start date.
[[nodiscard]] RunResult to_result(const std::string& scenario, const YearMonth& start,
                                  std::vector<std::string> clouds, std::vector<std::string> vendors,
                                  const std::vector<ReplicateResult>& replicates);

/// The worker-thread limit for `threads` (0: none). @throws InputError if negative.
[[nodiscard]] ThreadLimit thread_limit(int threads);

/// Calls f(), turning the library's InputError into the public one (same message).
template <class F>
auto translating_errors(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const moatsim::InputError& e) {
        throw InputError(e.what());
    }
}

}  // namespace moatsim::api
