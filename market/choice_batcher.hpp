#pragma once
// Gathers a block's choosers into batches for the batch kernel (agents/fast_choice.hpp) and
// hands each one's drawn pair back. Lives on a worker's stack for one block: no allocation.
#include <cstddef>
#include <cstdint>

#include "agents/chooser.hpp"
#include "agents/fast_choice.hpp"
#include "agents/review_rule.hpp"
#include "market/scenario.hpp"

namespace moatsim {

class ChoiceBatcher {
public:
    ChoiceBatcher(const ChoiceContext& ctx, Kernel kernel, const Population& pop) noexcept
        : ctx_(ctx), kernel_(kernel), pop_(pop) {}

    /// Queues enterprise i, whose current pair is `pair` (-1 before adoption), to choose with
    /// uniforms (u_cloud, u_vendor). When its batch is computed, calls
    /// chosen(i, pair, new_pair). Calls come in the order enterprises were queued.
    template <class Chosen>
    void add(std::size_t i, int pair, double u_cloud, double u_vendor, Chosen&& chosen) {
        const int l = batch_.count;
        const Incumbent x = incumbent_of(pair, ctx_.vendors);
        gather(batch_, l, pop_, i, x.cloud, x.vendor);
        index_[l] = i;
        pair_[l] = pair;
        u_cloud_[l] = u_cloud;
        u_vendor_[l] = u_vendor;
        if (++batch_.count == batch_lanes) flush(chosen);
    }

    /// Computes and hands back whatever is queued.
    template <class Chosen>
    void flush(Chosen&& chosen) {
        if (batch_.count == 0) return;
        batch_.pad(ctx_.vendors);
        if (kernel_ == Kernel::fast)
            choice_probabilities_batch(ctx_, batch_, prob_);
        else
            choice_probabilities_batch_reference(ctx_, batch_, prob_);
        for (int l = 0; l < batch_.count; ++l)
            chosen(index_[l], pair_[l],
                   draw_pair_lane(prob_, l, ctx_.clouds, ctx_.vendors, u_cloud_[l], u_vendor_[l]));
        batch_.count = 0;
    }

private:
    const ChoiceContext& ctx_;
    Kernel kernel_;
    const Population& pop_;
    ChooserBatch batch_;
    std::size_t index_[batch_lanes];
    int pair_[batch_lanes];
    double u_cloud_[batch_lanes], u_vendor_[batch_lanes];
    double prob_[max_pairs][batch_lanes];
};

}  // namespace moatsim
