#include "io/file_text.hpp"

#include <fstream>
#include <sstream>

namespace moatsim {

std::string read_whole_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace moatsim
