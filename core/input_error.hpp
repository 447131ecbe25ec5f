#pragma once
// The exception type for bad user input (scenario files, population files, options).
// Its message already names the file, the line or key, and what was expected, so the CLI
// prints it as it is and exits non-zero.
#include <stdexcept>
#include <string>

namespace moatsim {

struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A failure to write output (disk full, I/O error, a failed fsync or rename): not the user's
/// input, so the CLI exits 1, not 2. The message names the path and the OS error.
struct OutputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace moatsim
