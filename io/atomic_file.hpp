#pragma once
// "Nothing half-written": output goes to a temporary file beside the target and is renamed
// onto it only once it is complete, so a crash, an error or Ctrl-C mid-write leaves either
// the old file or no file, never a truncated one that looks like a result.
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <string_view>

namespace moatsim {

class AtomicFile {
public:
    /// Opens "<target>.tmp-<pid>" in the target's directory for writing.
    /// @throws InputError "cannot write '<target>': <reason>" if it cannot be created.
    explicit AtomicFile(std::filesystem::path target);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    /// Removes the temporary file unless commit() succeeded; never throws.
    ~AtomicFile();

    /// The stream to write to (1 MiB buffer).
    [[nodiscard]] std::ostream& stream() noexcept { return out_; }

    /// Flushes, checks that every write succeeded, closes and renames onto the target.
    /// @throws InputError naming the target on any failure; the temporary file is removed.
    void commit();

    [[nodiscard]] const std::filesystem::path& target() const noexcept { return target_; }

private:
    [[noreturn]] void fail(std::string_view reason);

    std::filesystem::path target_;
    std::filesystem::path temp_;
    std::unique_ptr<char[]> buffer_;
    std::ofstream out_;
    bool committed_ = false;
};

/// Writes content to target through an AtomicFile. @throws InputError on failure.
void write_file_atomically(const std::filesystem::path& target, std::string_view content);

/// Writes target through an AtomicFile, the content produced by write(std::ostream&).
/// @throws InputError on failure; whatever write throws, with nothing left behind.
template <class Writer>
void write_file_atomically_with(const std::filesystem::path& target, Writer&& write) {
    AtomicFile file(target);
    write(file.stream());
    file.commit();
}

/// Creates dir (and its parents) if needed and checks that a file can be created in it, so a
/// run fails before hours of computing rather than after.
/// @throws InputError "cannot write to output directory '<dir>': <reason>".
void ensure_writable_directory(const std::filesystem::path& dir);

}  // namespace moatsim
