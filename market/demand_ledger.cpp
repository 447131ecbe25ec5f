#include "market/demand_ledger.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "market/enterprise_step.hpp"

namespace moatsim {

double fixed_point_scale(double total) {
    if (!(std::isfinite(total) && total >= 0.0))
        throw std::overflow_error("demand ledger: a population total of " + std::to_string(total) +
                                  " has no fixed-point scale");
    return total > 0.0 ? std::ldexp(1.0, 61) / total : 1.0;
}

void DemandLedger::reset(std::size_t blocks, int clouds, int vendors, double demand_scale,
                         double alpha_scale) {
    pairs_ = clouds * vendors;
    clouds_ = clouds;
    vendors_ = vendors;
    stride_ = static_cast<std::size_t>(pairs_ + clouds_ + 2);
    demand_scale_ = demand_scale;
    alpha_scale_ = alpha_scale;
    slots_.assign(blocks * stride_, 0);
}

DemandLedger::Block DemandLedger::block(std::size_t b) noexcept {
    std::int64_t* s = slots_.data() + b * stride_;
    return {s, s + pairs_, s[pairs_ + clouds_], s[pairs_ + clouds_ + 1]};
}

std::vector<std::int64_t> DemandLedger::sums() const {
    std::vector<std::int64_t> sum(stride_, 0);
    for (std::size_t at = 0; at < slots_.size(); at += stride_)
        for (std::size_t x = 0; x < stride_; ++x) sum[x] += slots_[at + x];
    return sum;
}

void DemandLedger::total(Tally& out) const { to_tally(sums().data(), out); }

void DemandLedger::to_tally(const std::int64_t* sum, Tally& out) const {
    out.reset(clouds_, vendors_);
    for (int j = 0; j < pairs_; ++j) out.demand[j] = static_cast<double>(sum[j]) / demand_scale_;
    for (int k = 0; k < clouds_; ++k) out.customers[k] = static_cast<double>(sum[pairs_ + k]);
    out.adopters = static_cast<double>(sum[pairs_ + clouds_]);
    out.alpha_sum = static_cast<double>(sum[pairs_ + clouds_ + 1]) / alpha_scale_;
}

}  // namespace moatsim
