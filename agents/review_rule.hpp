#pragma once
// The review rule (docs/ODD.md §7.5), one enterprise at a time, as pure functions in the style
// of agents/choice.cpp: the probability that an adopter reviews this month, what a reviewer
// (or a new adopter) chooses, and what counts as a switch.
//
// The steppers (market/*_step.cpp) call these. How they schedule the draws (event clocks,
// batches of choosers, the fixed-point ledger) is theirs; the numbers come from here.
#include "agents/choice.hpp"

namespace moatsim {

/// The current pair of an enterprise that has not adopted: it chooses with no incumbency.
inline constexpr int no_pair = -1;

/// The incumbency a choice sees: the current pair's cloud and vendor, -1 for none.
struct Incumbent {
    int cloud = -1;
    int vendor = -1;
};

[[nodiscard]] inline Incumbent incumbent_of(int pair, int vendors) noexcept {
    if (pair < 0) return {};
    return {pair / vendors, pair % vendors};
}

/// Whether pair j = (k, m) can still be held: m is in cloud k's catalog (an empty catalog
/// closes the cloud). A pair that is not is "delisted".
[[nodiscard]] inline bool pair_offered(const ChoiceContext& c, int pair) noexcept {
    return c.offered[pair] && c.cloud_open[pair / c.vendors];
}

/// r_j: the probability that an adopter whose current pair is j reviews this month: the
/// review rate r, or 1 if j is delisted. Inline: the expected-mode kernels call it per pair.
[[nodiscard]] inline double review_probability(const ChoiceContext& c, int pair,
                                               double review_rate) noexcept {
    return pair_offered(c, pair) ? review_rate : 1.0;
}

/// What a reviewer whose current pair is `current` (or an adopter, current = no_pair)
/// chooses: a pair drawn from P_i(.|current) (§7.2-7.4, choice_probabilities), the cloud by
/// u_cloud and the vendor by u_vendor (draw_pair). It may draw its current pair. Returns
/// `current` unchanged if no cloud is open (nothing to choose from).
[[nodiscard]] int chosen_pair(const ChoiceContext& c, const Chooser& e, int current,
                              double u_cloud, double u_vendor) noexcept;

/// A review counts as a switch if the cloud changed.
[[nodiscard]] inline bool is_switch(int from_pair, int to_pair, int vendors) noexcept {
    return from_pair / vendors != to_pair / vendors;
}

}  // namespace moatsim
