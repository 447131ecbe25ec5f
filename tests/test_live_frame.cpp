#include <catch2/catch.hpp>

#include <string>

#include "fixtures.hpp"
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
    Event e = test::event(Event::Kind::catalog_add, 2, 1, 0);
    e.id = "x_on_b";
    e.note = "X joins B";
    s.events.push_back(e);
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
    Event e = test::event(Event::Kind::set, 3);
    e.parameter = "globals.review_rate";
    e.value = 0.25;
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
