#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/input_error.hpp"
#include "io/atomic_file.hpp"
#include "scratch_dir.hpp"

namespace fs = std::filesystem;
using moatsim::AtomicFile;
using moatsim::InputError;

using moatsim::test::ScratchDir;
using moatsim::test::slurp;

TEST_CASE("AtomicFile leaves nothing behind when not committed", "[io]") {
    ScratchDir dir("atomic_uncommitted");
    {
        AtomicFile file(dir.path / "out.csv");
        file.stream() << "half a row";
        CHECK(dir.entries() == 1);  // the temporary file, beside the target
        CHECK_FALSE(fs::exists(dir.path / "out.csv"));
    }
    CHECK(dir.entries() == 0);
}

TEST_CASE("AtomicFile keeps an existing target until commit, then replaces it", "[io]") {
    ScratchDir dir("atomic_replace");
    const fs::path target = dir.path / "out.csv";
    moatsim::write_file_atomically(target, "old\n");
    REQUIRE(slurp(target) == "old\n");

    SECTION("commit replaces the target and removes the temporary") {
        AtomicFile file(target);
        for (int i = 0; i < 100000; ++i) file.stream() << i << '\n';  // beyond the buffer
        CHECK(slurp(target) == "old\n");
        file.commit();
        const std::string text = slurp(target);
        CHECK(text.substr(0, 4) == "0\n1\n");
        CHECK(text.size() == 588890);
        CHECK(dir.entries() == 1);
    }
    SECTION("an abandoned write leaves the old content") {
        {
            AtomicFile file(target);
            file.stream() << "new";
        }
        CHECK(slurp(target) == "old\n");
        CHECK(dir.entries() == 1);
    }
}

TEST_CASE("AtomicFile reports why it cannot write, naming the file", "[io]") {
    ScratchDir dir("atomic_errors");
    SECTION("missing directory") {
        const fs::path target = dir.path / "no_such_dir" / "out.csv";
        CHECK_THROWS_WITH(AtomicFile(target),
                          Catch::Contains("cannot write '" + target.string() + "'") &&
                              Catch::Contains("No such file or directory"));
    }
    SECTION("commit onto a directory fails and removes the temporary") {
        fs::create_directories(dir.path / "taken" / "inside");
        AtomicFile file(dir.path / "taken");
        file.stream() << "data";
        CHECK_THROWS_AS(file.commit(), InputError);
        CHECK_THROWS_WITH(moatsim::write_file_atomically(dir.path / "taken", "x"),
                          Catch::Contains("taken"));
        CHECK(dir.entries() == 1);  // only the directory itself
    }
}

TEST_CASE("ensure_writable_directory creates directories or explains why not", "[io]") {
    ScratchDir dir("atomic_outdir");
    const fs::path nested = dir.path / "a" / "b" / "c";
    moatsim::ensure_writable_directory(nested);
    CHECK(fs::is_directory(nested));
    CHECK(fs::is_empty(nested));                 // the probe file is gone
    moatsim::ensure_writable_directory(nested);  // existing is fine

    // Running as root, permission bits cannot make a directory unwritable; a path under a
    // regular file is unwritable for everyone.
    moatsim::write_file_atomically(dir.path / "afile", "x");
    const fs::path under_file = dir.path / "afile" / "out";
    CHECK_THROWS_WITH(
        moatsim::ensure_writable_directory(under_file),
        Catch::Contains("cannot write to output directory '" + under_file.string() + "'") &&
            Catch::Contains("Not a directory"));
    CHECK_THROWS_WITH(moatsim::ensure_writable_directory(dir.path / "afile"),
                      Catch::Contains("cannot write to output directory"));
}
