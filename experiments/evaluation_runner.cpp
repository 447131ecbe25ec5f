#include "experiments/evaluation_runner.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/input_error.hpp"
#include "experiments/job_executor.hpp"
#include "experiments/sweep_output.hpp"
#include "experiments/sweep_runner.hpp"
#include "io/csv_format.hpp"
#include "io/read_budget.hpp"
#include "io/sha256.hpp"

namespace moatsim {
namespace {

const JournalNames journal_names{"evaluations.csv", "blocks.csv", "evaluations.plan"};

std::string join_numbers(const std::vector<double>& v) {
    std::string out;
    for (const double x : v) out += "," + csv_number(x);
    return out;
}

// The outputs of every point from evaluations.csv: the last `columns` fields of each row.
std::vector<std::vector<double>> read_outputs_back(const std::filesystem::path& file,
                                                   std::size_t points, std::size_t columns) {
    require_memory_to_read(file, text_read_factor, "an evaluations table");
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);  // header
    std::vector<std::vector<double>> out;
    while (std::getline(in, line)) {
        std::vector<double> row(columns);
        std::size_t end = line.size();
        for (std::size_t c = columns; c-- > 0;) {
            const std::size_t comma = line.rfind(',', end - 1);
            const char* first = line.data() + comma + 1;
            const auto [ptr, ec] = std::from_chars(first, line.data() + end, row[c]);
            if (ec != std::errc() || ptr != line.data() + end)
                throw OutputError(file.string() + ": row " + std::to_string(out.size() + 1) +
                                  " cannot be read back");
            end = comma;
        }
        out.push_back(std::move(row));
    }
    if (out.size() != points)
        throw OutputError(file.string() + ": expected " + std::to_string(points) + " rows, found " +
                          std::to_string(out.size()));
    return out;
}

}  // namespace

std::string evaluation_plan_header(const std::string& kind, const std::filesystem::path& file,
                                   const PairedModel& model,
                                   const std::vector<PriorParameter>& parameters,
                                   const std::vector<ModelOutput>& outputs) {
    const Scenario& base = model.base();
    std::string plan = "moatsim " + kind + " plan\n";
    plan += "file " + sha256_file_hex(file) + "\n";
    plan += scenario_plan_lines(base.source, base);
    for (const auto& p : parameters) plan += "parameter " + p.key + " " + p.prior.describe() + "\n";
    for (const auto& o : outputs) plan += "output " + o.label() + "\n";
    return plan;
}

Evaluations evaluate_blocks(const PairedModel& model, const std::vector<PriorParameter>& parameters,
                            const std::vector<ModelOutput>& outputs,
                            const std::vector<std::vector<std::vector<double>>>& blocks,
                            const std::filesystem::path& dir, std::string plan,
                            const EvaluationCallbacks& callbacks) {
    Evaluations ev;
    ev.blocks = static_cast<int>(blocks.size());
    std::vector<int> first_point;  // of each block
    for (const auto& block : blocks) {
        first_point.push_back(static_cast<int>(ev.values.size()));
        for (const auto& u : block) {
            std::vector<double> v;
            for (std::size_t i = 0; i < parameters.size(); ++i) v.push_back(parameters[i].prior.quantile(u[i]));
            plan += "point" + join_numbers(v) + "\n";
            ev.values.push_back(std::move(v));
        }
    }
    std::string header = "block,point";
    for (const auto& p : parameters) header += "," + csv_text(p.key);
    for (const auto& o : outputs) header += "," + csv_text(o.label());
    header += "\n";
    std::vector<std::string> prefixes;
    for (int b = 0; b < ev.blocks; ++b) prefixes.push_back(std::to_string(b) + ",");
    JobExecutor& executor = job_executor();
    // Only the process that writes opens the journal; one that only computes is told which
    // blocks to compute and returns without outputs.
    std::unique_ptr<SweepOutput> journal;
    if (executor.writes_outputs()) {
        journal = std::make_unique<SweepOutput>(dir, plan, header, "block,rows,rows_sha256\n",
                                                prefixes, journal_names);
        ev.resumed = journal->completed();
        if (callbacks.on_note)
            for (const auto& note : journal->notes()) callbacks.on_note(note);
    }
    std::uint64_t remaining = 0;
    for (int b = ev.resumed; b < ev.blocks; ++b) remaining += blocks[static_cast<std::size_t>(b)].size();
    if (callbacks.on_start) callbacks.on_start(remaining * model.rows_per_evaluation());

    JobBatch batch;
    batch.first = ev.resumed;
    batch.count = ev.blocks;
    batch.compute = [&](int b) {
        std::string rows;
        for (std::size_t i = 0; i < blocks[static_cast<std::size_t>(b)].size(); ++i) {
            const auto point = static_cast<std::size_t>(first_point[static_cast<std::size_t>(b)]) + i;
            const std::vector<double> y = model.evaluate(ev.values[point], outputs, callbacks.on_tick);
            rows += std::to_string(b) + "," + std::to_string(point) + join_numbers(ev.values[point]) +
                    join_numbers(y) + "\n";
        }
        return rows;
    };
    batch.deliver = [&](int b, const std::string& rows) {
        const auto count = std::count(rows.begin(), rows.end(), '\n');
        std::string listed = std::to_string(b) + "," + std::to_string(count) + "," + sha256_hex(rows) + "\n";
        journal->finish(b, rows, std::move(listed));
    };
    batch.computed_elsewhere = [&](int b) {
        if (!callbacks.on_tick) return;
        const std::uint64_t rows = blocks[static_cast<std::size_t>(b)].size() * model.rows_per_evaluation();
        for (std::uint64_t r = 0; r < rows; ++r) callbacks.on_tick();
    };
    batch.describe = [&](int b) {
        return "block " + std::to_string(b) + " (points " +
               std::to_string(first_point[static_cast<std::size_t>(b)]) + " to " +
               std::to_string(first_point[static_cast<std::size_t>(b)] +
                              static_cast<int>(blocks[static_cast<std::size_t>(b)].size()) - 1) + ")";
    };
    executor.run(batch);
    if (!journal) return ev;  // outputs are read back by the process that wrote them
    ev.outputs = read_outputs_back(dir / journal_names.rows, ev.values.size(), outputs.size());
    return ev;
}

}  // namespace moatsim
