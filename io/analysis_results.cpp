#include "io/analysis_results.hpp"

#include <charconv>

#include "core/input_error.hpp"
#include "io/manifest.hpp"

namespace moatsim {
namespace {

namespace fs = std::filesystem;

// A manifest number or note as T; 0 if absent. A present value that is no number is refused:
// the manifest is the command's own, so it is corrupt.
template <typename T>
T manifest_number(const JsonValue& m, const char* key, const fs::path& dir) {
    const JsonValue* v = m.find(key);
    if (!v) return T{};
    T out{};
    const std::string& t = v->text;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    if (ec != std::errc() || end != t.data() + t.size() || t.empty())
        throw InputError((dir / "manifest.json").string() + ": '" + key + "': expected a number");
    return out;
}

// The stem of the input file with this role ("base", "alt"), or "".
std::string input_stem(const JsonValue& m, const std::string& role) {
    const JsonValue* inputs = m.find("inputs");
    if (!inputs) return {};
    for (const JsonValue& in : inputs->items) {
        const JsonValue* r = in.find("role");
        const JsonValue* p = in.find("path");
        if (r && p && r->text == role) return fs::path(p->text).stem().string();
    }
    return {};
}

AnalysisSettings read_settings(const fs::path& dir) {
    AnalysisSettings s;
    const std::optional<JsonValue> m = read_manifest_json(dir);
    if (!m) return s;
    s.samples = manifest_number<int>(*m, "samples", dir);
    s.bootstrap = manifest_number<int>(*m, "bootstrap", dir);
    s.confidence = manifest_number<double>(*m, "confidence", dir);
    s.levels = manifest_number<int>(*m, "levels", dir);
    s.parameters = manifest_number<int>(*m, "parameters", dir);
    s.base = input_stem(*m, "base");
    s.alternative = input_stem(*m, "alt");
    return s;
}

}  // namespace

bool is_analysis_directory(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "sensitivity.csv", ec) ||
           fs::is_regular_file(dir / "uncertainty.csv", ec);
}

AnalysisResults read_analysis_results(const fs::path& dir) {
    std::error_code ec;
    AnalysisResults r;
    r.dir = dir;
    r.kind = fs::is_regular_file(dir / "sensitivity.csv", ec) ? AnalysisKind::sensitivity
                                                               : AnalysisKind::uncertainty;
    r.table = read_csv(dir / (r.kind == AnalysisKind::sensitivity ? "sensitivity.csv" : "uncertainty.csv"));
    r.settings = read_settings(dir);
    return r;
}

}  // namespace moatsim
