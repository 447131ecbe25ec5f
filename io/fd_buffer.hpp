#pragma once
// A stream buffer writing straight to a file descriptor, remembering the first write's
// errno: std::ofstream sets badbit on a full disk but loses the reason, and a message must
// say "No space left on device", not guess.
#include <memory>
#include <streambuf>

namespace moatsim::detail {

class FdBuffer : public std::streambuf {
public:
    explicit FdBuffer(int fd);
    ~FdBuffer() override;
    FdBuffer(const FdBuffer&) = delete;
    FdBuffer& operator=(const FdBuffer&) = delete;

    /// Writes what is buffered; fsyncs; closes. Returns 0 or the first errno met so far.
    int finish(bool sync);
    /// The first errno of a failed write, or 0.
    [[nodiscard]] int error() const noexcept { return error_; }
    /// Makes the next write fail with err (the write_error fault hook).
    void inject_error(int err) noexcept { error_ = err; }

protected:
    int_type overflow(int_type ch) override;
    int sync() override;

private:
    bool drain();

    int fd_;
    int error_ = 0;
    std::unique_ptr<char[]> data_;
};

}  // namespace moatsim::detail
