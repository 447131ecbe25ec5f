#include "agents/review_rule.hpp"

namespace moatsim {

int chosen_pair(const ChoiceContext& c, const Chooser& e, int current, double u_cloud,
                double u_vendor) noexcept {
    double prob[max_pairs];
    const Incumbent x = incumbent_of(current, c.vendors);
    if (!choice_probabilities(c, e, x.cloud, x.vendor, prob)) return current;
    return draw_pair(prob, c.clouds, c.vendors, u_cloud, u_vendor);
}

}  // namespace moatsim
