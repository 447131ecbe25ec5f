#pragma once
// The adoption rule (docs/ODD.md §7.6, Bass), one enterprise at a time, as pure functions in
// the style of agents/choice.cpp. A new adopter chooses as in agents/review_rule.hpp with no
// incumbency (chosen_pair with no_pair) and does not also review in the month it adopts.

namespace moatsim {

/// The market's adoption hazard h(t) = min(1, p_B + q_B A(t-1)), A the adopted fraction.
[[nodiscard]] double adoption_hazard(double bass_p, double bass_q, double adopted_fraction) noexcept;

/// Stochastic mode: the probability that a non-adopter adopts this month: h(t) if some cloud
/// is open (it has something to choose), else 0.
[[nodiscard]] inline double adoption_probability(double hazard, bool can_choose) noexcept {
    return can_choose ? hazard : 0.0;
}

/// Expected mode: one enterprise's month, from a, its probability of being adopted:
/// a' = a + (1 - a) h if some cloud is open (else a' = a), and
/// pi <- keep * pi_reviewed + fresh * P0 with keep = a / a', fresh = (a' - a) / a'.
struct ExpectedAdoption {
    bool holds = false;   // a' > 0: the enterprise is, or may by now be, adopted
    double adoption = 0;  // a'
    double keep = 1;      // weight of its reviewed distribution
    double fresh = 0;     // weight of the no-incumbency choice P0
};

/// Inline: called for every enterprise every tick by expected mode's batch loop.
[[nodiscard]] inline ExpectedAdoption expected_adoption(double adoption, double hazard,
                                                        bool can_choose) noexcept {
    ExpectedAdoption out;
    out.adoption = adoption;
    const double a_new = adoption + (1.0 - adoption) * hazard;
    out.holds = !(a_new <= 0.0);
    if (out.holds && can_choose && a_new > adoption) {
        out.keep = adoption / a_new;
        out.fresh = (a_new - adoption) / a_new;
        out.adoption = a_new;
    }
    return out;
}

/// Expected mode: the expected number of cloud switches of one enterprise this month, given
/// a (before this month's adoption) and the probability that a review moved its cloud.
[[nodiscard]] inline double expected_switches(double adoption, double switched) noexcept {
    return adoption * switched;
}

}  // namespace moatsim
