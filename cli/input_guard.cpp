#include "cli/input_guard.hpp"

#include <array>
#include <string>
#include <system_error>

#include "core/input_error.hpp"
#include "core/input_text.hpp"

namespace moatsim::cli {

void refuse_overwriting_inputs(const std::filesystem::path& out, const std::filesystem::path& dir,
                               std::string_view option) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(out, ec)) return;  // a file that does not exist is not read
    const auto refuse = [&](const std::string& what) {
        throw InputError(std::string(option) + " " + shown(out.string(), 1024) + ": " + what +
                         "; expected a file that is not one of the inputs");
    };
    if (fs::equivalent(out, dir, ec)) refuse("is the directory being read");
    static constexpr std::array<std::string_view, 3> read_extensions = {".csv", ".json", ".toml"};
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string ext = it->path().extension().string();
        bool read = false;
        for (const auto e : read_extensions) read = read || ext == e;
        std::error_code same_ec;
        if (read && fs::equivalent(out, it->path(), same_ec))
            refuse("is the same file as " + shown(it->path().string(), 1024) +
                   ", which this command reads; writing it would destroy the result");
    }
}

}  // namespace moatsim::cli
