// Hostile input to the readers (issue 9, section 3): base-chain depth, non-regular and
// oversized files, control characters in names and ids, echoes cut and escaped, memory
// estimates, and the plainer messages. End to end: tests/hostile_input_test.sh.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/input_error.hpp"
#include "core/input_text.hpp"
#include "agents/population.hpp"
#include "io/csv_reader.hpp"
#include "io/file_text.hpp"
#include "io/population_csv.hpp"
#include "market/result_memory.hpp"
#include "market/scenario_loader.hpp"
#include "experiments/sweep_spec.hpp"
#include "tests/scenario_text.hpp"
#include "tests/scratch_dir.hpp"

using namespace moatsim;
using namespace moatsim::test;
using Catch::Contains;

namespace {

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    FAIL("no InputError");
    return {};
}

bool has_control(const std::string& s) {
    for (const char c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
    return false;
}

}  // namespace

TEST_CASE("shown escapes control characters and bad UTF-8 and cuts long text", "[hostile]") {
    CHECK(shown("plain") == "plain");
    CHECK(shown(std::string("a\0b", 3)) == "a\\x00b");
    CHECK(shown("\x1b[31m") == "\\x1B[31m");
    CHECK(shown("caf\xc3\xa9") == "caf\xc3\xa9");  // UTF-8 kept
    CHECK(shown("\xff") == "\\xFF");
    CHECK(shown(std::string(1000, 'k'), 10) == "kkkkkkkkkk...(1000 bytes)");
    CHECK(name_problem("AWS").empty());
    CHECK(name_problem("Zürich, \"AG\"").empty());  // CSV writers quote these
    CHECK(name_problem(std::string("a\0", 2)) == "contains the control character U+0000 at byte 2");
    CHECK(name_problem("x\x7f") == "contains the control character U+007F at byte 2");
    CHECK(name_problem("\xc0\x80") == "is not valid UTF-8 (byte 1)");  // overlong NUL
    CHECK(name_problem("\xed\xa0\x80") == "is not valid UTF-8 (byte 1)");  // surrogate
    // C1 controls and bidirectional overrides steer terminals or make a name read as another.
    CHECK(name_problem("a\xc2\x9b" "b") == "contains the control character U+009B at byte 2");
    CHECK(name_problem("a\xc2\x85") == "contains the control character U+0085 at byte 2");
    CHECK(name_problem("AWS\xe2\x80\xae" "kcab") == "contains the control character U+202E at byte 4");
    CHECK(name_problem("\xe2\x81\xa6x") == "contains the control character U+2066 at byte 1");
    CHECK(name_problem("\xc2\xa0\xe2\x80\x8b\xe2\x81\xaa").empty());  // U+00A0, U+200B, U+206A: shown as they are
    CHECK(shown("a\xc2\x9b" "b\xe2\x80\xae") == "a\\xC2\\x9Bb\\xE2\\x80\\xAE");
    CHECK(shown("Z\xc3\xbcrich") == "Z\xc3\xbcrich");
}

TEST_CASE("names and ids with control characters are rejected with the key", "[hostile]") {
    CHECK_THROWS_WITH(parse(with(minimal, "name = \"mini\"", "name = \"m\\u001bi\"")),
                      Contains("x.toml:1:1: name: the scenario name \"m\\x1Bi\" contains the "
                               "control character U+001B at byte 2"));
    CHECK_THROWS_WITH(parse(with(minimal, "[clouds.A]", "[clouds.\"A\\u0000\"]")),
                      Contains("x.toml:4:") && Contains("cloud name") && Contains("U+0000"));
    CHECK_THROWS_WITH(parse(with(minimal, "[vendors.Y]", "[vendors.\"Y\\u007f\"]")),
                      Contains("vendor name") && Contains("U+007F"));
    CHECK_THROWS_WITH(parse(with_events("[[events]]\nid = \"a\\nb\"\ndate = \"2025-02\"\n"
                                        "kind = \"gpu_shock\"\nfactor = 1.0\nmonths = 1\n")),
                      Contains("events[0].id: the event id") && Contains("U+000A"));
    CHECK_THROWS_WITH(parse(with(minimal, "name = \"mini\"",
                                 "name = \"mini\"\ndescription = \"ring\\u0007\"")),
                      Contains("description") && Contains("U+0007"));
    CHECK_THROWS_WITH(parse(with(minimal, "[clouds.A]", "[clouds.\"A\\u009b\"]")),
                      Contains("cloud name") && Contains("U+009B"));
    CHECK_THROWS_WITH(parse(with(minimal, "name = \"mini\"", "name = \"mini\"\ndescription = \"x\\u202ey\"")),
                      Contains("description") && Contains("U+202E"));
    // Prose may hold newlines and tabs.
    CHECK(parse(with(minimal, "name = \"mini\"", "name = \"mini\"\ndescription = \"a\\n\\tb\""))
              .description == "a\n\tb");
}

TEST_CASE("echoed user text is cut and escaped", "[hostile]") {
    const std::string huge(1'000'000, 'k');
    const std::string m1 = message_of([&] { (void)parse(with(minimal, "[clouds.A]\n", "[clouds.A]\n" + huge + " = 1\n")); });
    CHECK(m1.size() < 3000);
    CHECK_THAT(m1, Contains("unknown key 'clouds.A.kkkk") && Contains("(1000009 bytes)"));
    const std::string m2 = message_of([&] {
        (void)parse(with(minimal, "[clouds.A]\n", "[clouds.A]\n\"p\\u0000\\u001b\" = 1\n"));
    });
    CHECK_FALSE(has_control(m2));
    CHECK_THAT(m2, Contains("p\\x00\\x1B"));
    const std::string m3 = message_of([&] {
        (void)parse(with(minimal, "catalog = [\"X\"]", "catalog = [\"" + huge + "\"]"));
    });
    CHECK(m3.size() < 3000);
    CHECK_THAT(m3, Contains("unknown vendor"));
}

TEST_CASE("base chains are capped at 64 files and non-regular files refused", "[hostile]") {
    const ScratchDir d("hostile_chain");
    d.write("l0.toml", minimal);
    for (int i = 1; i <= 70; ++i)
        d.write("l" + std::to_string(i) + ".toml", "base = \"l" + std::to_string(i - 1) +
                                                       ".toml\"\nname = \"l" + std::to_string(i) + "\"\n");
    CHECK(load_scenario(d.path / "l63.toml").bases.size() == 63);
    CHECK_THROWS_WITH(load_scenario(d.path / "l64.toml"),
                      Contains("l1.toml:1:8: base: `base` chain deeper than 64 levels: l64.toml -> "
                               "l63.toml -> l62.toml -> ... (58 more) -> l3.toml") &&
                          Contains("l0.toml"));
    CHECK_THROWS_WITH(load_scenario(d.path / "l70.toml"), Contains("chain deeper than 64"));
    CHECK_THROWS_WITH(load_scenario("/dev/zero"),
                      Contains("cannot open scenario file '/dev/zero': not a regular file"));
    d.write("z.toml", "base = \"/dev/zero\"\nname = \"z\"\n");
    CHECK_THROWS_WITH(load_scenario(d.path / "z.toml"),
                      Contains("z.toml:1:8: base: cannot open base scenario '/dev/zero'") &&
                          Contains("not a regular file"));
    REQUIRE(::mkfifo((d.path / "fifo").c_str(), 0600) == 0);
    CHECK_THROWS_WITH(load_scenario(d.path / "fifo"), Contains("not a regular file"));
    CHECK_THROWS_WITH(load_sweep(d.path / "fifo"), Contains("cannot open sweep file"));
    CHECK_THROWS_WITH(load_population_csv(d.path / "fifo", {"A", "B"}, {"X"}),
                      Contains("cannot open population file") && Contains("not a regular file"));
    std::filesystem::resize_file(d.write("big.toml", ""), (std::uintmax_t{64} << 20) + 1);
    CHECK_THROWS_WITH(load_scenario(d.path / "big.toml"),
                      Contains("the file is 67108865 bytes; the limit is 67108864 (64 MiB)"));
}

TEST_CASE("messages state the real limits", "[hostile]") {
    CHECK_THROWS_WITH(parse(with(minimal, "start = \"2025-01\"", "start = \"2025-01\"\n[run]\nreplicates = 1e12")),
                      Contains("run.replicates: expected an integer in [1, 2147483647], got a float"));
    CHECK_THROWS_WITH(parse(with(minimal, "start = \"2025-01\"", "start = \"9995-01\"")),
                      Contains("ends after 9999-12") && Contains("at most 59 ticks"));
    ScenarioOverrides o;
    o.ticks = 59;
    CHECK(parse(with(minimal, "start = \"2025-01\"", "start = \"9995-01\""), o).run.ticks == 59);
    o.ticks = 60;
    CHECK_THROWS_WITH(parse(with(minimal, "start = \"2025-01\"", "start = \"9995-01\""), o),
                      Contains("run.ticks (set by --ticks)"));
}

TEST_CASE("a population larger than memory is refused with the estimate", "[hostile]") {
    CHECK(bytes_per_enterprise(9, false) == 4 * 4 + 2 + 9 * 4 + 8);
    CHECK(bytes_per_enterprise(9, true) == bytes_per_enterprise(9, false) + 8);
    if (available_memory_bytes() == 0) return;  // unknown here: nothing to check against
    CHECK(population_memory_problem(1000, 9, false).empty());
    CHECK_THAT(population_memory_problem(9223372036854775807ULL, 9, false),
               Contains("62 bytes per enterprise x 9223372036854775807 enterprises") &&
                   Contains("memory available"));
    ScenarioOverrides o;
    o.enterprises = 9223372036854775807LL;
    CHECK_THROWS_WITH(parse(minimal, o),
                      Contains("population.enterprises (set by --enterprises): the population needs"));
}

TEST_CASE("more replicates than memory holds are refused with the estimate", "[hostile]") {
    // A replicate keeps rows 0..T, each with K cloud and M vendor records.
    const double one = result_bytes_per_replicate(0, 2, 1);
    CHECK(result_bytes_per_replicate(9, 2, 1) - one ==
          Approx(9 * (result_bytes_per_replicate(1, 2, 1) - one)));
    CHECK(result_bytes_per_replicate(0, 3, 1) > one);
    if (available_memory_bytes() == 0) return;  // unknown here: nothing to check against
    CHECK(results_memory_problem(4, 120, 4, 9).empty());
    CHECK_THAT(results_memory_problem(2147483647, 12000, 4, 9),
               Contains("the results of 2147483647 replicates x 12000 ticks need about") &&
                   Contains("memory available") && Contains("expected at most about"));
    ScenarioOverrides o;
    o.replicates = 2147483647;
    o.ticks = 12000;
    CHECK_THROWS_WITH(parse(minimal, o), Contains("run.replicates (set by --reps): the results of"));
    // In the file, the message names the file's [run] table.
    CHECK_THROWS_WITH(parse(with(minimal, "start = \"2025-01\"",
                                 "start = \"2025-01\"\n[run]\nticks = 12000\nreplicates = 2147483647")),
                      Contains("x.toml:") && Contains("run.replicates: the results of"));
}

TEST_CASE("population values too large for a float are out of range", "[hostile]") {
    const ScratchDir d("hostile_pop");
    const std::string head = "id,size,alpha,beta,phi,home_cloud,taste_X,adopted\n";
    CHECK_THROWS_WITH(load_population_csv(d.write("a.csv", head + "0,1e308,1,1,1,A,0,1\n"), {"A", "B"}, {"X"}),
                      Contains("a.csv:2: column 'size': expected a number >= 0 within the range of "
                               "a 32-bit float (|x| <= 3.4e38), got '1e308' (out of range)"));
    const std::string m = message_of([&] {
        (void)load_population_csv(d.write("b.csv", "\x1b[2J" + std::string(100000, 'c') + "," + head),
                                  {"A", "B"}, {"X"});
    });
    CHECK_FALSE(has_control(m));
    CHECK(m.size() < 3000);
    CHECK_THAT(m, Contains("b.csv:1: ") && Contains("unknown column(s) '\\x1B[2Jccc"));
}

TEST_CASE("a file too big to read into memory is refused by its size, naming it", "[hostile]") {
    if (available_memory_bytes() == 0) return;  // unknown here: nothing to check against
    const ScratchDir d("hostile_huge");
    // Sparse: a terabyte of zeros that takes no disk.
    const auto huge = d.write("summary.csv", "");
    std::filesystem::resize_file(huge, std::uintmax_t{1} << 40);
    CHECK_THROWS_WITH(read_csv(huge), Contains("summary.csv: a CSV file of 1.1e+12 bytes") &&
                                          Contains("memory available"));
    CHECK_THROWS_WITH((void)read_whole_file(huge), Contains("summary.csv: a file of 1.1e+12 bytes"));
    // The population reader streams, so it bounds a line instead of the file.
    CHECK_THROWS_WITH(load_population_csv(huge, {"A", "B"}, {"X"}),
                      Contains("summary.csv:1: a line longer than 256 MiB; expected one enterprise per line"));
    CHECK(read_csv(d.write("small.csv", "a,b\n1,2\n")).rows.size() == 1);  // small files still read
}

TEST_CASE("CSV files: a byte-order mark is not a column name, and a FIFO is not a file", "[hostile]") {
    const ScratchDir d("hostile_csv_kinds");
    const CsvTable t = read_csv(d.write("bom.csv", "\xEF\xBB\xBF" "date,share\n2025-01,0.3\n"));
    REQUIRE(t.header.size() == 2);
    CHECK(t.header[0] == "date");
    REQUIRE(::mkfifo((d.path / "fifo.csv").c_str(), 0600) == 0);
    CHECK_THROWS_WITH(read_csv(d.path / "fifo.csv"), Contains("fifo.csv: not a regular file"));
    CHECK_THROWS_WITH(read_csv(d.path), Contains("not a regular file"));
    CHECK_THROWS_WITH(read_csv(d.path / "absent.csv"), Contains("absent.csv: no such file"));
}
