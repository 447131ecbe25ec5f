#include "classroom/classroom_world.hpp"

#include <fmt/format.h>

#include <sstream>

#include "core/input_error.hpp"
#include "core/enum_names.hpp"
#include "core/modes.hpp"
#include "experiments/live_replicate.hpp"
#include "io/csv_tables.hpp"
#include "market/scenario_loader.hpp"

namespace moatsim {

ClassroomWorld::ClassroomWorld(const ShelfEntry& entry)
    : entry_(&entry),
      scenario_(entry.world),
      live_(std::make_unique<LiveReplicate>(entry.world, ScenarioOverrides{}, 0)) {
    scenario_.name = student_name();
    rows_.push_back(live_->initialize());
    base_.push_back(entry.baseline->row(0));
}

// The exported scenario's name, so the CSV's scenario column is the one `moatsim run` writes.
std::string ClassroomWorld::student_name() const { return entry_->name + "_class"; }

ClassroomWorld::~ClassroomWorld() = default;

void ClassroomWorld::step() {
    if (finished()) return;
    rows_.push_back(live_->advance());
    base_.push_back(entry_->baseline->row(tick()));
}

LeverState ClassroomWorld::levers() const { return lever_state_at(scenario_, tick()); }

std::string ClassroomWorld::student_text(const std::vector<StudentEvent>& events) const {
    std::string text = entry_->resolved_text;
    text += "\n# classroom changes\n";
    for (const auto& e : events) text += e.toml;
    return text;
}

std::vector<StudentEvent> ClassroomWorld::pull(const LeverPull& p) {
    const int when = tick();  // the month on the student's screen
    int id = next_id_;
    std::vector<StudentEvent> added = events_for_pull(scenario_, levers(), p, when, id);
    std::vector<StudentEvent> all = events_;
    all.insert(all.end(), added.begin(), added.end());
    // Read back through the scenario loader: every check a file gets (ranges, lerner_min <=
    // lerner_max in run order), and the events in the order `moatsim run` will apply them.
    Scenario extended = parse_scenario(student_text(all), entry_->name + " + class changes");
    extended.name = student_name();
    // The event acts in the month shown, whose row is already computed: the world is run
    // again from month 0 with the event (the months before come out as they were, the shown
    // month with the change), exactly what `moatsim run` computes for the exported file.
    auto fresh = std::make_unique<LiveReplicate>(extended, ScenarioOverrides{}, 0);
    std::vector<TickRecord> rows;
    rows.reserve(rows_.capacity());
    rows.push_back(fresh->initialize());
    while (static_cast<int>(rows.size()) <= when) rows.push_back(fresh->advance());
    live_ = std::move(fresh);
    rows_ = std::move(rows);
    scenario_ = std::move(extended);
    events_ = std::move(all);
    next_id_ = id;
    return added;
}

std::string ClassroomWorld::export_toml() const {
    const Scenario& w = entry_->world;
    std::string t;
    t += "# moatsim serve: the changes a student made to '" + entry_->name + "', as a scenario\n";
    t += "# that inherits it. Save it next to " + entry_->file_name + " and run\n";
    t += "#   moatsim run " + entry_->name + "_class.toml\n";
    t += "# to reproduce the student's world (the brands the class ran with are pinned below).\n";
    t += "base = " + toml_string(entry_->file_name) + "\n";
    t += "name = " + toml_string(student_name()) + "\n";
    t += "description = " + toml_string(entry_->name + " with " + std::to_string(events_.size()) +
                                         " classroom change(s)") + "\n\n";
    t += "[run]\n";
    t += fmt::format("seed = {}\nticks = {}\nreplicates = 1\nmode = \"{}\"\nkernel = \"{}\"\n\n",
                     w.run.seed, w.run.ticks, to_string(w.run.mode), to_string(w.run.kernel));
    t += fmt::format("[population]\nenterprises = {}\n\n", w.population.enterprises);
    t += "[calibration]\nmethod = \"none\"\n\n";
    for (const auto& c : w.clouds)
        t += fmt::format("[clouds.{}]\nbrand = {}\n\n", toml_string(c.name), c.brand);
    for (const auto& e : events_) t += e.toml;
    return t;
}

namespace {

EnsembleResult as_result(const Scenario& s, const std::vector<TickRecord>& rows) {
    EnsembleResult r;
    for (const auto& c : s.clouds) r.brand.push_back(c.brand);
    r.replicates.push_back(ReplicateResult{0, rows});
    return r;
}

}  // namespace

std::string ClassroomWorld::export_clouds_csv() const {
    std::ostringstream out;
    write_clouds_csv(out, scenario_, as_result(scenario_, rows_));
    return out.str();
}

std::string ClassroomWorld::export_vendors_csv() const {
    std::ostringstream out;
    write_vendors_csv(out, scenario_, as_result(scenario_, rows_));
    return out.str();
}

std::string ClassroomWorld::export_market_csv() const {
    std::ostringstream out;
    write_market_csv(out, scenario_, as_result(scenario_, rows_));
    return out.str();
}

}  // namespace moatsim
