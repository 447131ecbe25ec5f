#pragma once
// A fresh temporary directory for one test case, removed afterwards.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace moatsim::test {

/// The whole content of a file, as bytes.
inline std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct ScratchDir {
    std::filesystem::path path;

    /// name: unique within a test process (the process id keeps parallel tests apart).
    explicit ScratchDir(const std::string& name)
        : path(std::filesystem::temp_directory_path() /
               ("moatsim_" + name + "_" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    /// Writes text to file in the directory; returns its path.
    std::filesystem::path write(const std::string& file, const std::string& text) const {
        std::ofstream(path / file, std::ios::binary) << text;
        return path / file;
    }
    /// Number of entries in the directory.
    [[nodiscard]] std::size_t entries() const {
        return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(path),
                                                      std::filesystem::directory_iterator()));
    }
};

}  // namespace moatsim::test
