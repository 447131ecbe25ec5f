#include "io/any_results.hpp"

namespace moatsim {

AnyResults read_any_results(const std::filesystem::path& dir,
                            const std::vector<std::string>& run_metrics) {
    switch (results_kind(dir)) {
        case ResultsKind::run: return read_run_results(dir, run_metrics);
        case ResultsKind::compare: return read_compare_results(dir);
        case ResultsKind::sweep: return read_sweep_results(dir);
        case ResultsKind::analysis: return read_analysis_results(dir);
    }
    return read_run_results(dir, run_metrics);  // not reached: every kind is handled above
}

}  // namespace moatsim
