#pragma once
// The classroom page (classroom/page/), embedded in the program at build time
// (classroom/embed_page.cmake), so `moatsim serve` needs no files and fetches nothing.
#include <string_view>

namespace moatsim {

struct PageAsset {
    std::string_view path;          // request path, e.g. "/classroom.js"
    std::string_view content_type;
    std::string_view body;
};

/// The asset served at exactly `path` ("/" is the page), or nullptr.
[[nodiscard]] const PageAsset* find_page_asset(std::string_view path);

}  // namespace moatsim
