#include "market/parameter_table.hpp"

#include <cstdio>

namespace moatsim::detail {
namespace {

template <class Spec>
Param<Spec> number_param(const char* key, double Spec::*member, const Range& range,
                         unsigned flags, const char* symbol, const char* unit,
                         const char* description) {
    Param<Spec> p{key, ParamKind::number, flags, symbol, unit, description};
    p.number = member;
    p.range = range;
    return p;
}

// The struct and value type of a member pointer, so the helpers below take only the member.
template <class T>
struct MemberOf;
template <class C, class V>
struct MemberOf<V C::*> {
    using Spec = C;
    using Value = V;
};

template <auto Member, class Spec = typename MemberOf<decltype(Member)>::Spec>
Param<Spec> integer_param(const char* key, std::int64_t lo, std::int64_t hi, unsigned flags,
                          const char* symbol, const char* unit, const char* description) {
    using Value = typename MemberOf<decltype(Member)>::Value;
    Param<Spec> p{key, ParamKind::integer, flags, symbol, unit, description};
    p.lo = lo;
    p.hi = hi;
    p.get_integer = [](const Spec& s) { return static_cast<std::int64_t>(s.*Member); };
    p.set_integer = [](Spec& s, std::int64_t v) { s.*Member = static_cast<Value>(v); };
    return p;
}

template <auto Member, class Spec = typename MemberOf<decltype(Member)>::Spec>
Param<Spec> choice_param(const char* key, unsigned flags, const char* symbol, const char* unit,
                         const char* description) {
    using E = typename MemberOf<decltype(Member)>::Value;
    Param<Spec> p{key, ParamKind::choice, flags, symbol, unit, description};
    p.choices = [] { return enum_names<E>(); };
    p.get_choice = [](const Spec& s) {
        const auto& table = EnumNames<E>::table;
        for (std::size_t i = 0; i < table.size(); ++i)
            if (table[i].first == s.*Member) return static_cast<int>(i);
        return 0;
    };
    p.set_choice = [](Spec& s, int i) { s.*Member = enum_at<E>(static_cast<std::size_t>(i)); };
    return p;
}

/// A key the loader reads by hand (string, date, array, table). `default_text` is shown by
/// the docs unless `show_default` computes it from a default Spec.
template <class Spec>
Param<Spec> structured_param(const char* key, unsigned flags, const char* unit,
                             const char* description, const char* allowed,
                             std::string (*show_default)(const Spec&) = nullptr) {
    Param<Spec> p{key, ParamKind::structured, flags, "", unit, description};
    p.allowed = allowed;
    p.show_default = show_default;
    return p;
}

// A population distribution's default as the docs show it ("lognormal, mean 1, sd 1").
std::string describe(const Distribution& d) {
    char buf[96];
    switch (d.kind) {
        case Distribution::Kind::constant: std::snprintf(buf, sizeof buf, "constant %g", d.mean); break;
        case Distribution::Kind::pareto: std::snprintf(buf, sizeof buf, "pareto, shape %g", d.shape); break;
        case Distribution::Kind::lognormal:
            std::snprintf(buf, sizeof buf, "lognormal, mean %g, sd %g", d.mean, d.sd);
            break;
    }
    return buf;
}

template <Distribution PopulationSpec::*Member>
Param<PopulationSpec> distribution_param(const char* key, const char* description,
                                         const char* allowed) {
    return structured_param<PopulationSpec>(
        key, fixed, "distribution", description, allowed,
        [](const PopulationSpec& p) { return describe(p.*Member); });
}

// The rows of market/parameter_{globals,clouds,vendors}.hpp as table entries.
#define MOATSIM_NUMBER(key, default_value, range, flags, symbol, unit, description) \
    number_param(#key, &ROW_SPEC::key, range, flags, symbol, unit, description),
#define MOATSIM_INTEGER(key, type, default_value, lo, hi, flags, symbol, unit, description) \
    integer_param<&ROW_SPEC::key>(#key, lo, hi, flags, symbol, unit, description),
#define MOATSIM_CHOICE(key, type, default_value, flags, symbol, unit, description) \
    choice_param<&ROW_SPEC::key>(#key, flags, symbol, unit, description),

}  // namespace

bool is_numeric_limit(const Range& r) noexcept {
    for (const Range& l : {limits::utils, limits::weight, limits::margin, limits::money,
                           limits::growth, limits::headroom, limits::compute_scale,
                           limits::market_size})
        if (l.lo == r.lo && l.hi == r.hi && l.lo_open == r.lo_open && l.hi_open == r.hi_open)
            return true;
    return false;
}

const std::vector<Param<Scenario>>& top_level_params() {
    static const std::vector<Param<Scenario>> t = {
        structured_param<Scenario>("name", required, "string",
            "scenario name; results go to `results/<name>` unless `--out` says otherwise",
            "non-empty, no `/`, not `.` or `..`"),
        structured_param<Scenario>("description", fixed, "string",
            "one line shown by `validate` and in reports", "any",
            [](const Scenario&) { return std::string("`\"\"`"); }),
        structured_param<Scenario>("start", required, "`\"YYYY-MM\"`",
            "calendar month of tick 0", "month 01..12"),
        structured_param<Scenario>("base", fixed, "path",
            "the scenario this one changes (see Inheritance); the file must then set its own `name`",
            "a path, relative to this file", [](const Scenario&) { return std::string("none"); }),
        structured_param<Scenario>("calibrate", fixed, "string",
            "with `base`: `\"base\"` calibrates brands on the root base's world, then applies "
            "this file's changes (ODD §5); `\"self\"` calibrates this file's own world",
            "`\"base\"`, `\"self\"`; only with `base`",
            [](const Scenario&) { return std::string("`\"base\"`"); }),
        structured_param<Scenario>("drop_events", fixed, "array of strings",
            "ids of inherited events to remove", "ids that exist in the base; only with `base`",
            [](const Scenario&) { return std::string("`[]`"); }),
        // The tables below: each has its own scope.
        structured_param<Scenario>("run", fixed, "table", "how to run (`[run]`)", ""),
        structured_param<Scenario>("calibration", fixed, "table", "`[calibration]`", ""),
        structured_param<Scenario>("globals", fixed, "table", "`[globals]`", ""),
        structured_param<Scenario>("population", fixed, "table", "`[population]`", ""),
        structured_param<Scenario>("clouds", required, "table", "`[clouds.<name>]`", ""),
        structured_param<Scenario>("vendors", required, "table", "`[vendors.<name>]`", ""),
        structured_param<Scenario>("events", fixed, "array of tables", "`[[events]]`", ""),
    };
    return t;
}

const std::vector<Param<RunSettings>>& run_params() {
    static const std::vector<Param<RunSettings>> t = {
        integer_param<&RunSettings::seed>("seed", 0, int64_max, fixed, "", "integer",
            "random seed; with the replicate number it keys every random draw"),
        integer_param<&RunSettings::ticks>("ticks", 1, max_ticks, fixed, "T", "months",
            "horizon; output rows are ticks 0..T"),
        integer_param<&RunSettings::replicates>("replicates", 1, int_max, fixed, "", "integer",
            "independent replicates (each draws its own population)"),
        choice_param<&RunSettings::mode>("mode", fixed, "", "",
            "`\"stochastic\"` (individual draws) or `\"expected\"` (exact expectation, ODD §7.5)"),
        choice_param<&RunSettings::kernel>("kernel", fixed, "", "",
            "choice kernel: `\"fast\"` (vectorised batches, fast exp/log) or `\"reference\"` (the "
            "plain scalar kernel with libm it is tested against; a few times slower); results "
            "agree to rounding (ARCHITECTURE.md D17)"),
    };
    return t;
}

const std::vector<Param<Scenario>>& calibration_params() {
    static const std::vector<Param<Scenario>> t = {
        choice_param<&Scenario::calibration>("method", fixed, "", "",
            "`\"berry\"`: brand constants fitted so that initial shares match the clouds' "
            "`target_share` (ODD §5); `\"none\"`: use each cloud's `brand` as given"),
    };
    return t;
}

const std::vector<Param<Globals>>& global_params() {
#define ROW_SPEC Globals
    static const std::vector<Param<Globals>> t = {
#include "market/parameter_globals.hpp"
    };
#undef ROW_SPEC
    return t;
}

const std::vector<Param<PopulationSpec>>& population_params() {
    static const std::vector<Param<PopulationSpec>> t = {
        integer_param<&PopulationSpec::enterprises>("enterprises", 1, int64_max, fixed, "N", "integer",
            "the number of simulated enterprises: the resolution, not the market size (ODD §5)"),
        number_param("market_size", &PopulationSpec::market_size, limits::market_size, fixed,
            "Σ sᵢ", "compute units/month", "total demand if every enterprise adopted"),
        number_param("adopted_initial", &PopulationSpec::adopted_initial, ranges::unit, fixed,
            "A₀", "fraction", "fraction of enterprises adopted at tick 0 (a Bernoulli probability)"),
        number_param("taste_sd", &PopulationSpec::taste_sd, ranges::non_negative, fixed, "",
            "utils", "standard deviation of vendor tastes τᵢₘ around each vendor's `taste_mean`"),
        distribution_param<&PopulationSpec::size>("size",
            "distribution of sᵢ before scaling to `market_size`", "value > 0 if constant"),
        distribution_param<&PopulationSpec::price_sensitivity>("price_sensitivity",
            "distribution of αᵢ (utils per unit of log price)", "value ≥ 0"),
        distribution_param<&PopulationSpec::quality_sensitivity>("quality_sensitivity",
            "distribution of βᵢ (utils per quality unit)", "value ≥ 0"),
        distribution_param<&PopulationSpec::lock_in_fear>("lock_in_fear",
            "distribution of φᵢ (dimensionless)", "value ≥ 0"),
        structured_param<PopulationSpec>("home_cloud", fixed, "table",
            "probability of each cloud being an enterprise's home cloud gᵢ, `{ <cloud> = p }`",
            "names are clouds; each in [0, 1]; missing clouds 0; sum 1",
            [](const PopulationSpec&) { return std::string("the clouds' `target_share`"); }),
    };
    return t;
}

const std::vector<Param<CloudSpec>>& cloud_params() {
#define ROW_SPEC CloudSpec
    static const std::vector<Param<CloudSpec>> t = {
#include "market/parameter_clouds.hpp"
        structured_param<CloudSpec>("catalog", fixed, "array of vendor names",
            "C_k(0): vendors offered at tick 0 (events `catalog_add` / `catalog_remove` change it)",
            "existing vendors, no duplicates", [](const CloudSpec&) { return std::string("`[]`"); }),
        structured_param<CloudSpec>("port", fixed, "table",
            "port_km: fraction of each vendor's serving on this cloud that runs on own silicon, "
            "`{ <vendor> = x }` (event `port` changes it)",
            "existing vendors (need not be in the catalog yet); each in [0, 1]",
            [](const CloudSpec&) { return std::string("0 for every vendor"); }),
    };
#undef ROW_SPEC
    return t;
}

const std::vector<Param<VendorSpec>>& vendor_params() {
#define ROW_SPEC VendorSpec
    static const std::vector<Param<VendorSpec>> t = {
#include "market/parameter_vendors.hpp"
        structured_param<VendorSpec>("training_split", required, "table",
            "h_mk: where training is bought, `{ <cloud> = share }` (event `training_split` changes it)",
            "names are clouds; each in [0, 1]; missing clouds 0; sum 1"),
    };
#undef ROW_SPEC
    return t;
}

}  // namespace moatsim::detail
