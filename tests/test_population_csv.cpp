#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "core/input_error.hpp"
#include "io/population_csv.hpp"
#include "scratch_dir.hpp"

namespace fs = std::filesystem;
using moatsim::InputError;
using moatsim::Attribute;
using moatsim::Population;

using moatsim::test::ScratchDir;

namespace {

const std::vector<std::string> clouds = {"AWS", "Azure", "Other, \"misc\""};
const std::vector<std::string> vendors = {"X", "Y"};


void add_row(Population& p, std::uint64_t id, Attribute s, Attribute a, Attribute b, Attribute f,
             std::uint8_t home, std::vector<Attribute> tastes, std::uint8_t adopted) {
    p.id.push_back(id);
    p.demand.push_back(s);
    p.alpha.push_back(a);
    p.beta.push_back(b);
    p.phi.push_back(f);
    p.home.push_back(home);
    p.adopted.push_back(adopted);
    p.vendors = tastes.size();
    p.taste.insert(p.taste.end(), tastes.begin(), tastes.end());
}

// Values whose shortest decimal form is long, tiny, huge or subnormal (as Attribute).
Population awkward_population() {
    using limits = std::numeric_limits<Attribute>;
    Population p;
    const Attribute max = limits::max();
    add_row(p, 500000000000000000ULL, 0.1f, 1e-40f, 1.0f / 3.0f, 0.0f, 0, {-0.0f, 2.0f / 3.0f}, 1);
    add_row(p, 0, limits::denorm_min(), 0.30000001f, 123456.789f, 1e22f, 2, {-1e-38f, max}, 0);
    add_row(p, std::numeric_limits<std::uint64_t>::max(), max, 7.0f, limits::min(),
            1.0f / 7.0f, 1, {-3.14159f, 1e-7f}, 1);
    add_row(p, 42, 1.0, 0.0, 0.0, 0.0, 2, {0.5, -0.5}, 0);
    return p;
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

std::string to_csv(const Population& p) {
    std::ostringstream out;
    moatsim::write_population_csv(out, p, clouds, vendors);
    return out.str();
}

}  // namespace

TEST_CASE("population CSV round trip is bit-identical", "[population]") {
    ScratchDir dir("popcsv_roundtrip");
    const Population p = awkward_population();
    const std::string text = to_csv(p);
    CHECK(text.substr(0, text.find('\n')) ==
          "id,size,alpha,beta,phi,home_cloud,taste_X,taste_Y,adopted");
    CHECK(text.find("500000000000000000,0.1,1e-40,") != std::string::npos);
    CHECK(text.find(",\"Other, \"\"misc\"\"\",") != std::string::npos);  // quoted cloud name

    const Population q = moatsim::load_population_csv(dir.write("pop.csv", text), clouds, vendors);
    REQUIRE(q.count() == p.count());
    CHECK(q.id == p.id);
    CHECK(same_bits(q.demand, p.demand));
    CHECK(same_bits(q.alpha, p.alpha));
    CHECK(same_bits(q.beta, p.beta));
    CHECK(same_bits(q.phi, p.phi));
    CHECK(q.home == p.home);
    CHECK(q.adopted == p.adopted);
    REQUIRE(q.vendors == 2);
    CHECK(same_bits(q.taste, p.taste));
    CHECK(to_csv(q) == text);
}

TEST_CASE("population CSV accepts any column order, CRLF, BOM, blanks and quotes", "[population]") {
    ScratchDir dir("popcsv_formats");
    const std::vector<std::string> c2 = {"AWS", "Azure"};
    const std::string rows[] = {
        "adopted,taste_Y,home_cloud,phi,beta,alpha,size,taste_X,id\n1,0.25,Azure,3,2,1,10,-1,7\n0,"
        "0,AWS,0,0,0,0,0,8",
        "\xEF\xBB\xBFid,size,alpha,beta,phi,home_cloud,taste_X,taste_Y,adopted\r\n"
        "7,10,1,2,3,Azure,-1,0.25,1\r\n8,0,0,0,0,AWS,0,0,0\r\n\r\n",
        " id , \"size\",alpha,beta,phi,home_cloud,taste_X,taste_Y,adopted\n"
        "7, 10 ,1,2,3,\"Azure\",-1,0.25,1\n8,0,0,0,0, AWS ,0,0,0\n",
    };
    for (const auto& text : rows) {
        INFO(text);
        const Population p = moatsim::load_population_csv(dir.write("p.csv", text), c2, vendors);
        REQUIRE(p.count() == 2);
        CHECK(p.id == std::vector<std::uint64_t>{7, 8});
        CHECK(p.demand == std::vector<Attribute>{10, 0});
        CHECK(p.alpha[0] == 1);
        CHECK(p.beta[0] == 2);
        CHECK(p.phi[0] == 3);
        CHECK(p.home == std::vector<std::uint8_t>{1, 0});
        CHECK(p.taste_of(0)[0] == -1);
        CHECK(p.taste_of(0)[1] == 0.25);
        CHECK(p.adopted == std::vector<std::uint8_t>{1, 0});
    }
}

TEST_CASE("ids 0..N-1 in order are kept as indices, other ids as a column", "[population]") {
    ScratchDir dir("popcsv_ids");
    const std::vector<std::string> c2 = {"AWS", "Azure"};
    const std::string head = "id,size,alpha,beta,phi,home_cloud,taste_X,taste_Y,adopted\n";
    const Population indexed = moatsim::load_population_csv(
        dir.write("a.csv", head + "0,1,1,1,1,AWS,0,0,1\n1,2,1,1,1,AWS,0,0,0\n"), c2, vendors);
    CHECK(indexed.id.empty());  // no column stored: the key is the index
    CHECK(indexed.key(0) == 0);
    CHECK(indexed.key(1) == 1);
    const Population named = moatsim::load_population_csv(
        dir.write("b.csv", head + "1,1,1,1,1,AWS,0,0,1\n0,2,1,1,1,AWS,0,0,0\n"), c2, vendors);
    CHECK(named.id == std::vector<std::uint64_t>{1, 0});
    CHECK(named.key(0) == 1);
    CHECK(named.key(1) == 0);
}

TEST_CASE("population CSV rejects bad values naming file, line and column", "[population]") {
    ScratchDir dir("popcsv_badvalues");
    const std::string header = "id,size,alpha,beta,phi,home_cloud,taste_X,taste_Y,adopted\n";
    const std::string good = "1,1,1,1,1,AWS,0,0,1\n";
    struct Case {
        std::string row;
        std::vector<std::string> wanted;
    };
    const std::vector<Case> cases = {
        {"3,1,abc,1,1,AWS,0,0,1", {"column 'alpha'", "expected a number >= 0, got 'abc'"}},
        {"3,-2,1,1,1,AWS,0,0,1", {"column 'size'", ">= 0", "'-2'"}},
        {"3,1,1,inf,1,AWS,0,0,1", {"column 'beta'", "finite"}},
        {"3,1,1,1,nan,AWS,0,0,1", {"column 'phi'", "finite"}},
        {"3,1,1,1,1,AWS,1e999,0,1", {"column 'taste_X'", "'1e999'"}},
        {"3,1,1,1,1,AWS,0,,1", {"column 'taste_Y'", "expected a number"}},
        {"3,1,1,1,1,AWZ,0,0,1", {"column 'home_cloud'", "'AWZ'", "AWS, Azure"}},
        {"3,1,1,1,1,AWS,0,0,2", {"column 'adopted'", "0 or 1"}},
        {"3,1,1,1,1,AWS,0,0,yes", {"column 'adopted'", "'yes'"}},
        {"-3,1,1,1,1,AWS,0,0,1", {"column 'id'", "unsigned 64-bit integer"}},
        {"18446744073709551616,1,1,1,1,AWS,0,0,1", {"column 'id'", "unsigned 64-bit integer"}},
        {"3.5,1,1,1,1,AWS,0,0,1", {"column 'id'", "'3.5'"}},
        {"1,1,1,1,1,AWS,0,0,1", {"column 'id'", "duplicate id 1", "first on line 2"}},
        {"3,1,1,1,1,AWS,0,1", {"expected 9 fields, got 8"}},
        {"3,1,1,1,1,AWS,0,0,1,5", {"expected 9 fields, got 10"}},
        {"3,1,1,1,AWS,0,0,1,1", {"column 'phi'", "got 'AWS'"}},
        {"", {"empty line"}},
        {"3,1,1,1,1,\"AWS,0,0,1", {"column 'home_cloud'", "quoted field"}},
    };
    for (const auto& c : cases) {
        INFO("row: " << c.row);
        // The bad row is line 3, followed by good rows so it is not the last line.
        const fs::path file =
            dir.write("bad_rows.csv", header + good + c.row + "\n" + "9,1,1,1,1,AWS,0,0,1\n");
        for (const auto& w : c.wanted) {
            CHECK_THROWS_WITH(moatsim::load_population_csv(file, clouds, vendors),
                              Catch::Contains(file.string() + ":3: ") && Catch::Contains(w));
        }
        CHECK_THROWS_AS(moatsim::load_population_csv(file, clouds, vendors), InputError);
    }
}

TEST_CASE("population CSV rejects bad headers and empty files", "[population]") {
    ScratchDir dir("popcsv_badheader");
    const std::string row = "\n1,1,1,1,1,AWS,0,0,1\n";
    const auto load = [&](const std::string& name, const std::string& text) {
        return moatsim::load_population_csv(dir.write(name, text), clouds, vendors);
    };
    CHECK_THROWS_WITH(
        load("nocol.csv", "id,size,alpha,phi,home_cloud,taste_X,taste_Y,adopted" + row),
        Catch::Contains("nocol.csv:1:") && Catch::Contains("missing column(s) 'beta'"));
    CHECK_THROWS_WITH(
        load("notaste.csv", "id,size,alpha,beta,phi,home_cloud,taste_X,adopted" + row),
        Catch::Contains("missing column(s) 'taste_Y'"));
    CHECK_THROWS_WITH(load("two.csv", "id,alpha,beta,phi,home_cloud,taste_X,taste_Y" + row),
                      Catch::Contains("'size', 'adopted'"));
    CHECK_THROWS_WITH(
        load("extra.csv", "id,size,alpha,beta,phi,home_cloud,taste_X,taste_Y,adopted,region" + row),
        Catch::Contains("extra.csv:1:") && Catch::Contains("unknown column(s) 'region'"));
    CHECK_THROWS_WITH(
        load("typo.csv", "id,size,alhpa,beta,phi,home_cloud,taste_X,taste_Y,adopted" + row),
        Catch::Contains("missing column(s) 'alpha'; unknown column(s) 'alhpa'"));
    CHECK_THROWS_WITH(
        load("twice.csv", "id,size,alpha,beta,phi,home_cloud,taste_X,taste_Y,adopted,alpha" + row),
        Catch::Contains("column 'alpha' appears twice"));
    CHECK_THROWS_WITH(load("empty.csv", ""),
                      Catch::Contains("empty.csv:1:") && Catch::Contains("empty"));
    CHECK_THROWS_WITH(load("blank.csv", "\n\n"), Catch::Contains("blank.csv:1:"));
    CHECK_THROWS_WITH(
        load("header_only.csv", "id,size,alpha,beta,phi,home_cloud,taste_X,taste_Y,adopted\n"),
        Catch::Contains("header_only.csv") && Catch::Contains("no enterprises"));
    CHECK_THROWS_WITH(
        moatsim::load_population_csv(dir.path / "nope.csv", clouds, vendors),
        Catch::Contains("cannot open population file") && Catch::Contains("nope.csv"));
}

TEST_CASE("population CSV handles files larger than one read block", "[population]") {
    // The loader reads 32 MiB blocks and parses each in parallel pieces: rows straddle both
    // kinds of boundary here, and line numbers must still be those of the file.
    ScratchDir dir("popcsv_large");
    Population p;
    const std::size_t n = 560000;
    for (std::size_t i = 0; i < n; ++i)
        add_row(p, (i * 7919) % n, 1.0 / static_cast<double>(i + 3), 0.1 * static_cast<double>(i),
                1e-3, 2.0 / 3.0, static_cast<std::uint8_t>(i % 3),
                {static_cast<Attribute>(1.0 / 7.0 + static_cast<double>(i)), -0.3f}, i % 2);
    std::string text = to_csv(p);
    REQUIRE(text.size() > (std::size_t{36} << 20));  // more than one block
    const Population q = moatsim::load_population_csv(dir.write("big.csv", text), clouds, vendors);
    CHECK(q.id == p.id);  // unsorted ids: the duplicate check sorts
    CHECK(same_bits(q.demand, p.demand));
    CHECK(same_bits(q.alpha, p.alpha));
    CHECK(same_bits(q.taste, p.taste));
    CHECK(q.home == p.home);
    CHECK(q.adopted == p.adopted);

    // Corrupt the row on line 350002 (row index 350000) and duplicate an id near the end.
    std::size_t at = 0;
    for (std::size_t line = 1; line < 350002; ++line) at = text.find('\n', at) + 1;
    text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), 'x');
    const fs::path bad = dir.write("big_bad.csv", text);
    CHECK_THROWS_WITH(moatsim::load_population_csv(bad, clouds, vendors),
                      Catch::Contains("big_bad.csv:350002: column 'id'"));
    p.id[n - 1] = p.id[n - 5];
    CHECK_THROWS_WITH(
        moatsim::load_population_csv(dir.write("dup.csv", to_csv(p)), clouds, vendors),
        Catch::Contains("dup.csv:" + std::to_string(n + 1) + ": column 'id': duplicate id") &&
            Catch::Contains("first on line " + std::to_string(n - 3)));
}
