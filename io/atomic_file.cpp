#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "core/input_error.hpp"
#include "io/fault_hook.hpp"
#include "io/fd_buffer.hpp"
#include "io/temporaries.hpp"

namespace moatsim {
namespace fs = std::filesystem;

namespace {

std::string quoted(const fs::path& p) {
    return "'" + p.string() + "'";
}

// errno is only meaningful right after the failing call; 0 means the library did not say.
std::string errno_reason(int err, const char* fallback) {
    return err != 0 ? std::string(std::strerror(err)) : std::string(fallback);
}

// Errors that say the path the user chose cannot hold output (as opposed to the disk or the
// device failing while writing).
bool path_is_unusable(int err) {
    switch (err) {
    case EACCES: case EPERM: case EROFS: case ENOENT: case ENOTDIR: case EISDIR:
    case ENOTEMPTY: case EEXIST: case ENAMETOOLONG: case ELOOP: case EXDEV:
        return true;
    default:
        return false;
    }
}

int open_temporary(const fs::path& temp) {
    int fd = -1;
    do {
        fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

}  // namespace

void throw_output_failure(std::string_view what, const fs::path& path, int err) {
    std::string message =
        std::string(what) + " " + quoted(path) + ": " + errno_reason(err, "unknown error");
    // Inside a result's temporary directory ".<name>.tmp-<pid>": say which result it was for.
    const fs::path dir = path.parent_path();
    const auto temp = parse_temporary_name(dir.filename().string(), ".tmp-");
    if (temp && temp->stem.size() > 1 && temp->stem.front() == '.')
        message += " (while writing the new result for " +
                   quoted(dir.parent_path() / temp->stem.substr(1)) +
                   "; any previous result there is unchanged)";
    if (path_is_unusable(err)) throw InputError(message);
    throw OutputError(message);
}

void sync_path(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw_output_failure("cannot sync", path, errno);
    int err = 0;
    if (::fsync(fd) != 0) err = errno;
    ::close(fd);
    // Some file systems cannot fsync a directory; that is not a lost write.
    if (err != 0 && err != EINVAL && err != EROFS) throw OutputError(
        "cannot sync " + quoted(path) + ": " + errno_reason(err, "unknown error"));
}

AtomicFile::AtomicFile(fs::path target)
    : target_(std::move(target)),
      // Same directory as the target, so the final rename never crosses a file system
      // (which would make it a non-atomic copy); the pid keeps concurrent runs apart.
      temp_(target_.string() + ".tmp-" + std::to_string(::getpid())),
      out_(nullptr) {
    const fs::path parent = target_.parent_path().empty() ? fs::path(".") : target_.parent_path();
    remove_stale_temporaries(parent, ".tmp-", target_.filename().string());
    register_temporary(temp_);
    const int fd = open_temporary(temp_);
    if (fd < 0) {
        const int err = errno;
        unregister_temporary(temp_);
        throw_output_failure("cannot write", target_, err);
    }
    buffer_ = std::make_unique<detail::FdBuffer>(fd);
    out_.rdbuf(buffer_.get());
}

AtomicFile::~AtomicFile() {
    if (committed_) return;
    buffer_->finish(false);
    std::error_code ignored;  // a destructor must not throw; a leftover temp is harmless
    fs::remove(temp_, ignored);
    unregister_temporary(temp_);
}

void AtomicFile::fail(int err) {
    buffer_->finish(false);
    std::error_code ignored;
    fs::remove(temp_, ignored);
    unregister_temporary(temp_);
    committed_ = true;  // nothing left for the destructor
    throw_output_failure("cannot write", target_, err);
}

void AtomicFile::commit() {
    if (committed_) return;
    const std::string name = target_.filename().string();
    if (fault_armed("write_error") || fault_armed("write_error:" + name))
        buffer_->inject_error(ENOSPC);
    out_.flush();
    // fsync before the rename: otherwise a power cut can publish the name with no data.
    if (const int err = buffer_->finish(true); err != 0) fail(err);
    if (::rename(temp_.c_str(), target_.c_str()) != 0) fail(errno);
    committed_ = true;
    unregister_temporary(temp_);
    const fs::path parent = target_.parent_path().empty() ? fs::path(".") : target_.parent_path();
    sync_path(parent);  // the rename itself
    fault_point("after_file:" + name);
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
