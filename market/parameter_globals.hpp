// The [globals] table of a scenario: ONE row per parameter (docs/ARCHITECTURE.md, "How to add
// a parameter"). No include guard: this list is included several times, each time with the
// MOATSIM_* macros defined to expand a row into something else — a member of Globals
// (market/scenario.hpp), an entry of the loader's, writer's, events' and docs' table
// (market/parameter_table.cpp). Rows are in the order the resolved scenario writes them.
//
// MOATSIM_NUMBER(key, default, range, flags, symbol, unit, one-line description)
// MOATSIM_INTEGER(key, C++ type, default, lowest, highest, flags, symbol, unit, description)
// MOATSIM_CHOICE(key, enum type, default, flags, symbol, unit, description)
// flags: `fixed` (events may not change it), `settable` (a `set` event may), `| required`.
// Ranges: market/parameter_table.hpp (ranges:: and limits::).

MOATSIM_CHOICE(pricing, PricingRule, PricingRule::markup, fixed, "", "",
    "`\"markup\"`: prices move toward the logit-oligopoly markup (ODD §7.9); `\"fixed\"`: prices change only by events")
MOATSIM_INTEGER(lead_time, int, 1, 1, max_ticks, fixed, "L", "ticks",
    "months from ordering capacity to serving with it")
MOATSIM_NUMBER(gpu_cost, 2.0, ranges::positive, settable, "c₀", "$ per unit",
    "unit cost of one GPU compute unit at tick 0")
MOATSIM_NUMBER(gpu_cost_decline, 0.0, ranges::unit_open_hi, settable, "", "fraction per tick",
    "fall in GPU unit cost per month")
MOATSIM_NUMBER(gpu_supply, 1.0e12, ranges::non_negative, settable, "S₀", "units/month",
    "new GPU capacity available to all clouds per month")
MOATSIM_NUMBER(gpu_supply_growth, 0.0, limits::growth, settable, "", "fraction per tick",
    "growth of `gpu_supply` per month")
MOATSIM_NUMBER(demand_growth, 0.0, limits::growth, settable, "g", "fraction per tick",
    "growth of every adopter's demand per month")
MOATSIM_NUMBER(bass_p, 0.0, ranges::non_negative, settable, "p_B", "per tick",
    "Bass innovation rate (ODD §7.6)")
MOATSIM_NUMBER(bass_q, 0.0, ranges::non_negative, settable, "q_B", "per tick",
    "Bass imitation rate")
MOATSIM_NUMBER(review_rate, 0.0, ranges::unit, settable, "r", "per tick",
    "probability that an adopter re-chooses its cloud and vendor in a month")
MOATSIM_NUMBER(switch_cost_cloud, 0.0, limits::weight, settable, "κ_c", "utils",
    "utility bonus for staying on the current cloud")
MOATSIM_NUMBER(switch_cost_vendor, 0.0, limits::weight, settable, "κ_m", "utils",
    "utility bonus for staying with the current vendor")
MOATSIM_NUMBER(data_gravity, 0.0, limits::weight, settable, "G", "utils",
    "utility bonus for the enterprise's home cloud")
MOATSIM_NUMBER(optionality_weight, 0.0, limits::weight, settable, "ω", "utils per nat",
    "value of catalog entropy, times lock-in fear φᵢ (ODD §7.3)")
MOATSIM_NUMBER(silicon_lockin_weight, 0.0, limits::weight, settable, "θ", "utils",
    "cost of expected proprietary-silicon share ψ, times lock-in fear φᵢ")
MOATSIM_NUMBER(scarcity_penalty, 0.0, limits::weight, settable, "δ", "utils",
    "utility cost per unit of last month's excess demand")
MOATSIM_NUMBER(nest_lambda, 1.0, ranges::unit_open_lo, settable, "λ", "",
    "nest parameter: how alike vendors on one cloud are (1 = plain logit)")
MOATSIM_NUMBER(markup_speed, 0.0, ranges::unit, settable, "η", "fraction per tick",
    "share of the gap to the target price closed each month")
MOATSIM_NUMBER(lerner_min, 0.0, ranges::unit_open_hi, settable, "L_min", "",
    "lowest target Lerner index (price − cost)/price; at most `lerner_max`, also after `set` events")
MOATSIM_NUMBER(lerner_max, 0.9, ranges::unit_open_hi, settable, "L_max", "",
    "highest target Lerner index")
MOATSIM_NUMBER(headroom, 0.0, limits::headroom, settable, "", "fraction",
    "spare capacity kept over demand")
