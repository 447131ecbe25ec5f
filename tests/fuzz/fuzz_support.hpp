#pragma once
// Shared by the fuzz targets: a private scratch directory per fuzzing process (the loaders
// read files, and several fuzzers may run at once), and the one rule every target enforces:
// bad input may throw InputError, nothing else may escape.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "core/input_error.hpp"

namespace moatsim::fuzz {

/// A directory under $TMPDIR (or /tmp) made on first use and removed at normal exit. A crash
/// leaves it behind, with the files of the crashing input, which helps reproduce it.
inline const std::filesystem::path& scratch_dir() {
    static const std::filesystem::path dir = [] {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/moatsim-fuzz-XXXXXX";
        if (!mkdtemp(pattern.data())) {
            std::perror("moatsim fuzz: mkdtemp");
            std::abort();
        }
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(scratch_dir(), ec);
        });
        return std::filesystem::path(pattern);
    }();
    return dir;
}

/// Writes bytes to scratch_dir()/name, replacing it; aborts if that fails (the harness, not
/// the code under test, is broken then).
inline std::filesystem::path write_scratch(const std::string& name, std::string_view bytes) {
    const std::filesystem::path file = scratch_dir() / name;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        std::fprintf(stderr, "moatsim fuzz: cannot write %s\n", file.c_str());
        std::abort();
    }
    return file;
}

/// Runs f; an InputError (a clear message for bad input) is the expected outcome for most
/// inputs. Any other exception is a bug: report it and abort so libFuzzer keeps the input.
template <class F>
void expect_input_errors_only(F&& f) {
    try {
        f();
    } catch (const InputError&) {
    } catch (const std::exception& e) {
        std::fprintf(stderr, "moatsim fuzz: unexpected exception: %s\n", e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "moatsim fuzz: unexpected non-standard exception\n");
        std::abort();
    }
}

/// Aborts with a message: a property the target checks does not hold.
[[noreturn]] inline void fail(const std::string& what) {
    std::fprintf(stderr, "moatsim fuzz: %s\n", what.c_str());
    std::abort();
}

}  // namespace moatsim::fuzz
