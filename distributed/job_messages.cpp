#include "distributed/job_messages.hpp"

#include <cstdint>
#include <stdexcept>

#include "core/input_error.hpp"
#include "experiments/job_bytes.hpp"
#include "experiments/replicate_bytes.hpp"
#include "market/tick_check.hpp"

namespace moatsim {
namespace {

enum class Kind : std::uint8_t { input, output, simulation, other };

}  // namespace

std::string error_bytes(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const InputError& e) {
        return ByteWriter().put(static_cast<std::uint8_t>(Kind::input)).put(std::string_view(e.what())).take();
    } catch (const OutputError& e) {
        return ByteWriter().put(static_cast<std::uint8_t>(Kind::output)).put(std::string_view(e.what())).take();
    } catch (const SimulationError& e) {
        return ByteWriter().put(static_cast<std::uint8_t>(Kind::simulation)).put(simulation_error_bytes(e)).take();
    } catch (const std::exception& e) {
        return ByteWriter().put(static_cast<std::uint8_t>(Kind::other)).put(std::string_view(e.what())).take();
    } catch (...) {
        return ByteWriter().put(static_cast<std::uint8_t>(Kind::other)).put(std::string_view("unknown exception")).take();
    }
}

void rethrow_error_bytes(std::string_view bytes) {
    ByteReader in(bytes);
    const auto kind = static_cast<Kind>(in.get<std::uint8_t>());
    std::string text = in.text();
    switch (kind) {
        case Kind::input: throw InputError(text);
        case Kind::output: throw OutputError(text);
        case Kind::simulation: throw simulation_error_from_bytes(text);
        case Kind::other: break;
    }
    throw std::runtime_error(text);
}

std::string error_message(std::string_view bytes) {
    try {
        rethrow_error_bytes(bytes);
    } catch (const std::exception& e) {
        return e.what();
    }
}

}  // namespace moatsim
