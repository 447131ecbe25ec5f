#pragma once
// The view of `moatsim live`: one replicate's shares as they evolve, drawn as text. Frames
// are built from data into strings here (testable without a terminal); cli/ owns the
// terminal (raw mode, alternate screen, keys) and the model loop.
#include <string>
#include <vector>

#include "market/records.hpp"
#include "market/scenario.hpp"

namespace moatsim {

struct LiveEvent {
    int tick = 0;
    std::string text;   // event_text(): the note (or kind and subject), id and kind
};

struct LiveSeries {
    std::string name;
    std::vector<double> history;  // share per tick so far, fraction
};

/// What a frame shows; filled tick by tick with record_tick().
struct LiveFrame {
    std::string scenario;
    YearMonth start;
    int tick = -1;                    // last recorded tick (-1: none yet)
    int ticks = 0;                    // horizon T
    std::vector<LiveSeries> clouds;   // workload share
    std::vector<LiveSeries> vendors;  // share of served workload
    std::vector<LiveEvent> events;    // fired so far, in order
    std::string status;               // e.g. "running, 200 ms per month" or "paused"
};

struct TerminalSize {
    int columns = 80;
    int rows = 24;
};

/// An empty frame for the scenario's clouds and vendors.
[[nodiscard]] LiveFrame live_frame_for(const Scenario& scenario);

/// Appends one tick's shares (TickRecord as Replicate::initialize/advance return it) and the
/// scenario's events dated at that tick.
void record_tick(LiveFrame& frame, const Scenario& scenario, const TickRecord& record);

/// What an event does, for announcements: "OpenAI gpt-oss on Bedrock (...) [gpt_oss_bedrock:
/// catalog_add OpenAI-oss on AWS]" (the note if any, then the id, kind and subject).
[[nodiscard]] std::string event_text(const Scenario& scenario, const Event& event);

/// The full-screen frame: cursor home, one line per screen row cleared to its end, cut to
/// size.columns and at most size.rows lines, then the rest of the screen cleared. Colours
/// (ANSI 256-colour, Okabe-Ito approximations) only if colour is true.
[[nodiscard]] std::string render_frame(const LiveFrame& frame, TerminalSize size, bool colour = true);

/// Plain text for a pipe, no escape codes: "2025-03  AWS 29.7%  Azure 20.6% ..." for the
/// last recorded tick.
[[nodiscard]] std::string plain_tick_line(const LiveFrame& frame);

/// Plain text announcing an event: "2025-08: <event_text>".
[[nodiscard]] std::string plain_event_line(const LiveFrame& frame, const LiveEvent& event);

/// values as a sparkline of width characters (the last `width` values, ▁ to █ between
/// their minimum and maximum; flat data sits in the middle).
[[nodiscard]] std::string sparkline(const std::vector<double>& values, std::size_t width);

}  // namespace moatsim
