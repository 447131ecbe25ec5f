# Rewrites moatsim #include paths (and CMake source lists' paths) from the layout before
# issue 10's "rooms" step to the new one: core/, io/, experiments/ beside viz/.
# Usage, e.g. over files another branch added after merging:
#   sed -i -E -f tools/house_paths.sed $(git diff --name-only --diff-filter=AM main...HEAD -- '*.cpp' '*.hpp')
# Idempotent: new paths are not matched again. Only paths in double quotes are rewritten.
s#"agents/input_error\.hpp"#"core/input_error.hpp"#g
s#"viz/summary\.hpp"#"core/summary.hpp"#g
s#"viz/(atomic_file|sha256|manifest|json_reader|csv_reader|csv_tables|csv_format|run_results|sweep_results|sweep_series|plot_metrics)\.hpp"#"io/\1.hpp"#g
s#"viz/scenario_events\.hpp"#"io/resolved_events.hpp"#g
s#"agents/(population_csv|population_csv_format)\.hpp"#"io/\1.hpp"#g
s#"market/(ensemble|counterfactual|sweep_spec|metrics)\.hpp"#"experiments/\1.hpp"#g
s#"viz/(sweep_runner|comparison|sweep_output)\.hpp"#"experiments/\1.hpp"#g
