// The numbers of a [clouds.<name>] table: ONE row per parameter. Included several times with
// the MOATSIM_* macros defined differently; see market/parameter_globals.hpp for the columns.
// `catalog` and `port` (structured values) are in market/parameter_table.cpp.

MOATSIM_NUMBER(target_share, 0.0, ranges::unit_open_lo, required, "", "fraction",
    "workload share at tick 0 that calibration matches; the clouds' shares sum to 1")
MOATSIM_NUMBER(brand, 0.0, limits::utils, settable, "b_k", "utils",
    "brand constant; replaced by calibration unless `calibration.method = \"none\"`")
MOATSIM_NUMBER(price, 1.0, ranges::positive, required | settable, "p_k(0)", "$ per unit",
    "list price of one GPU compute unit at tick 0")
MOATSIM_NUMBER(silicon_discount, 0.0, ranges::unit_open_hi, settable, "d_k", "fraction",
    "discount of a unit on the cloud's own silicon")
MOATSIM_NUMBER(silicon_fraction, 0.0, ranges::unit, fixed, "f_k(0)", "fraction",
    "share of capacity on own silicon at tick 0")
MOATSIM_NUMBER(silicon_target, 0.0, ranges::unit, settable, "f*_k", "fraction",
    "share of new capacity orders placed on own silicon")
MOATSIM_NUMBER(silicon_supply, 0.0, ranges::non_negative, settable, "", "units/month",
    "own-silicon capacity deliverable per month")
MOATSIM_NUMBER(silicon_supply_growth, 0.0, limits::growth, settable, "", "fraction per tick",
    "growth of `silicon_supply` per month")
