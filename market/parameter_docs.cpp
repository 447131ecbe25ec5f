#include "market/parameter_docs.hpp"

#include <cmath>

#include "core/input_error.hpp"
#include "core/input_text.hpp"
#include "market/parameter_table.hpp"

namespace moatsim {
namespace {

using namespace detail;

/// One key as the docs show it.
struct Row {
    std::string key, symbol, meaning, unit, default_value, allowed;
    bool settable = false;
};

std::string superscript(long n) {
    static const char* digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    std::string out = n < 0 ? "⁻" : "";
    const std::string d = std::to_string(std::labs(n));
    for (const char c : d) out += digits[c - '0'];
    return out;
}

/// 1e6 as "10⁶", -1 as "−1", 0.9 as "0.9": the docs' spelling of a number.
std::string doc_number(double x) {
    const std::string sign = x < 0 ? "−" : "";
    const double a = std::abs(x);
    const double e = std::round(std::log10(a));
    if (a > 0 && std::abs(e) >= 4 && std::pow(10.0, e) == a)
        return sign + "10" + superscript(static_cast<long>(e));
    return sign + format_number(a);
}

std::string doc_integer(std::int64_t x) {
    if (x == int64_max) return "2⁶³−1";
    if (x == int_max) return "2³¹−1";
    return std::to_string(x);
}

std::string doc_range(const Range& r) {
    const bool has_lo = !std::isinf(r.lo), has_hi = !std::isinf(r.hi);
    std::string out;
    if (!has_lo && !has_hi) out = "any";
    else if (!has_hi) out = (r.lo_open ? "> " : "≥ ") + doc_number(r.lo);
    else if (!has_lo) out = (r.hi_open ? "< " : "≤ ") + doc_number(r.hi);
    else
        out = (r.lo_open ? "(" : "[") + doc_number(r.lo) + ", " + doc_number(r.hi) +
              (r.hi_open ? ")" : "]");
    return is_numeric_limit(r) ? out + " ¹" : out;
}

std::string quoted(const std::string& s) { return "`\"" + s + "\"`"; }

template <class Spec>
std::vector<Row> rows_of(const std::vector<Param<Spec>>& params) {
    const Spec defaults{};
    std::vector<Row> rows;
    for (const auto& p : params) {
        Row r{std::string("`") + p.key + "`", p.symbol, p.description, p.unit, "", "",
              p.is_settable()};
        switch (p.kind) {
            case ParamKind::number:
                r.default_value = doc_number(defaults.*p.number);
                r.allowed = doc_range(p.range);
                break;
            case ParamKind::integer:
                r.default_value = doc_integer(p.get_integer(defaults));
                r.allowed = doc_integer(p.lo) + " .. " + doc_integer(p.hi);
                break;
            case ParamKind::choice: {
                const auto names = p.choices();
                r.default_value = quoted(names.at(p.get_choice(defaults)));
                for (const auto& n : names) r.allowed += (r.allowed.empty() ? "" : ", ") + quoted(n);
                if (r.unit.empty()) r.unit = "string";
                break;
            }
            case ParamKind::structured:
                r.default_value = p.show_default ? p.show_default(defaults) : "—";
                r.allowed = *p.allowed ? p.allowed : "see below";
                break;
        }
        if (p.is_required()) r.default_value = "**required**";
        rows.push_back(std::move(r));
    }
    return rows;
}

std::vector<Row> rows_of_scope(std::string_view scope) {
    if (scope == "top") return rows_of(top_level_params());
    if (scope == "run") return rows_of(run_params());
    if (scope == "calibration") return rows_of(calibration_params());
    if (scope == "globals") return rows_of(global_params());
    if (scope == "population") return rows_of(population_params());
    if (scope == "clouds") return rows_of(cloud_params());
    if (scope == "vendors") return rows_of(vendor_params());
    throw InputError("unknown schema scope '" + shown(scope) + "'; expected one of " +
                     join(schema_scopes()));
}

std::string markdown(const std::vector<Row>& rows) {
    bool symbols = false, settable = false;
    for (const auto& r : rows) symbols |= !r.symbol.empty(), settable |= r.settable;
    std::string out = std::string("| key |") + (symbols ? " symbol |" : "") +
                      " meaning | unit | default | allowed |" + (settable ? " `set` |" : "") +
                      "\n|---|" + (symbols ? "---|" : "") + "---|---|---|---|" +
                      (settable ? "---|" : "") + "\n";
    for (const auto& r : rows) {
        out += "| " + r.key + " |";
        if (symbols) out += " " + r.symbol + " |";
        out += " " + r.meaning + " | " + r.unit + " | " + r.default_value + " | " + r.allowed + " |";
        if (settable) out += r.settable ? " yes |" : " no |";
        out += "\n";
    }
    return out;
}

struct Block {
    std::string scope;
    std::size_t body_begin, body_end;  // the text between the marker lines
};

/// The marked blocks of a document, in order.
std::vector<Block> blocks_of(std::string_view doc, std::string_view doc_name) {
    const std::string open = "<!-- schema:", begin_tail = " begin -->", end_tail = " end -->";
    std::vector<Block> blocks;
    std::size_t line_no = 0, pos = 0;
    Block* pending = nullptr;
    const auto fail = [&](const std::string& what) {
        throw InputError(shown(doc_name) + ":" + std::to_string(line_no) + ": " + what);
    };
    while (pos < doc.size()) {
        ++line_no;
        const std::size_t eol = std::min(doc.find('\n', pos), doc.size());
        const std::string_view line = doc.substr(pos, eol - pos);
        const std::size_t next = eol + 1;
        if (line.starts_with(open)) {
            const auto rest = line.substr(open.size());
            if (rest.ends_with(begin_tail)) {
                if (pending) fail("schema block '" + pending->scope + "' is not closed");
                const std::string scope(rest.substr(0, rest.size() - begin_tail.size()));
                (void)rows_of_scope(scope);  // rejects an unknown scope
                blocks.push_back({scope, std::min(next, doc.size()), 0});
                pending = &blocks.back();
            } else if (rest.ends_with(end_tail)) {
                const std::string scope(rest.substr(0, rest.size() - end_tail.size()));
                if (!pending || pending->scope != scope)
                    fail("'<!-- schema:" + shown(scope) + " end -->' without its begin");
                pending->body_end = pos;
                pending = nullptr;
            }
        }
        pos = next;
    }
    if (pending) fail("schema block '" + pending->scope + "' is not closed (expected '" + open +
                      pending->scope + end_tail + "')");
    // A document that lost its markers would otherwise always look up to date.
    if (blocks.empty())
        throw InputError(shown(doc_name) + ": no schema blocks (expected lines '" + open +
                         "S begin -->' and '" + open + "S end -->')");
    return blocks;
}

/// A scalar key's value as a scenario file spells it.
template <class Spec>
std::string value_text(const Param<Spec>& p, const Spec& spec) {
    switch (p.kind) {
        case ParamKind::number: return format_number(spec.*p.number);
        case ParamKind::integer: return std::to_string(p.get_integer(spec));
        case ParamKind::choice: return "\"" + p.choices().at(p.get_choice(spec)) + "\"";
        case ParamKind::structured: break;
    }
    return {};
}

template <class Spec>
void add_changed(std::vector<std::string>& out, const std::string& scope,
                 const std::vector<Param<Spec>>& params, const Spec& spec) {
    const Spec defaults{};
    for (const auto& p : params) {
        if (!p.is_scalar()) continue;
        const std::string value = value_text(p, spec), fallback = value_text(p, defaults);
        if (value == fallback) continue;
        const bool has_unit = *p.unit && p.kind != ParamKind::choice && std::string_view(p.unit) != "integer";
        const std::string unit = has_unit ? std::string(" ") + p.unit : "";
        out.push_back(scope + "." + p.key + " = " + value + unit + " (default " + fallback + ")");
    }
}

}  // namespace

std::vector<std::string> parameters_set_away_from_defaults(const Scenario& s) {
    std::vector<std::string> out;
    add_changed(out, "globals", global_params(), s.globals);
    add_changed(out, "population", population_params(), s.population);
    return out;
}

const std::vector<std::string>& schema_scopes() {
    static const std::vector<std::string> scopes = {"top", "run", "calibration", "globals",
                                                    "population", "clouds", "vendors"};
    return scopes;
}

std::string schema_markdown(std::string_view scope) { return markdown(rows_of_scope(scope)); }

std::string with_schema_tables(std::string_view doc, std::string_view doc_name) {
    std::string out;
    std::size_t copied = 0;
    for (const Block& b : blocks_of(doc, doc_name)) {
        out.append(doc.substr(copied, b.body_begin - copied));
        out += schema_markdown(b.scope);
        copied = b.body_end;
    }
    out.append(doc.substr(copied));
    return out;
}

std::vector<std::string> stale_schema_tables(std::string_view doc, std::string_view doc_name) {
    std::vector<std::string> stale;
    for (const Block& b : blocks_of(doc, doc_name))
        if (doc.substr(b.body_begin, b.body_end - b.body_begin) != schema_markdown(b.scope))
            stale.push_back(b.scope);
    return stale;
}

}  // namespace moatsim
