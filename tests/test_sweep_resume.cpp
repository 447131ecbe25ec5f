// A resumed sweep trusts only what checks out: every run runs.csv lists must have exactly its
// recorded rows in sweep.csv (count and SHA-256) and its planned parameter values; the first
// run that does not is recomputed with every later one, said so, and the result is the same
// bytes as an uninterrupted sweep.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "experiments/sweep_spec.hpp"
#include "scratch_dir.hpp"
#include "tests/scenario_text.hpp"
#include "experiments/sweep_runner.hpp"

using namespace moatsim;
using moatsim::test::slurp;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

void spit(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// A three-run sweep on a small base scenario.
SweepSpec small_sweep(const test::ScratchDir& d) {
    d.write("base.toml", test::minimal + "\n[run]\nticks = 4\nreplicates = 2\n"
                                         "[population]\nenterprises = 300\n");
    return load_sweep(d.write("sweep.toml",
                              "name = \"s\"\nbase = \"base.toml\"\n[design]\nkind = \"grid\"\n"
                              "[[parameters]]\nkey = \"clouds.A.price\"\n"
                              "values = [3.0, 4.0, 5.0]\n"));
}

// Resumes `dir` and checks that it kept `kept` runs, logged exactly one note containing
// `said` (none if empty) and ended with `expected` as sweep.csv.
void check_resume(const SweepSpec& spec, const fs::path& dir, int kept, const std::string& said,
                  const std::string& expected) {
    std::vector<std::string> notes;
    const SweepSummary s =
        run_sweep(spec, {dir}, {.on_note = [&](const std::string& n) { notes.push_back(n); }});
    CHECK(s.resumed == kept);
    if (said.empty()) {
        CHECK(notes.empty());
    } else {
        REQUIRE(notes.size() == 1);
        CHECK_THAT(notes[0], Contains(said));
    }
    CHECK(slurp(dir / "sweep.csv") == expected);
}

}  // namespace

TEST_CASE("a resumed sweep detects damaged rows and recomputes them", "[sweep]") {
    const test::ScratchDir d("sweep_resume");
    const SweepSpec spec = small_sweep(d);
    const fs::path full = d.path / "full", dir = d.path / "dir";
    (void)run_sweep(spec, {full});
    const std::string sweep_csv = slurp(full / "sweep.csv"), runs_csv = slurp(full / "runs.csv");
    CHECK_THAT(runs_csv, Catch::StartsWith("run,clouds.A.price,seed,replicates,wall_seconds,"
                                           "rows,rows_sha256\n"));
    fs::copy(full, dir);

    SECTION("intact: nothing recomputed, nothing said, nothing changed") {
        check_resume(spec, dir, 3, "", sweep_csv);
        CHECK(slurp(dir / "runs.csv") == runs_csv);
    }
    SECTION("a number edited in run 1's rows") {
        std::string damaged = sweep_csv;
        const std::size_t at = damaged.find("\n1,") + 1;
        const std::size_t digit = damaged.find_first_of("123456789", damaged.find(",0.", at) + 3);
        damaged[digit] = damaged[digit] == '9' ? '8' : '9';
        spit(dir / "sweep.csv", damaged);
        check_resume(spec, dir, 1, "run 1: its rows in sweep.csv are missing or differ", sweep_csv);
    }
    SECTION("a row of run 0 deleted") {
        std::string damaged = sweep_csv;
        const std::size_t second = damaged.find('\n', damaged.find("\n0,") + 1) + 1;
        damaged.erase(second, damaged.find('\n', second) + 1 - second);
        spit(dir / "sweep.csv", damaged);
        check_resume(spec, dir, 0, "run 0", sweep_csv);
    }
    SECTION("run 2's parameter value edited in runs.csv") {
        std::string edited = runs_csv;
        edited.replace(edited.find("\n2,5,") + 1, 4, "2,6,");
        spit(dir / "runs.csv", edited);
        check_resume(spec, dir, 2, "run 2: its runs.csv row is not the planned one", sweep_csv);
    }
    SECTION("runs.csv of an older moatsim (no checksums): everything recomputed, said so") {
        spit(dir / "runs.csv", "run,clouds.A.price,seed,replicates,wall_seconds\n0,3,1,2,0.1\n");
        check_resume(spec, dir, 0, "recomputing every run", sweep_csv);
    }
    SECTION("files of the directory's earlier state go (a report of it)") {
        spit(dir / "report.html", "<p>old</p>");
        check_resume(spec, dir, 3, "report.html", sweep_csv);
        CHECK_FALSE(fs::exists(dir / "report.html"));
    }
}
