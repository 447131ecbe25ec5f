#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "core/input_error.hpp"

namespace moatsim {
namespace fs = std::filesystem;

namespace {

// Large enough that a 10-million-row population file is written in big sequential chunks
// instead of libstdc++'s default 8 KiB.
constexpr std::size_t buffer_bytes = std::size_t{1} << 20;

std::string quoted(const fs::path& p) {
    return "'" + p.string() + "'";
}

// errno is only meaningful right after the failing call; 0 means the library did not say.
std::string errno_reason(int err, const char* fallback) {
    return err != 0 ? std::string(std::strerror(err)) : std::string(fallback);
}

}  // namespace

AtomicFile::AtomicFile(fs::path target)
    : target_(std::move(target)),
      // Same directory as the target, so the final rename never crosses a file system
      // (which would make it a non-atomic copy); the pid keeps concurrent runs apart.
      temp_(target_.string() + ".tmp-" + std::to_string(::getpid())),
      buffer_(new char[buffer_bytes]) {
    // pubsetbuf only takes effect before open() in libstdc++.
    out_.rdbuf()->pubsetbuf(buffer_.get(), static_cast<std::streamsize>(buffer_bytes));
    errno = 0;
    out_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!out_.is_open()) {
        const int err = errno;
        throw InputError("cannot write " + quoted(target_) + ": " +
                         errno_reason(err, "cannot create a file there"));
    }
}

AtomicFile::~AtomicFile() {
    if (committed_) return;
    if (out_.is_open()) out_.close();
    std::error_code ignored;  // a destructor must not throw; a leftover temp is harmless
    fs::remove(temp_, ignored);
}

void AtomicFile::fail(std::string_view reason) {
    if (out_.is_open()) out_.close();
    std::error_code ignored;
    fs::remove(temp_, ignored);
    throw InputError("cannot write " + quoted(target_) + ": " + std::string(reason));
}

void AtomicFile::commit() {
    if (committed_) return;
    if (!out_.is_open()) fail("the file was already closed");
    // A failure during streaming (disk full) leaves badbit set; errno is stale by now.
    if (!out_) fail("a write failed (disk full?)");
    errno = 0;
    out_.flush();
    if (!out_) fail(errno_reason(errno, "a write failed (disk full?)"));
    errno = 0;
    out_.close();
    if (!out_) fail(errno_reason(errno, "closing the file failed"));
    // No fsync: the guarantee is that readers never see a partial file and an interrupted
    // run leaves the old one, not durability across power loss (which would cost seconds
    // on multi-gigabyte population files).
    std::error_code ec;
    fs::rename(temp_, target_, ec);
    if (ec) fail(ec.message());
    committed_ = true;
}

void write_file_atomically(const fs::path& target, std::string_view content) {
    AtomicFile file(target);
    file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
    file.commit();
}

void ensure_writable_directory(const fs::path& dir) {
    const fs::path where = dir.empty() ? fs::path(".") : dir;
    const auto fail = [&](const std::string& reason) {
        throw InputError("cannot write to output directory " + quoted(dir) + ": " + reason);
    };
    std::error_code ec;
    fs::create_directories(where, ec);
    if (ec) fail(ec.message());
    if (!fs::is_directory(where, ec)) fail("it exists and is not a directory");
    // Permission bits do not tell the whole story (read-only mounts, ACLs, root), so try it.
    const fs::path probe = where / (".moatsim-write-test-" + std::to_string(::getpid()));
    errno = 0;
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail(errno_reason(errno, "cannot create a file there"));
    ::close(fd);
    ::unlink(probe.c_str());
}

}  // namespace moatsim
