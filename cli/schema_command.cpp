// `moatsim schema`: the parameter tables of every scenario scope, generated from
// market/parameter_table.hpp, as Markdown; `--check`/`--update` keep docs/SCENARIO.md's
// marked blocks equal to them (docs/SCENARIO.md, "Schema").
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command_frame.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"
#include "core/input_error.hpp"
#include "core/input_text.hpp"
#include "io/atomic_file.hpp"
#include "io/read_budget.hpp"
#include "market/parameter_docs.hpp"

namespace moatsim::cli {
namespace {

namespace po = boost::program_options;

constexpr const char* schema_usage =
    "Usage: moatsim schema --markdown [--scope S]   print the parameter tables\n"
    "       moatsim schema --check FILE             exit 1 if FILE's schema blocks are stale\n"
    "       moatsim schema --update FILE            rewrite FILE's schema blocks\n"
    "A schema block is the text between the lines '<!-- schema:S begin -->' and\n"
    "'<!-- schema:S end -->'.\n";

std::string read_document(const std::string& file) {
    // A FIFO would block and a directory reads as empty: refuse both by name first.
    require_regular_file(file, "document", "a Markdown file such as docs/SCENARIO.md");
    require_memory_to_read(file, text_read_factor, "a document");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError("cannot open document '" + file + "'");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int schema(const po::variables_map& vm) {
    const int modes = static_cast<int>(vm.count("markdown") + vm.count("check") + vm.count("update"));
    if (modes != 1) throw InputError("moatsim schema: expected one of --markdown, --check FILE, --update FILE");
    if (vm.count("markdown")) {
        if (vm.count("scope")) {
            std::cout << schema_markdown(vm["scope"].as<std::string>());
            return exit_ok;
        }
        for (const auto& scope : schema_scopes())
            std::cout << "### " << scope << "\n\n" << schema_markdown(scope) << "\n";
        return exit_ok;
    }
    if (vm.count("scope")) throw InputError("moatsim schema: --scope goes with --markdown");
    const std::string file = vm.count("check") ? vm["check"].as<std::string>()
                                               : vm["update"].as<std::string>();
    const std::string doc = read_document(file);
    if (vm.count("update")) {
        const std::string updated = with_schema_tables(doc, file);
        if (updated != doc) write_file_atomically(file, updated);
        std::cout << file << ": schema tables " << (updated != doc ? "updated" : "already up to date")
                  << "\n";
        return exit_ok;
    }
    const auto stale = stale_schema_tables(doc, file);
    if (stale.empty()) {
        std::cout << file << ": schema tables up to date\n";
        return exit_ok;
    }
    std::cerr << file << ": schema tables differ from the parameter table:";
    for (const auto& s : stale) std::cerr << " " << s;
    std::cerr << "\nregenerate them with: moatsim schema --update " << file << "\n";
    return exit_failure;
}

}  // namespace

int schema_command(const std::vector<std::string>& args) {
    po::options_description desc("Schema options");
    desc.add_options()
        ("help,h", "show this help")
        ("markdown", "print the parameter tables as Markdown")
        ("scope", po::value<std::string>(),
         "only this scope: top, run, calibration, globals, population, clouds, vendors")
        ("check", po::value<std::string>(), "compare FILE's schema blocks with the tables")
        ("update", po::value<std::string>(), "rewrite FILE's schema blocks from the tables");
    return run_parsed_command(
        "schema", schema_usage, desc, [&] { return parse_options_only(args, desc); },
        [&](const po::variables_map& vm) { return schema(vm); });
}

}  // namespace moatsim::cli
