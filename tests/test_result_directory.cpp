// Result directories are all-or-nothing (io/result_directory.hpp, docs/RESULTS.md): a new
// result replaces the old one whole or not at all, leftovers of interrupted runs are
// repaired, and directories that are not results are never replaced.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/input_error.hpp"
#include "scratch_dir.hpp"
#include "io/atomic_file.hpp"
#include "io/result_directory.hpp"
#include "io/temporaries.hpp"

namespace fs = std::filesystem;
using moatsim::InputError;
using moatsim::OutputError;
using moatsim::ResultDirectory;
using moatsim::test::ScratchDir;
using moatsim::test::slurp;

namespace {

constexpr const char* dead_pid = "999999999";  // above any pid_max

// A complete "result": two files, written through a ResultDirectory.
void publish(const fs::path& target, const std::string& tag) {
    ResultDirectory dir(target);
    moatsim::write_file_atomically(dir.path() / "clouds.csv", "clouds " + tag + "\n");
    moatsim::write_file_atomically(dir.path() / "summary.csv", "summary " + tag + "\n");
    dir.commit();
}

std::size_t hidden_entries(const fs::path& dir) {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir))
        n += e.path().filename().string().front() == '.';
    return n;
}

// Sets MOATSIM_FAULT_AT for one scope.
struct FaultAt {
    explicit FaultAt(const char* points) { ::setenv("MOATSIM_FAULT_AT", points, 1); }
    ~FaultAt() { ::unsetenv("MOATSIM_FAULT_AT"); }
};

}  // namespace

TEST_CASE("a result directory appears whole, and replaces the old one whole", "[io]") {
    ScratchDir scratch("resultdir_swap");
    const fs::path target = scratch.path / "out";
    publish(target, "old");
    CHECK(slurp(target / "clouds.csv") == "clouds old\n");
    moatsim::write_file_atomically(target / "report.html", "<p>old</p>");

    SECTION("committed: only the new files, no temporaries") {
        publish(target, "new");
        CHECK(slurp(target / "clouds.csv") == "clouds new\n");
        CHECK(slurp(target / "summary.csv") == "summary new\n");
        CHECK_FALSE(fs::exists(target / "report.html"));  // belonged to the old result
        CHECK(hidden_entries(scratch.path) == 0);
    }
    SECTION("swapped by two renames where the exchange is not available") {
        const FaultAt fault("no_exchange");
        publish(target, "new");
        CHECK(slurp(target / "clouds.csv") == "clouds new\n");
        CHECK(hidden_entries(scratch.path) == 0);
    }
    SECTION("not committed (an error, an exception): the old result untouched, nothing left") {
        {
            ResultDirectory dir(target);
            moatsim::write_file_atomically(dir.path() / "clouds.csv", "clouds new\n");
            CHECK(fs::exists(dir.path() / "clouds.csv"));
        }
        CHECK(slurp(target / "clouds.csv") == "clouds old\n");
        CHECK(fs::exists(target / "report.html"));
        CHECK(hidden_entries(scratch.path) == 0);
    }
    SECTION("a write error is an OutputError naming the file and the OS error") {
        const FaultAt fault("write_error:summary.csv");
        ResultDirectory dir(target);
        moatsim::write_file_atomically(dir.path() / "clouds.csv", "x");
        CHECK_THROWS_AS(moatsim::write_file_atomically(dir.path() / "summary.csv", "x"),
                        OutputError);
        CHECK_THROWS_WITH(moatsim::write_file_atomically(dir.path() / "summary.csv", "x"),
                          Catch::Contains("summary.csv': No space left on device"));
        CHECK(slurp(target / "clouds.csv") == "clouds old\n");
    }
}

TEST_CASE("opening a result directory repairs what interrupted runs left", "[io]") {
    ScratchDir scratch("resultdir_repair");
    const fs::path target = scratch.path / "out";
    publish(target, "old");

    SECTION("stale temporaries of dead processes go, a running process's stay") {
        const fs::path stale = scratch.path / (std::string(".out.tmp-") + dead_pid);
        const fs::path live = scratch.path / ".out.tmp-1";  // init is always running
        const fs::path stale_file = target / (std::string("clouds.csv.tmp-") + dead_pid);
        fs::create_directories(stale);
        fs::create_directories(live);
        scratch.write("out/" + stale_file.filename().string(), "partial");
        const ResultDirectory dir(target);
        CHECK_FALSE(fs::exists(stale));
        CHECK_FALSE(fs::exists(stale_file));
        CHECK(fs::exists(live));
        REQUIRE(dir.notes().size() == 2);
        CHECK_THAT(dir.notes()[0], Catch::Contains(stale.string()));
    }
    SECTION("a swap interrupted between its renames: the old result is restored") {
        const fs::path aside = scratch.path / (std::string(".out.old-") + dead_pid);
        fs::rename(target, aside);
        const ResultDirectory dir(target);
        CHECK(slurp(target / "clouds.csv") == "clouds old\n");
        CHECK_FALSE(fs::exists(aside));
        REQUIRE(dir.notes().size() == 1);
        CHECK_THAT(dir.notes()[0], Catch::StartsWith("restored " + target.string()));
    }
    SECTION("a swap interrupted after its renames: the old copy is removed") {
        const fs::path aside = scratch.path / (std::string(".out.old-") + dead_pid);
        fs::copy(target, aside);
        const ResultDirectory dir(target);
        CHECK_FALSE(fs::exists(aside));
        CHECK(slurp(target / "clouds.csv") == "clouds old\n");
    }
    SECTION("AtomicFile removes its own stale temporaries") {
        const fs::path stale = scratch.write(std::string("report.html.tmp-") + dead_pid, "x");
        moatsim::write_file_atomically(scratch.path / "report.html", "<p/>");
        CHECK_FALSE(fs::exists(stale));
    }
}

TEST_CASE("what is not a result is never replaced", "[io]") {
    ScratchDir scratch("resultdir_refuse");
    CHECK_THROWS_WITH(ResultDirectory(""), Catch::Contains("the path is empty"));
    scratch.write("afile", "x");
    CHECK_THROWS_WITH(ResultDirectory(scratch.path / "afile"),
                      Catch::Contains("it exists and is not a directory"));
    fs::create_directories(scratch.path / "mine" / "sub");
    CHECK_THROWS_AS(ResultDirectory(scratch.path / "mine"), InputError);
    CHECK_THROWS_WITH(ResultDirectory(scratch.path / "mine"), Catch::Contains("'sub'"));
    fs::remove(scratch.path / "mine" / "sub");
    scratch.write("mine/notes.txt", "keep");
    scratch.write(std::string("mine/notes.txt.tmp-") + dead_pid, "not ours to remove");
    CHECK_THROWS_WITH(ResultDirectory(scratch.path / "mine"), Catch::Contains("'notes.txt"));
    CHECK(slurp(scratch.path / "mine" / "notes.txt") == "keep");
    CHECK(fs::exists(scratch.path / "mine" / (std::string("notes.txt.tmp-") + dead_pid)));
    // The current directory (or one holding it) cannot be swapped away under the user.
    const fs::path before = fs::current_path();
    fs::create_directories(scratch.path / "cwd");
    fs::current_path(scratch.path / "cwd");
    CHECK_THROWS_WITH(ResultDirectory("."), Catch::Contains("current directory"));
    CHECK_THROWS_WITH(ResultDirectory(".."), Catch::Contains("current directory"));
    fs::current_path(before);
    CHECK(fs::is_directory(scratch.path / "cwd"));
    CHECK(hidden_entries(scratch.path) == 0);
}

TEST_CASE("temporary names carry their owner's process id", "[io]") {
    const auto parsed = moatsim::parse_temporary_name(".run.tmp-4242", ".tmp-");
    REQUIRE(parsed);
    CHECK(parsed->stem == ".run");
    CHECK(parsed->pid == 4242);
    CHECK_FALSE(moatsim::parse_temporary_name("clouds.csv", ".tmp-"));
    CHECK_FALSE(moatsim::parse_temporary_name("a.tmp-12x", ".tmp-"));
    CHECK_FALSE(moatsim::parse_temporary_name("a.tmp-", ".tmp-"));
    CHECK(moatsim::process_alive(::getpid()));
    CHECK_FALSE(moatsim::process_alive(999999999));
}
