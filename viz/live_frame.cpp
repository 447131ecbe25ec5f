#include "viz/live_frame.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string_view>

namespace moatsim {
namespace {

// Okabe-Ito (palette.hpp) on the xterm 256-colour cube, lightened where the original is too
// dark for a black terminal: blue, orange, bluish green, vermillion, purple, sky blue, grey.
constexpr std::array<int, 7> cloud_colours = {32, 214, 36, 166, 175, 74, 250};
constexpr int dim = 245;
constexpr int highlight = 220;

// Display columns of UTF-8 text (one per code point: the block characters used here are
// single-width).
int columns_of(std::string_view s) {
    int n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// The first `cols` code points of s.
std::string cut(std::string_view s, int cols) {
    std::size_t i = 0;
    int n = 0;
    while (i < s.size()) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (n == cols) break;
            ++n;
        }
        ++i;
    }
    return std::string(s.substr(0, i));
}

struct Segment {
    std::string text;
    int colour = -1;  // 256-colour index, -1 = default
    bool bold = false;
};

class Line {
public:
    Line& add(std::string text, int colour = -1, bool bold = false) {
        width_ += columns_of(text);
        segments_.push_back({std::move(text), colour, bold});
        return *this;
    }
    // Adds text only if the line then still fits in max_cols: for optional notes that
    // would read wrongly when cut.
    Line& add_if_fits(std::string text, int max_cols, int colour = -1) {
        if (width_ + columns_of(text) <= max_cols) add(std::move(text), colour);
        return *this;
    }
    Line& pad_to(int col) {
        if (col > width_) add(std::string(static_cast<std::size_t>(col - width_), ' '));
        return *this;
    }
    [[nodiscard]] int width() const { return width_; }
    [[nodiscard]] std::string render(int max_cols, bool colour) const {
        std::string out;
        int used = 0;
        for (const auto& s : segments_) {
            if (used >= max_cols) break;
            const std::string text = cut(s.text, max_cols - used);
            used += columns_of(text);
            const bool styled = colour && (s.colour >= 0 || s.bold);
            if (styled) {
                out += "\x1b[";
                if (s.bold) out += "1";
                if (s.colour >= 0) out += fmt::format("{}38;5;{}", s.bold ? ";" : "", s.colour);
                out += "m";
            }
            out += text;
            if (styled) out += "\x1b[0m";
        }
        return out;
    }

private:
    std::vector<Segment> segments_;
    int width_ = 0;
};

// A horizontal bar of `width` cells for fraction v of full, in eighths of a cell.
std::string bar(double v, double full, int width) {
    static constexpr std::array<const char*, 8> partial = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    const double cells = std::clamp(full > 0 ? v / full : 0.0, 0.0, 1.0) * width;
    const int eighths = static_cast<int>(std::lround(cells * 8));
    std::string out;
    for (int i = 0; i < eighths / 8; ++i) out += "█";
    out += partial[static_cast<std::size_t>(eighths % 8)];
    return out;
}

std::string subject_of(const Scenario& s, const Event& e) {
    const int k = cloud_of(e), m = vendor_of(e);
    const std::string cloud = k >= 0 ? s.clouds[static_cast<std::size_t>(k)].name : "";
    const std::string vendor = m >= 0 ? s.vendors[static_cast<std::size_t>(m)].name : "";
    return std::visit(
        Overloaded{
            [](const event::Set& p) { return fmt::format("{} = {}", p.parameter, p.value); },
            [&](const event::CatalogAdd&) { return vendor + " on " + cloud; },
            [&](const event::CatalogRemove&) { return vendor + " on " + cloud; },
            [&](const event::Port& p) {
                return fmt::format("{} on {} own silicon {}", vendor, cloud, p.fraction);
            },
            [&](const event::TrainingSplit&) { return vendor; },
            [&](const event::Funding& p) {
                return fmt::format("{} ${}/month for {} months", vendor, p.amount, p.months);
            },
            [](const event::GpuShock& p) {
                return fmt::format("GPU supply x{} for {} months", p.factor, p.months);
            },
        },
        e.payload);
}

std::string date_of(const LiveFrame& f, int tick) { return f.start.plus_months(tick).to_string(); }

double current(const LiveSeries& s) { return s.history.empty() ? std::nan("") : s.history.back(); }

std::string percent(double v) { return std::isfinite(v) ? fmt::format("{:5.1f}%", 100 * v) : "    -"; }

}  // namespace

LiveFrame live_frame_for(const Scenario& scenario) {
    LiveFrame f;
    f.scenario = scenario.name;
    f.start = scenario.start;
    f.ticks = scenario.run.ticks;
    for (const auto& c : scenario.clouds) f.clouds.push_back({c.name, {}});
    for (const auto& v : scenario.vendors) f.vendors.push_back({v.name, {}});
    return f;
}

void record_tick(LiveFrame& f, const Scenario& scenario, const TickRecord& r,
                 const std::vector<CloudSpec>& clouds, const std::vector<VendorSpec>& vendors) {
    f.tick = r.tick;
    for (std::size_t k = 0; k < f.clouds.size() && k < r.clouds.size(); ++k) {
        f.clouds[k].history.push_back(r.clouds[k].share_workload);
        f.clouds[k].price = r.clouds[k].price;
    }
    for (std::size_t m = 0; m < f.vendors.size() && m < r.vendors.size(); ++m)
        f.vendors[m].history.push_back(r.vendors[m].share);
    // The grid: ODD section 7.1's P_km with this row's list price (the record's, not the
    // cloud's live price, which the markup rule has already moved on for the next month).
    f.pair_price.assign(f.clouds.size(), std::vector<double>(f.vendors.size(), std::nan("")));
    for (std::size_t k = 0; k < f.clouds.size() && k < clouds.size() && k < r.clouds.size(); ++k) {
        const CloudSpec& c = clouds[k];
        for (std::size_t m = 0; m < f.vendors.size() && m < vendors.size(); ++m) {
            if (m >= c.offers.size() || !c.offers[m]) continue;
            const double port = m < c.port.size() ? c.port[m] : 0.0;
            f.pair_price[k][m] = r.clouds[k].price * (1.0 - c.silicon_discount * port) + vendors[m].margin;
        }
    }
    for (const auto& e : scenario.events)
        if (e.tick == r.tick) f.events.push_back({e.tick, event_text(scenario, e)});
}

void record_tick(LiveFrame& f, const Scenario& scenario, const TickRecord& r) {
    record_tick(f, scenario, r, scenario.clouds, scenario.vendors);
}

std::string event_text(const Scenario& scenario, const Event& e) {
    const std::string kind(to_string(e.kind()));
    const std::string subject = subject_of(scenario, e);
    const std::string what = kind + (subject.empty() ? "" : " " + subject);
    if (e.note.empty()) return e.id.empty() ? what : what + " [" + e.id + "]";
    return e.note + " [" + (e.id.empty() ? "" : e.id + ": ") + what + "]";
}

namespace {
const std::array<const char*, 8> spark_levels = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

// Level 0..7 of v on [lo, hi]; t in [0, 1] when v is in range.
const char* spark_level(double v, double lo, double hi) {
    const double t = hi - lo > 1e-12 ? (v - lo) / (hi - lo) : 0.5;
    return spark_levels[static_cast<std::size_t>(std::clamp(std::lround(t * 7), 0L, 7L))];
}

std::size_t first_shown(const std::vector<double>& values, std::size_t width) {
    return values.size() > width ? values.size() - width : 0;
}
}  // namespace

std::string sparkline(const std::vector<double>& values, std::size_t width) {
    if (width == 0 || values.empty()) return {};
    const std::size_t first = first_shown(values, width);
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t i = first; i < values.size(); ++i)
        if (std::isfinite(values[i])) lo = std::min(lo, values[i]), hi = std::max(hi, values[i]);
    return sparkline(values, width, lo, hi);
}

std::string sparkline(const std::vector<double>& values, std::size_t width, double lo, double hi) {
    if (width == 0 || values.empty()) return {};
    std::string out;
    for (std::size_t i = first_shown(values, width); i < values.size(); ++i)
        out += std::isfinite(values[i]) ? spark_level(values[i], lo, hi) : " ";
    return out;
}

std::vector<std::string> wrap_words(std::string_view text, int width) {
    width = std::max(width, 1);
    std::vector<std::string> lines;
    std::string line;
    const auto flush = [&] {
        if (!line.empty()) lines.push_back(std::move(line));
        line.clear();
    };
    // Notes may hold newlines and tabs (market/toml_reader.cpp allows them in prose); on a
    // terminal they would move the cursor, so they break words like spaces.
    constexpr std::string_view blanks = " \t\n\r";
    std::size_t i = 0;
    while (i < text.size()) {
        if (blanks.find(text[i]) != std::string_view::npos) { ++i; continue; }
        const std::size_t end = std::min(text.find_first_of(blanks, i), text.size());
        std::string_view word = text.substr(i, end - i);
        i = end;
        const int used = columns_of(line);
        if (!line.empty() && used + 1 + columns_of(word) <= width) {
            line += ' ';
            line += word;
            continue;
        }
        flush();
        while (columns_of(word) > width) {  // longer than a line: split it
            const std::string head = cut(word, width);
            lines.push_back(head);
            word.remove_prefix(head.size());
        }
        line = std::string(word);
    }
    flush();
    return lines;
}

std::string render_frame(const LiveFrame& f, TerminalSize size, bool colour) {
    const int cols = std::max(size.columns, 20), rows = std::max(size.rows, 3);
    std::vector<Line> lines;
    const std::string when = f.tick >= 0 ? date_of(f, f.tick) : f.start.to_string();

    // Title and clock.
    Line title;
    title.add(" moatsim live", -1, true).add("  " + f.scenario, dim);
    const std::string clock = fmt::format("{}  month {} of {} ", when, std::max(f.tick, 0), f.ticks);
    title.pad_to(std::max(title.width() + 2, cols - columns_of(clock))).add(clock, -1, true);
    lines.push_back(title);
    lines.push_back(Line().add(" " + f.status, dim));
    lines.emplace_back();

    // Clouds: name, bar, share, sparkline of the history, change since row 0, GPU price.
    // Bars and sparklines share one scale, 0 to `full`, for every row and the whole history
    // shown: a row's sparkline rescaled to its own range would draw a 0.5-point wobble as a
    // full-height swing (the complaint of issue 12).
    int name_w = 6;
    for (const auto& c : f.clouds) name_w = std::max(name_w, std::min(columns_of(c.name), 14));
    const int bar_w = std::clamp((cols - name_w - 24) / 2, 8, 40);
    const int tail_w = 20;  // " +0.5 pts  $3.90" after the sparkline
    const int spark_w = cols - (1 + name_w + 1 + bar_w + 1 + 6 + 2) - tail_w;
    double full = 0.5;
    for (const auto& c : f.clouds)
        for (std::size_t i = first_shown(c.history, static_cast<std::size_t>(std::max(spark_w, 1))); i < c.history.size(); ++i)
            if (std::isfinite(c.history[i])) full = std::max(full, std::ceil(c.history[i] * 10 - 1e-9) / 10);
    for (const auto& v : f.vendors)  // the vendor bars below use the same scale
        if (std::isfinite(current(v))) full = std::max(full, std::ceil(current(v) * 10 - 1e-9) / 10);
    lines.push_back(Line().add(" Workload share by cloud", -1, true)
                        .add(fmt::format("   bars, sparklines: one scale, 0 to {:.0f}%", 100 * full), dim)
                        .add_if_fits(fmt::format("   pts since {}", f.start.to_string()), cols, dim)
                        .add_if_fits("   GPU $/unit", cols, dim));
    for (std::size_t k = 0; k < f.clouds.size(); ++k) {
        const auto& c = f.clouds[k];
        const int hue = cloud_colours[k % cloud_colours.size()];
        Line l;
        l.add(" ").add(cut(c.name, name_w), hue, true).pad_to(1 + name_w + 1);
        l.add(bar(current(c), full, bar_w), hue).pad_to(1 + name_w + 1 + bar_w + 1);
        l.add(percent(current(c)), -1, true).add("  ");
        if (spark_w >= 6 && !c.history.empty()) {
            l.add(sparkline(c.history, static_cast<std::size_t>(spark_w), 0.0, full), hue);
            l.pad_to(1 + name_w + 1 + bar_w + 1 + 6 + 2 + spark_w);
            const double moved = 100 * (current(c) - c.history.front());
            if (std::isfinite(moved)) l.add(fmt::format(" {:+5.1f} pts", std::abs(moved) < 0.05 ? 0.0 : moved), dim);
        }
        if (std::isfinite(c.price)) l.add(fmt::format("  ${:.2f}", c.price));
        lines.push_back(l);
    }

    // The events to show, wrapped: the latest first, whole, as many as fit later on.
    const int event_indent = 10;  // " 2025-08  "
    const int event_w = std::max(cols - event_indent, 8);
    std::vector<std::vector<std::string>> wrapped(f.events.size());
    for (std::size_t i = 0; i < f.events.size(); ++i) wrapped[i] = wrap_words(f.events[i].text, event_w);
    int event_reserve = 0;  // lines kept for the two latest events, at most a fifth of the screen
    for (std::size_t i = f.events.size(), n = 0; i > 0 && n < 2; --i, ++n)
        event_reserve += static_cast<int>(wrapped[i - 1].size());
    event_reserve = std::min(event_reserve, std::max(2, rows / 5));

    // What is left goes to vendors (top shares first) with the catalog grid, then events.
    const int footer = 2;  // blank + keys
    int left = rows - static_cast<int>(lines.size()) - footer;
    const int vendor_rows = std::min<int>(static_cast<int>(f.vendors.size()),
                                          left - (event_reserve > 0 ? event_reserve + 2 : 0) - 3);
    if (vendor_rows >= 2) {
        lines.emplace_back();
        lines.push_back(Line().add(" Model vendors", -1, true)
                            .add("   share of served workload", dim)
                            .add_if_fits("   $/unit per cloud (· not offered)", cols, dim));
        std::vector<std::size_t> order(f.vendors.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const double x = current(f.vendors[a]), y = current(f.vendors[b]);
            return (std::isfinite(x) ? x : -1) > (std::isfinite(y) ? y : -1);
        });
        int vname_w = 6;
        for (const auto& v : f.vendors) vname_w = std::max(vname_w, std::min(columns_of(v.name), 14));
        int cell_w = 7;  // "  12.34", or a cloud name right-aligned
        for (const auto& c : f.clouds) cell_w = std::max(cell_w, std::min(columns_of(c.name), 12) + 1);
        const int grid_w = cell_w * static_cast<int>(f.clouds.size());
        const int vbar_w = std::clamp(cols - (1 + vname_w + 1) - (1 + 6 + 2) - grid_w, 4, bar_w);
        const int grid_at = 1 + vname_w + 1 + vbar_w + 1 + 6 + 2;
        Line heads;
        heads.pad_to(grid_at);
        for (std::size_t k = 0; k < f.clouds.size(); ++k) {
            const std::string name = cut(f.clouds[k].name, cell_w - 1);
            heads.add(std::string(static_cast<std::size_t>(cell_w - columns_of(name)), ' '))
                .add(name, cloud_colours[k % cloud_colours.size()]);
        }
        lines.push_back(heads);
        for (int i = 0; i < vendor_rows; ++i) {
            const std::size_t m = order[static_cast<std::size_t>(i)];
            const auto& v = f.vendors[m];
            Line l;
            l.add(" ").add(cut(v.name, vname_w)).pad_to(1 + vname_w + 1);
            l.add(bar(current(v), full, vbar_w), dim).pad_to(1 + vname_w + 1 + vbar_w + 1);
            l.add(percent(current(v))).pad_to(grid_at);
            for (std::size_t k = 0; k < f.clouds.size(); ++k) {
                const double p = k < f.pair_price.size() && m < f.pair_price[k].size() ? f.pair_price[k][m] : std::nan("");
                if (std::isfinite(p)) l.add(fmt::format("{:>{}.2f}", p, cell_w));
                else l.add(std::string(static_cast<std::size_t>(cell_w - 1), ' ')).add("·", dim);
            }
            lines.push_back(l);
        }
    }
    left = rows - static_cast<int>(lines.size()) - footer;
    if (!f.events.empty() && left >= 3) {
        lines.emplace_back();
        lines.push_back(Line().add(" Events", -1, true));
        // The latest events that fit whole (at least the latest, cut if even it does not).
        const int room = left - 2;
        std::size_t first = f.events.size() - 1;
        int used = static_cast<int>(wrapped[first].size());
        while (first > 0 && used + static_cast<int>(wrapped[first - 1].size()) <= room)
            used += static_cast<int>(wrapped[--first].size());
        int shown = 0;
        for (std::size_t i = first; i < f.events.size() && shown < room; ++i) {
            const auto& e = f.events[i];
            const bool now = e.tick == f.tick;
            const int text_colour = now ? highlight : -1;
            for (std::size_t j = 0; j < wrapped[i].size() && shown < room; ++j, ++shown) {
                Line l;
                if (j == 0) l.add(" " + date_of(f, e.tick) + "  ", now ? highlight : dim, now);
                l.pad_to(event_indent).add(wrapped[i][j], text_colour, now);
                lines.push_back(l);
            }
        }
    }
    while (static_cast<int>(lines.size()) < rows - 1) lines.emplace_back();
    lines.push_back(Line().add(" space", -1, true).add(" pause/resume  ", dim).add("n", -1, true)
                        .add(" or ", dim).add("→", -1, true).add(" step  ", dim).add("+ -", -1, true)
                        .add(" faster/slower  ", dim).add("q", -1, true).add(" quit", dim));
    if (static_cast<int>(lines.size()) > rows) lines.erase(lines.begin() + (rows - 1), lines.end() - 1);

    std::string out = "\x1b[H";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += lines[i].render(cols, colour);
        out += "\x1b[K";
        if (i + 1 < lines.size()) out += "\r\n";
    }
    return out + "\x1b[J";
}

std::string plain_tick_line(const LiveFrame& f) {
    std::string out = date_of(f, std::max(f.tick, 0));
    for (const auto& c : f.clouds) out += fmt::format("  {} {:.1f}%", c.name, 100 * current(c));
    return out;
}

std::string plain_event_line(const LiveFrame& f, const LiveEvent& e) { return date_of(f, e.tick) + ": " + e.text; }

}  // namespace moatsim
