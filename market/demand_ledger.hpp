#pragma once
// Stochastic mode's running totals, kept per block across ticks and changed only by the
// enterprises that adopt or switch: a tick then costs a scan of the event clocks plus the
// work of the few whose clock rings, not a re-tally of every adopter.
//
// Demand and price sensitivity are summed in fixed point (int64 units of total / 2^61), so
// adding and later removing an enterprise restores the sum exactly, and sums are the same in
// any order: no drift over ticks, and no dependence on the thread count.
#include <cstdint>
#include <vector>

namespace moatsim {

struct Tally;

/// Fixed-point scale: units per unit of the quantity, so that the population's total is 2^61
/// (overflow-free with room for rounding). 1 for a zero total. Throws std::overflow_error
/// for a total that is not finite and >= 0 (Replicate checks the population before, with a
/// clearer message; this keeps the conversion below defined whatever the caller).
[[nodiscard]] double fixed_point_scale(double total);

/// value in [0, total] of a total given to fixed_point_scale: then value * scale <= 2^61, so
/// the conversion is in range.
[[nodiscard]] inline std::int64_t to_units(double value, double scale) noexcept {
    return static_cast<std::int64_t>(value * scale + 0.5);
}

class DemandLedger {
public:
    /// One block's slice: demand per pair, customers per cloud, adopters, alpha units.
    struct Block {
        std::int64_t* demand;
        std::int64_t* customers;
        std::int64_t& adopters;
        std::int64_t& alpha;

        void add(int pair, int cloud, std::int64_t demand_units, std::int64_t alpha_units) noexcept {
            demand[pair] += demand_units;
            customers[cloud] += 1;
            adopters += 1;
            alpha += alpha_units;
        }
        void move(int from_pair, int from_cloud, int to_pair, int to_cloud,
                  std::int64_t demand_units) noexcept {
            demand[from_pair] -= demand_units;
            demand[to_pair] += demand_units;
            customers[from_cloud] -= 1;
            customers[to_cloud] += 1;
        }
    };

    void reset(std::size_t blocks, int clouds, int vendors, double demand_scale, double alpha_scale);
    [[nodiscard]] Block block(std::size_t b) noexcept;
    [[nodiscard]] double demand_scale() const noexcept { return demand_scale_; }
    [[nodiscard]] double alpha_scale() const noexcept { return alpha_scale_; }

    /// The totals as a Tally (switches and decisions are added by the caller).
    void total(Tally& out) const;

    /// The integer totals over this process's blocks, [pairs + clouds + 2] (demand per pair,
    /// customers per cloud, adopters, alpha units): what partitions sum across each other.
    [[nodiscard]] std::vector<std::int64_t> sums() const;
    /// Totals laid out as sums() returns them, as a Tally (switches and decisions: caller).
    void to_tally(const std::int64_t* sums, Tally& out) const;
    /// The length of sums().
    [[nodiscard]] std::size_t width() const noexcept { return stride_; }

private:
    int pairs_ = 0, clouds_ = 0, vendors_ = 0;
    std::size_t stride_ = 0;
    double demand_scale_ = 1.0, alpha_scale_ = 1.0;
    std::vector<std::int64_t> slots_;  // [blocks][pairs + clouds + 2]
};

}  // namespace moatsim
