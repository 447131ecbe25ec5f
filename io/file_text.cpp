#include "io/file_text.hpp"
#include "io/read_budget.hpp"

#include <fstream>
#include <sstream>

namespace moatsim {

std::string read_whole_file(const std::filesystem::path& file) {
    require_memory_to_read(file, text_read_factor, "a file");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace moatsim
