#pragma once
// The view of `moatsim live`: one replicate's shares as they evolve, drawn as text, with the
// catalog (which vendors each cloud offers) and the prices in force. Frames are built from
// data into strings here (testable without a terminal); cli/ owns the terminal (raw mode,
// alternate screen, keys) and the model loop.
#include <cmath>
#include <string>
#include <string_view>
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
    double price = NAN;           // clouds: GPU list price p_k of the last row, $ per unit
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
    /// The catalog grid with its prices, [cloud][vendor]: P_km = p_k (1 - d_k port_km) + mu_m,
    /// the $ per unit an enterprise pays for vendor m on cloud k in the last row (docs/ODD.md
    /// section 7.1); NaN where cloud k does not offer vendor m.
    std::vector<std::vector<double>> pair_price;
    std::string status;               // e.g. "running, 200 ms per month" or "paused"
};

struct TerminalSize {
    int columns = 80;
    int rows = 24;
};

/// An empty frame for the scenario's clouds and vendors.
[[nodiscard]] LiveFrame live_frame_for(const Scenario& scenario);

/// Appends one tick's shares and prices (TickRecord as Replicate::initialize/advance return
/// it) and the scenario's events dated at that tick. `clouds` and `vendors` are the parameters
/// in force in that row, after the tick's events (LiveReplicate::clouds() and vendors()): the
/// catalog grid and the vendor prices come from them.
void record_tick(LiveFrame& frame, const Scenario& scenario, const TickRecord& record,
                 const std::vector<CloudSpec>& clouds, const std::vector<VendorSpec>& vendors);

/// As above with the scenario's own (tick-0) catalog and parameters: a view that does not
/// follow catalog events, for callers without the live market.
void record_tick(LiveFrame& frame, const Scenario& scenario, const TickRecord& record);

/// What an event does, for announcements: "OpenAI gpt-oss on Bedrock (...) [gpt_oss_bedrock:
/// catalog_add OpenAI-oss on AWS]" (the note if any, then the id, kind and subject).
[[nodiscard]] std::string event_text(const Scenario& scenario, const Event& event);

/// The full-screen frame: cursor home, one line per screen row cleared to its end, cut to
/// size.columns and at most size.rows lines, then the rest of the screen cleared. Colours
/// (ANSI 256-colour, Okabe-Ito approximations) only if colour is true.
/// Clouds: a share bar and a sparkline of the share's history, both on ONE scale for every
/// row and the vendors' bars (0 to the largest share shown, rounded up to 10%, at least 50%;
/// the scale is printed),
/// the change in points since row 0 and the GPU list price. Vendors: share, then the catalog
/// grid with the price P_km per cloud. Events: the latest, wrapped at the width (whole words;
/// a word longer than a line is split), never cut.
[[nodiscard]] std::string render_frame(const LiveFrame& frame, TerminalSize size, bool colour = true);

/// Plain text for a pipe, no escape codes: "2025-03  AWS 29.7%  Azure 20.6% ..." for the
/// last recorded tick.
[[nodiscard]] std::string plain_tick_line(const LiveFrame& frame);

/// Plain text announcing an event: "2025-08: <event_text>".
[[nodiscard]] std::string plain_event_line(const LiveFrame& frame, const LiveEvent& event);

/// values as a sparkline of width characters (the last `width` values, ▁ to █ between
/// their minimum and maximum; flat data sits in the middle).
[[nodiscard]] std::string sparkline(const std::vector<double>& values, std::size_t width);

/// The same on a fixed scale: ▁ at lo, █ at hi (values outside are clamped), so rows drawn
/// with the same lo and hi can be compared, and a small move stays small.
[[nodiscard]] std::string sparkline(const std::vector<double>& values, std::size_t width, double lo, double hi);

/// text broken into lines of at most width display columns, at spaces (newlines and tabs
/// count as spaces); a word longer than width is split. Joining the lines with single spaces
/// gives back text with its runs of blanks collapsed (no text is lost).
[[nodiscard]] std::vector<std::string> wrap_words(std::string_view text, int width);

}  // namespace moatsim
