# Rewrites moatsim source paths from the layout before issue 10's "rooms" step to the new
# one (core/, io/, experiments/ beside viz/): #include lines, CMake lists and paths named in
# comments or docs (e.g. `viz/manifest.hpp`, viz/sweep_runner.cpp).
# Usage, e.g. over the files another branch added or changed, after merging it:
#   sed -i -E -f tools/house_paths.sed $(git diff --name-only --diff-filter=AM main...HEAD -- '*.cpp' '*.hpp' '*.md')
# Idempotent: new paths are not matched again. GNU sed -E (extended regular expressions).
s#(^|[^A-Za-z0-9_./])agents/input_error\.hpp#\1core/input_error.hpp#g
s#(^|[^A-Za-z0-9_./])viz/summary\.(hpp|cpp)#\1core/summary.\2#g
s#(^|[^A-Za-z0-9_./])viz/(atomic_file|sha256|manifest|json_reader|csv_reader|csv_tables|csv_format|run_results|sweep_results|sweep_series|plot_metrics)\.(hpp|cpp)#\1io/\2.\3#g
s#(^|[^A-Za-z0-9_./])viz/scenario_events\.(hpp|cpp)#\1io/resolved_events.\2#g
s#(^|[^A-Za-z0-9_./])agents/(population_csv|population_csv_format|population_csv_reader|population_csv_writer)\.(hpp|cpp)#\1io/\2.\3#g
s#(^|[^A-Za-z0-9_./])market/(ensemble|counterfactual|sweep_spec|metrics)\.(hpp|cpp)#\1experiments/\2.\3#g
s#(^|[^A-Za-z0-9_./])viz/(sweep_runner|comparison|sweep_output)\.(hpp|cpp)#\1experiments/\2.\3#g
# parse_year_month moved from viz/axis_ticks.hpp to core/year_month.hpp (the include of a
# file that used only the parser must be changed by hand); YearMonth and the enums are still
# reachable through market/scenario.hpp.
s#(^|[^A-Za-z0-9_./])agents/input_text\.(hpp|cpp)#\1core/input_text.\2#g
s#(^|[^A-Za-z0-9_./])viz/(fd_buffer|fault_hook|temporaries|result_directory)\.(hpp|cpp)#\1io/\2.\3#g
