#include "experiments/output_reader.hpp"

#include "core/input_text.hpp"

namespace moatsim::detail {

std::vector<ModelOutput> read_outputs(const TomlSource& src, const TableReader& root,
                                      const Scenario& base, const Scenario* alt) {
    const toml::array* tables = root.array("outputs");
    if (!tables || tables->empty())
        root.fail("outputs", "expected at least one [[outputs]] table (metric, cloud, ticks)");
    std::vector<ModelOutput> out;
    for (std::size_t i = 0; i < tables->size(); ++i) {
        const std::string path = "outputs[" + std::to_string(i) + "]";
        const toml::node& node = *tables->get(i);
        const TableReader t(src, read_table(src, node, {path, &node.source()}), path,
                            {"metric", "cloud", "ticks"});
        ModelOutput o;
        const auto metric = parse_metric(t.string("metric", "share_workload"));
        if (!metric) t.fail("metric", "expected one of " + metric_names());
        o.metric = *metric;
        o.cloud = t.require_string("cloud");
        for (const Scenario* s : {&base, alt})
            if (s && s->cloud_index(o.cloud) < 0)
                t.fail("cloud", "'" + shown(o.cloud) + "' is not a cloud of " + s->source.string());
        const toml::array& ticks = read_array(src, t.require("ticks", "an array of ticks"), t.site("ticks"));
        if (ticks.empty()) t.fail("ticks", "expected at least one tick");
        for (std::size_t k = 0; k < ticks.size(); ++k) {
            o.tick = static_cast<int>(read_integer(
                src, *ticks.get(k), {path + ".ticks[" + std::to_string(k) + "]", &ticks.get(k)->source()},
                0, base.run.ticks));
            for (const auto& seen : out)
                if (seen.label() == o.label())
                    t.fail("ticks", "output " + o.label() + " is listed twice");
            out.push_back(o);
        }
    }
    return out;
}

}  // namespace moatsim::detail
