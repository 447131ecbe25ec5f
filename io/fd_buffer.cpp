#include "io/fd_buffer.hpp"

#include <unistd.h>

#include <cerrno>

namespace moatsim::detail {
namespace {

// Large enough that a 10-million-row population file is written in big sequential chunks.
constexpr std::size_t buffer_bytes = std::size_t{1} << 20;

}  // namespace

FdBuffer::FdBuffer(int fd) : fd_(fd), data_(new char[buffer_bytes]) {
    setp(data_.get(), data_.get() + buffer_bytes);
}

FdBuffer::~FdBuffer() {
    if (fd_ >= 0) ::close(fd_);
}

bool FdBuffer::drain() {
    const char* at = pbase();
    const char* end = pptr();
    while (error_ == 0 && at < end) {
        const ssize_t n = ::write(fd_, at, static_cast<std::size_t>(end - at));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) error_ = n < 0 ? errno : EIO;
        else at += n;
    }
    setp(data_.get(), data_.get() + buffer_bytes);  // after an error, later output is dropped
    return error_ == 0;
}

FdBuffer::int_type FdBuffer::overflow(int_type ch) {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(ch);
        pbump(1);
    }
    return traits_type::not_eof(ch);
}

int FdBuffer::sync() { return drain() ? 0 : -1; }

int FdBuffer::finish(bool sync) {
    if (fd_ < 0) return error_ != 0 ? error_ : EBADF;
    drain();
    if (error_ == 0 && sync && ::fsync(fd_) != 0) error_ = errno;
    if (::close(fd_) != 0 && error_ == 0) error_ = errno;
    fd_ = -1;
    return error_;
}

}  // namespace moatsim::detail
