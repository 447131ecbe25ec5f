#pragma once
// The one exception type for bad user input (scenario files, population files, options).
// Its message already names the file, the line or key, and what was expected, so the CLI
// prints it as it is and exits non-zero.
#include <stdexcept>
#include <string>

namespace moatsim {

struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace moatsim
