// The numbers of a [vendors.<name>] table: ONE row per parameter. Included several times with
// the MOATSIM_* macros defined differently; see market/parameter_globals.hpp for the columns.
// `training_split` (a structured value) is in market/parameter_table.cpp.

MOATSIM_NUMBER(taste_mean, 0.0, limits::utils, settable, "τ̄_m", "utils",
    "mean taste τ for this vendor")
MOATSIM_NUMBER(quality0, 1.0, limits::utils, settable, "q0_m", "quality units",
    "quality before any training compute")
MOATSIM_NUMBER(quality_scale, 0.1, limits::weight, settable, "σ_m", "quality units",
    "quality gained per e-fold of cumulative training compute")
MOATSIM_NUMBER(compute_scale, 1.0, limits::compute_scale, settable, "Q0_m", "compute units",
    "training compute at which quality gains start to bite")
MOATSIM_NUMBER(margin, 0.0, limits::margin, settable, "μ_m", "$ per unit",
    "vendor's margin per compute unit served, on top of the cloud price")
MOATSIM_NUMBER(reinvest, 0.0, ranges::unit, settable, "ρ_m", "fraction",
    "share of vendor revenue spent on training")
MOATSIM_NUMBER(funding, 0.0, limits::money, settable, "F_m", "$ per month",
    "outside funding spent on training each month")
