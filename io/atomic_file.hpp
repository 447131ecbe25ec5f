#pragma once
// "Nothing half-written": output goes to a temporary file beside the target and is renamed
// onto it only once it is complete and on disk (fsync), so a crash, an error or a signal
// mid-write leaves either the old file or no file, never a truncated one that looks like a
// result. The temporary "<target>.tmp-<pid>" is registered for removal on a signal
// (io/temporaries.hpp); stale ones of dead processes are removed when the next one opens.
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace moatsim {

namespace detail {
class FdBuffer;
}

/// The exception for a failed filesystem call on an output path `path`, from errno `err`:
/// InputError (exit 2) when the path itself is unusable (missing directory, no permission,
/// read-only, a directory in the way), OutputError (exit 1) for everything else (disk full,
/// I/O error). The message is "<what> '<path>': <strerror(err)>".
[[noreturn]] void throw_output_failure(std::string_view what, const std::filesystem::path& path,
                                       int err);

/// fsync of a file or directory. @throws OutputError naming it and the OS error.
void sync_path(const std::filesystem::path& path);

class AtomicFile {
public:
    /// Opens "<target>.tmp-<pid>" in the target's directory for writing.
    /// @throws InputError/OutputError "cannot write '<target>': <reason>" if it cannot.
    explicit AtomicFile(std::filesystem::path target);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    /// Removes the temporary file unless commit() succeeded; never throws.
    ~AtomicFile();

    /// The stream to write to (1 MiB buffer).
    [[nodiscard]] std::ostream& stream() noexcept { return out_; }

    /// Flushes, checks every write, fsyncs, closes and renames onto the target.
    /// @throws OutputError (InputError if the target path is unusable) naming the target and
    /// the OS error; the temporary file is removed.
    void commit();

    [[nodiscard]] const std::filesystem::path& target() const noexcept { return target_; }

private:
    [[noreturn]] void fail(int err);

    std::filesystem::path target_;
    std::filesystem::path temp_;
    std::unique_ptr<detail::FdBuffer> buffer_;
    std::ostream out_;
    bool committed_ = false;
};

/// Writes content to target through an AtomicFile. @throws as AtomicFile::commit.
void write_file_atomically(const std::filesystem::path& target, std::string_view content);

/// Writes target through an AtomicFile, the content produced by write(std::ostream&).
/// @throws as AtomicFile::commit; whatever write throws, with nothing left behind.
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
