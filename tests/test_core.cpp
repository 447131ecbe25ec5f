// core/: the one spelling of each enum and the one "YYYY-MM" parser.
#include <catch2/catch.hpp>

#include <set>

#include "core/modes.hpp"
#include "core/year_month.hpp"

using namespace moatsim;

namespace {

// Every value of E in [0, count) has a distinct, non-empty name that parses back to it, and
// enum_at follows enum_names' order (choice readers rely on it).
template <class E>
void check_names(int count) {
    const std::vector<std::string> names = enum_names<E>();
    REQUIRE(names.size() == static_cast<std::size_t>(count));
    std::set<std::string> seen;
    for (int i = 0; i < count; ++i) {
        const E e = static_cast<E>(i);
        const std::string name(to_string(e));
        CHECK_FALSE(name.empty());
        CHECK(seen.insert(name).second);
        CHECK(parse_enum<E>(name) == e);
        CHECK(enum_at<E>(static_cast<std::size_t>(i)) == parse_enum<E>(names[static_cast<std::size_t>(i)]));
    }
    CHECK_FALSE(parse_enum<E>("").has_value());
    CHECK_FALSE(parse_enum<E>("no_such_name").has_value());
}

}  // namespace

TEST_CASE("every enum value has one name that parses back to it", "[core]") {
    check_names<Mode>(2);
    check_names<Kernel>(2);
    check_names<PricingRule>(2);
    check_names<CalibrationMethod>(2);
    check_names<EventKind>(static_cast<int>(EventKind::gpu_shock) + 1);
    // The spellings scenario files and manifests already use.
    CHECK(to_string(Mode::expected) == "expected");
    CHECK(to_string(Kernel::reference) == "reference");
    CHECK(to_string(CalibrationMethod::none) == "none");
    CHECK(to_string(PricingRule::fixed) == "fixed");
    CHECK(to_string(EventKind::catalog_remove) == "catalog_remove");
    CHECK_FALSE(parse_enum<Mode>("Expected").has_value());  // names are case-sensitive
}

TEST_CASE("YYYY-MM is parsed and formatted in one place", "[core]") {
    CHECK(parse_year_month("2031-12") == YearMonth{2031, 12});
    CHECK(parse_year_month("0999-01") == YearMonth{999, 1});
    for (const char* bad : {"2031-13", "2031-00", "2031-1", "2031-012", "203a-01", "2031/01",
                            " 2031-01", "2031-01 ", "", "-2031-01"})
        CHECK_FALSE(parse_year_month(bad).has_value());
    YearMonth out{2000, 6};
    CHECK_FALSE(parse_year_month("2031-13", out));
    CHECK(out == YearMonth{2000, 6});  // unchanged on failure
    CHECK(parse_year_month("2027-04", out));
    CHECK(out == YearMonth{2027, 4});
    for (const YearMonth ym : {YearMonth{2025, 1}, YearMonth{2030, 12}, YearMonth{999, 7}})
        CHECK(parse_year_month(ym.to_string()) == ym);
    CHECK(YearMonth{2025, 11}.plus_months(3) == YearMonth{2026, 2});
    CHECK(YearMonth{2026, 2}.months_since(YearMonth{2025, 11}) == 3);
}
