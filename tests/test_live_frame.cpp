#include <catch2/catch.hpp>

#include <string>

#include "fixtures.hpp"
#include "market/parameters.hpp"
#include "viz/live_frame.hpp"
#include "xml_check.hpp"

using namespace moatsim;
using moatsim::test::count_of;

namespace {

TickRecord record(int tick, std::vector<double> shares) {
    TickRecord r;
    r.tick = tick;
    for (const double s : shares) r.clouds.push_back(CloudRecord{.share_workload = s});
    for (int m = 0; m < 3; ++m) r.vendors.push_back(VendorRecord{.share = 0.2 + 0.1 * m});
    return r;
}

// Display columns of a rendered line: escape sequences take none, UTF-8 code points one.
int visible_columns(const std::string& line) {
    int n = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\x1b') {
            while (i < line.size() && !(line[i] >= 'A' && line[i] <= 'Z') && !(line[i] >= 'a' && line[i] <= 'z' && line[i] != '\x1b'))
                ++i;
            continue;
        }
        n += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
    }
    return n;
}

Scenario with_event() {
    Scenario s = test::small_scenario(100, 24);
    s.events.push_back(Event{2, event::CatalogAdd{1, 0}, "X joins B", "x_on_b"});
    return s;
}

}  // namespace

TEST_CASE("live frame shows every cloud, the date, the shares and fired events", "[live]") {
    const Scenario s = with_event();
    LiveFrame f = live_frame_for(s);
    record_tick(f, s, record(0, {0.5, 0.3, 0.2}));
    record_tick(f, s, record(1, {0.45, 0.35, 0.2}));
    record_tick(f, s, record(2, {0.4, 0.4, 0.2}));
    f.status = "paused";
    const std::string frame = render_frame(f, {100, 30}, false);
    for (const auto& c : s.clouds) CHECK(count_of(frame, "\r\n " + c.name + "    ") == 1);  // a row each
    CHECK(count_of(frame, "2025-03") >= 1);      // tick 2 of a 2025-01 start
    CHECK(count_of(frame, "month 2 of 24") == 1);
    CHECK(count_of(frame, "40.0%") >= 1);
    CHECK(count_of(frame, "X joins B [x_on_b: catalog_add X on B]") == 1);
    CHECK(count_of(frame, "paused") == 1);
    CHECK(count_of(frame, "q quit") == 1);
    CHECK(frame.starts_with("\x1b[H"));
    const std::string coloured = render_frame(f, {100, 30});
    CHECK(count_of(coloured, "\x1b[1;38;5;32mA\x1b[0m") == 1);  // first cloud in Okabe-Ito blue
    CHECK(count_of(coloured, "2025-03") >= 1);
}

TEST_CASE("live frame fits the terminal", "[live]") {
    const Scenario s = with_event();
    LiveFrame f = live_frame_for(s);
    for (int t = 0; t <= 24; ++t) record_tick(f, s, record(t, {0.5 - 0.01 * t, 0.3 + 0.01 * t, 0.2}));
    for (const TerminalSize size : {TerminalSize{80, 24}, TerminalSize{40, 10}, TerminalSize{200, 60}, TerminalSize{20, 3}}) {
        const std::string frame = render_frame(f, size, false);
        std::size_t lines = 0, start = 0;
        while (start <= frame.size()) {
            const std::size_t end = std::min(frame.find("\r\n", start), frame.size());
            CHECK(visible_columns(frame.substr(start, end - start)) <= size.columns);
            ++lines;
            start = end + 2;
        }
        CHECK(lines <= static_cast<std::size_t>(size.rows));
        CHECK(count_of(frame, "\x1b[38;5") == 0);  // colour off
    }
}

TEST_CASE("plain lines: date and each cloud's share, events, no escape codes", "[live]") {
    const Scenario s = with_event();
    LiveFrame f = live_frame_for(s);
    record_tick(f, s, record(0, {0.5, 0.3, 0.2}));
    CHECK(plain_tick_line(f) == "2025-01  A 50.0%  B 30.0%  C 20.0%");
    record_tick(f, s, record(1, {0.5, 0.3, 0.2}));
    record_tick(f, s, record(2, {0.5, 0.3, 0.2}));
    REQUIRE(f.events.size() == 1);
    CHECK(plain_event_line(f, f.events[0]) == "2025-03: X joins B [x_on_b: catalog_add X on B]");
    CHECK(plain_tick_line(f).find('\x1b') == std::string::npos);
    CHECK(plain_event_line(f, f.events[0]).find('\x1b') == std::string::npos);
}

TEST_CASE("event text without a note names the kind and subject", "[live]") {
    Scenario s = test::small_scenario(100, 24);
    Event e{3, make_set(s, "globals.review_rate", 0.25)};
    CHECK(event_text(s, e) == "set globals.review_rate = 0.25");
    e.id = "faster_reviews";
    CHECK(event_text(s, e) == "set globals.review_rate = 0.25 [faster_reviews]");
}

TEST_CASE("sparkline spans the values' range and keeps the last width values", "[live]") {
    CHECK(sparkline({0, 1, 2, 3, 4, 5, 6, 7}, 8) == "▁▂▃▄▅▆▇█");
    CHECK(sparkline({0, 1, 2, 3, 4, 5, 6, 7}, 2) == "▁█");
    CHECK(sparkline({0.3, 0.3}, 5) == "▅▅");
    CHECK(sparkline({}, 5).empty());
}

// Issue 12, "the terminal view, too": one stated scale, wrapped events, the catalog and prices.
namespace {

// The lines of a frame rendered without colour, split at "\r\n" (the first keeps "\x1b[H").
std::vector<std::string> frame_lines(const std::string& frame) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= frame.size()) {
        const std::size_t end = std::min(frame.find("\r\n", start), frame.size());
        std::string line = frame.substr(start, end - start);
        if (const auto k = line.find("\x1b[K"); k != std::string::npos) line.erase(k);
        lines.push_back(line);
        start = end + 2;
    }
    return lines;
}

// The line that starts with prefix ("" if none).
std::string line_starting(const std::string& frame, const std::string& prefix) {
    for (const auto& l : frame_lines(frame))
        if (l.starts_with(prefix)) return l;
    return {};
}

TickRecord priced_record(int tick, std::vector<double> shares, std::vector<double> prices) {
    TickRecord r = record(tick, std::move(shares));
    for (std::size_t k = 0; k < r.clouds.size() && k < prices.size(); ++k) r.clouds[k].price = prices[k];
    return r;
}

}  // namespace

TEST_CASE("sparkline on a fixed scale: a small move stays small, values outside are clamped", "[live]") {
    CHECK(sparkline({0.300, 0.305}, 2, 0.0, 0.5) == "▅▅");  // 0.5 points of a 0-50% scale
    CHECK(sparkline({0.0, 0.5}, 2, 0.0, 0.5) == "▁█");
    CHECK(sparkline({-1.0, 2.0}, 2, 0.0, 1.0) == "▁█");
    CHECK(sparkline({0.1, 0.2, 0.3}, 2, 0.0, 1.0).size() == sparkline({0.2, 0.3}, 2, 0.0, 1.0).size());
}

TEST_CASE("live sparklines share one stated scale: a 0.5-point move is not drawn full height", "[live]") {
    const Scenario s = test::small_scenario(100, 24);
    LiveFrame f = live_frame_for(s);
    std::vector<double> a_history;
    for (int t = 0; t <= 10; ++t) {
        const double a = 0.300 + 0.0005 * t;  // 30.0% to 30.5%
        a_history.push_back(a);
        record_tick(f, s, record(t, {a, 0.45, 0.55 - a}));
    }
    // The per-row range the old view used would have drawn this move from ▁ to █.
    REQUIRE(sparkline(a_history, 40).find("█") != std::string::npos);
    const std::string frame = render_frame(f, {100, 30}, false);
    CHECK(count_of(frame, "one scale, 0 to 50%") == 1);  // the scale is stated
    const std::string a_row = line_starting(frame, " A ");
    REQUIRE(!a_row.empty());
    const std::string spark = a_row.substr(a_row.find("30.5%") + 5);
    CHECK(count_of(spark, "▅") == 11);  // every month at the same height, 30% of 0-50%
    for (const char* level : {"▁", "▂", "▃", "▄", "▆", "▇", "█"}) CHECK(count_of(spark, level) == 0);
    CHECK(count_of(a_row, "+0.5 pts") == 1);  // the move itself, in points
    // B at 45% sits higher on the same scale: rows can be compared.
    const std::string b_row = line_starting(frame, " B ");
    CHECK(count_of(b_row.substr(b_row.find("45.0%") + 5), "▇") == 11);
}

TEST_CASE("wrap_words keeps every word and splits only words longer than a line", "[live]") {
    const std::string text = "Claude on Microsoft Foundry (2025-11-18; SOURCES.md §3.1) [claude_on_foundry: catalog_add Anthropic on Azure]";
    const auto lines = wrap_words(text, 30);
    REQUIRE(lines.size() > 1);
    std::string joined;
    for (const auto& l : lines) {
        CHECK(visible_columns(l) <= 30);
        joined += (joined.empty() ? "" : " ") + l;
    }
    CHECK(joined == text);
    const auto split = wrap_words("ab " + std::string(25, 'x') + " cd", 10);
    CHECK(split == std::vector<std::string>{"ab", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxx cd"});
    CHECK(wrap_words("", 10).empty());
    CHECK(wrap_words("a note\nover two\tlines", 40) == std::vector<std::string>{"a note over two lines"});
}

TEST_CASE("live frame wraps a long event line within the width and loses no text", "[live]") {
    Scenario s = test::small_scenario(100, 24);
    Event e{1, event::CatalogAdd{1, 0}};
    e.id = "long_note";
    e.note = "A long note that a teacher wrote to explain to the class what happens in this month, "
             "with a source https://example.org/a-very-long-address-that-is-longer-than-a-line-of-the-terminal-view "
             "and the end of the note";
    s.events.push_back(e);
    LiveFrame f = live_frame_for(s);
    record_tick(f, s, record(0, {0.5, 0.3, 0.2}));
    record_tick(f, s, record(1, {0.5, 0.3, 0.2}));
    REQUIRE(f.events.size() == 1);
    const int width = 60;
    const std::string frame = render_frame(f, {width, 40}, false);
    const auto lines = frame_lines(frame);
    std::string shown;
    bool in_events = false;
    int event_lines = 0;
    for (const auto& l : lines) {
        CHECK(visible_columns(l) <= width);
        if (l == " Events") { in_events = true; continue; }
        if (!in_events || l.empty() || l.starts_with(" space")) continue;
        REQUIRE(l.size() > 10);
        CHECK((l.starts_with(" 2025-02  ") || l.starts_with("          ")));  // the date, then indented lines
        shown += l.substr(10);
        ++event_lines;
    }
    CHECK(event_lines >= 4);
    // Every character is on screen, in order (only the spaces where lines break are gone).
    std::string text = f.events[0].text;
    std::erase(text, ' ');
    std::erase(shown, ' ');
    CHECK(shown == text);
    CHECK(count_of(frame, "and the end of the note [long_note:") + count_of(frame, "the note") >= 1);
}

TEST_CASE("live frame shows the catalog grid with prices, following catalog events", "[live]") {
    const Scenario s = with_event();  // adds vendor X to cloud B at tick 2
    LiveFrame f = live_frame_for(s);
    // P_km = p_k (1 - d_k port_km) + mu_m (ODD 7.1): A has d = 0.3 and ports X and Z by half;
    // X and Y have margin 3, Z 0.5; A offers X Y Z, B offers Y Z, C offers Z.
    record_tick(f, s, priced_record(0, {0.5, 0.3, 0.2}, {4.0, 4.5, 3.0}), s.clouds, s.vendors);
    std::string frame = render_frame(f, {100, 30}, false);
    CHECK(count_of(frame, "$4.00") == 1);  // GPU list prices beside the shares
    CHECK(count_of(frame, "$4.50") == 1);
    CHECK(count_of(frame, "$3.00") == 1);
    CHECK(line_starting(frame, " X ").ends_with("   6.40      ·      ·"));
    CHECK(line_starting(frame, " Y ").ends_with("   7.00   7.50      ·"));
    CHECK(line_starting(frame, " Z ").ends_with("   3.90   5.00   3.50"));
    CHECK(count_of(frame, "      A      B      C") == 1);  // the grid's column heads
    CHECK(count_of(frame, "· not offered") == 1);

    // Tick 2: the event puts X on B; the live parameters (as LiveReplicate::clouds() returns
    // them after the event) show it in the grid, at the row's prices.
    std::vector<CloudSpec> clouds = s.clouds;
    clouds[1].offers[0] = 1;
    record_tick(f, s, priced_record(1, {0.5, 0.3, 0.2}, {4.0, 4.5, 3.0}), s.clouds, s.vendors);
    record_tick(f, s, priced_record(2, {0.5, 0.3, 0.2}, {3.8, 4.5, 3.0}), clouds, s.vendors);
    frame = render_frame(f, {100, 30}, false);
    CHECK(line_starting(frame, " X ").ends_with("   6.23   7.50      ·"));  // 3.8 * 0.85 + 3
    CHECK(count_of(frame, "$3.80") == 1);
    CHECK(count_of(frame, "$4.00") == 0);
}

TEST_CASE("live scale grows to the largest share shown, vendors included, and says so", "[live]") {
    const Scenario s = test::small_scenario(100, 24);
    LiveFrame f = live_frame_for(s);
    TickRecord r = record(0, {0.4, 0.35, 0.25});
    r.vendors[2].share = 0.72;  // one vendor above the 50% default
    record_tick(f, s, r);
    const std::string frame = render_frame(f, {100, 30}, false);
    CHECK(count_of(frame, "one scale, 0 to 80%") == 1);
    // Its bar is 0.72 / 0.8 of the full width, not clamped to it: Z's bar is shorter than
    // the full-width run of cells (bar_w = 35 at 100 columns).
    const std::string z_row = line_starting(frame, " Z ");
    CHECK(count_of(z_row, "█") == 31);  // 0.9 * 35 = 31.5 cells: 31 full, one partial
}
