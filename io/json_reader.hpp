#pragma once
// A small JSON reader (RFC 8259) for reading manifest.json back into reports. Values keep
// their text: numbers as written, so a report shows a seed of 20250101 exactly as the
// manifest has it rather than as a double.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace moatsim {

struct JsonMember;

struct JsonValue {
    enum class Kind { null, boolean, number, string, array, object };
    Kind kind = Kind::null;
    std::string text;  // string: its decoded contents; number: as written; true/false/null
    std::vector<JsonValue> items;                            // array
    std::vector<JsonMember> members;  // object, in file order

    /// The member named key of an object, or nullptr (also for non-objects).
    [[nodiscard]] const JsonValue* find(std::string_view key) const noexcept;
    /// A scalar as text ("" for null), arrays as "a, b, c"; objects give "".
    [[nodiscard]] std::string as_text() const;
};

// A named struct, not std::pair: pair<string, JsonValue> inside JsonValue needs JsonValue
// complete for pair's constructor checks, which clang's libstdc++ build rejects.
struct JsonMember {
    std::string key;
    JsonValue value;
};

/// Parses one JSON document; `file` names it in messages.
/// @throws InputError "<file>:<line>: <what was expected>" on malformed input.
[[nodiscard]] JsonValue parse_json(std::string_view text, const std::filesystem::path& file);

}  // namespace moatsim
