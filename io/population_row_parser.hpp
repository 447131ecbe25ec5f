#pragma once
// The population file's row parser (io/population_csv_reader.cpp): one per parallel piece of
// the file, it parses data lines into rows the Population already holds. Internal to io/;
// kept in a header so the per-field code inlines into the reader's loop.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "agents/population.hpp"
#include "core/input_text.hpp"
#include "io/population_csv_format.hpp"

namespace moatsim::detail {

// Parses data lines into population rows that already exist. One per parallel piece.
class RowParser {
public:
    RowParser(const std::vector<Column>& cols, const std::vector<std::string>& clouds,
              Population& pop)
        : cols_(cols), clouds_(clouds), pop_(pop) {
        for (const Column& col : cols) {
            // Tastes are row-major: vendor m of row i is at taste[i * M + m].
            const bool taste = col.field == Field::taste;
            attributes_.push_back({col.field == Field::size    ? pop.demand.data()
                                   : col.field == Field::alpha ? pop.alpha.data()
                                   : col.field == Field::beta  ? pop.beta.data()
                                   : col.field == Field::phi   ? pop.phi.data()
                                   : taste ? pop.taste.data() + col.vendor
                                           : nullptr,
                                   taste ? pop.vendors : 1});
        }
    }

    /// Parses [b, e) (no line end) into row `row`; returns false and sets error otherwise.
    bool parse(const char* b, const char* e, std::size_t row, std::string& error) {
        const char* p = b;
        for (std::size_t c = 0; c < cols_.size(); ++c) {
            if (c != 0) {
                if (p == e) return field_count(b, e, error);
                ++p;  // the comma
            }
            while (p != e && is_blank(*p)) ++p;
            bool ok = false;
            if (p == e || *p != '"') {
                ok = field(c, p, e, false, row, error);
            } else {  // rare: unquote into scratch_, then parse that as the whole field
                std::string_view text;
                if (const Scan scan = scan_field(p, e, text, scratch_); scan != Scan::ok) {
                    error = "column '" + cols_[c].name + "': " +
                            (scan == Scan::unterminated ? "quoted field not closed on this line"
                                                        : "unexpected text after a closing quote");
                    return false;
                }
                const char* t = text.data();
                ok = field(c, t, text.data() + text.size(), true, row, error);
            }
            // A row with a field too few or too many shifts values under the wrong headers;
            // say so rather than give the confusing message of a shifted value.
            if (!ok) return count_fields(b, e) == cols_.size() ? false : field_count(b, e, error);
        }
        return p == e || field_count(b, e, error);
    }

private:
    bool field_count(const char* b, const char* e, std::string& error) const {
        const std::string want = std::to_string(cols_.size());
        error = std::all_of(b, e, is_blank)
                    ? "empty line (expected " + want + " fields)"
                    : "expected " + want + " fields, got " + std::to_string(count_fields(b, e));
        return false;
    }

    // Parses column c's field at p (blanks skipped; `whole`: the field is exactly [p, e)) in
    // place: from_chars finds the end of a number itself, so the common case costs no
    // separate scan. On success p is left on the ',' or end after the field.
    bool field(std::size_t c, const char*& p, const char* e, bool whole, std::size_t row,
               std::string& error) {
        const Column& col = cols_[c];
        const auto field_end = [&](const char* q) -> const char* {
            while (q != e && is_blank(*q)) ++q;
            return q == e || (!whole && *q == ',') ? q : nullptr;
        };
        const char* stop = nullptr;
        bool infinite = false, overflow = false;  // overflow: too large for a float
        switch (col.field) {
            case Field::id: {
                std::uint64_t id = 0;
                const auto [q, ec] = std::from_chars(p, e, id);
                if (ec == std::errc{} && (stop = field_end(q)) != nullptr) pop_.id[row] = id;
                break;
            }
            case Field::home_cloud: {
                const std::string_view name = trimmed(p, stop = whole ? e : comma_or_end(p, e));
                const auto k = static_cast<std::size_t>(
                    std::find(clouds_.begin(), clouds_.end(), name) - clouds_.begin());
                if (k < clouds_.size())
                    pop_.home[row] = static_cast<std::uint8_t>(k);
                else
                    stop = nullptr;
                break;
            }
            case Field::adopted:
                if (p != e && (*p == '0' || *p == '1') && (stop = field_end(p + 1)) != nullptr)
                    pop_.adopted[row] = *p == '1' ? 1 : 0;
                break;
            default: {
                // Parsed straight into the stored type, so a file this program wrote reads
                // back bit for bit (no double-then-float rounding).
                Attribute v = 0;
                auto [q, ec] = std::from_chars(p, e, v);
                if (ec == std::errc::result_out_of_range) {  // overflow, or a tiny value
                    double wide = 0.0;
                    const auto parsed = std::from_chars(p, e, wide);
                    if (parsed.ec == std::errc{} && std::abs(wide) < 1.0) {
                        v = static_cast<Attribute>(wide);  // underflow: 0 or a subnormal
                        ec = std::errc{};
                    }
                }
                // from_chars reads "inf" and "nan" and reports overflow as out of range; any
                // of them would poison every sum in the model.
                overflow = ec == std::errc::result_out_of_range;
                infinite = overflow ||
                           (ec == std::errc{} && !std::isfinite(v));
                if (ec == std::errc{} && !infinite && (col.field == Field::taste || v >= 0.0) &&
                    (stop = field_end(q)) != nullptr)
                    attributes_[c].at[row * attributes_[c].stride] = v;
            }
        }
        if (stop != nullptr) {
            p = stop;
            return true;
        }
        const std::string expected =
            col.field == Field::id ? "an unsigned 64-bit integer"
            : col.field == Field::home_cloud
                ? "the name of a cloud in the scenario (" + joined(clouds_, ", ") + ")"
            : col.field == Field::adopted ? "0 or 1"
                                          : std::string(infinite && !overflow ? "a finite number" : "a number") +
                                                (col.field == Field::taste ? "" : " >= 0") +
                                                (overflow ? " within the range of a 32-bit float "
                                                            "(|x| <= 3.4e38)"
                                                          : "");
        const std::string_view text = trimmed(p, whole ? e : comma_or_end(p, e));
        error = "column '" + col.name + "': expected " + expected + ", got '" + shown(text, 40) +
                (overflow ? "' (out of range)" : "'");
        return false;
    }

    static const char* comma_or_end(const char* p, const char* e) {
        const void* comma = std::memchr(p, ',', static_cast<std::size_t>(e - p));
        return comma != nullptr ? static_cast<const char*>(comma) : e;
    }
    static std::string_view trimmed(const char* p, const char* stop) {
        while (stop != p && is_blank(stop[-1])) --stop;
        return {p, static_cast<std::size_t>(stop - p)};
    }

    const std::vector<Column>& cols_;
    const std::vector<std::string>& clouds_;
    Population& pop_;
    struct AttributeColumn {
        Attribute* at;       // row 0's value (null for the non-numeric columns)
        std::size_t stride;  // between rows
    };
    std::vector<AttributeColumn> attributes_;  // per file column
    std::string scratch_;
};

}  // namespace moatsim::detail
