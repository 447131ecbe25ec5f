#pragma once
// A job's result as bytes (experiments/job_executor.hpp): numbers and strings packed in the
// machine's own representation, so a double crosses a process boundary bit for bit. Every
// rank of a job runs the same build on the same architecture (docs/MPI.md).
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace moatsim {

class ByteWriter {
public:
    template <class T>
        requires std::is_arithmetic_v<T>
    ByteWriter& put(T value) {
        bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
        return *this;
    }
    ByteWriter& put(std::string_view text) {
        put(static_cast<std::uint64_t>(text.size()));
        bytes_.append(text);
        return *this;
    }
    template <class T>
        requires std::is_arithmetic_v<T>
    ByteWriter& put(const std::vector<T>& values) {
        put(static_cast<std::uint64_t>(values.size()));
        bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
        return *this;
    }
    [[nodiscard]] std::string take() { return std::move(bytes_); }

private:
    std::string bytes_;
};

class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}
    template <class T>
        requires std::is_arithmetic_v<T>
    T get() {
        T value{};
        const char* from = take(sizeof value).data();
        std::memcpy(static_cast<void*>(&value), from, sizeof value);
        return value;
    }
    std::string text() {
        const auto n = get<std::uint64_t>();
        return std::string(take(n));
    }
    template <class T>
        requires std::is_arithmetic_v<T>
    std::vector<T> numbers() {
        const auto n = get<std::uint64_t>();
        std::vector<T> values(n);
        if (n > 0) std::memcpy(values.data(), take(n * sizeof(T)).data(), n * sizeof(T));
        return values;
    }
    [[nodiscard]] bool done() const noexcept { return at_ == bytes_.size(); }

private:
    std::string_view take(std::size_t n) {
        if (n > bytes_.size() - at_)
            throw std::runtime_error("a job's result is shorter than its format (a bug)");
        const std::string_view out = bytes_.substr(at_, n);
        at_ += n;
        return out;
    }
    std::string_view bytes_;
    std::size_t at_ = 0;
};

}  // namespace moatsim
