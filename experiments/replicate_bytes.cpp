#include "experiments/replicate_bytes.hpp"

#include "experiments/job_bytes.hpp"

namespace moatsim {
namespace {

// Every field of a record, in one order for both directions.
template <class Io, class Cloud>
void cloud_fields(Io&& io, Cloud& c) {
    io(c.share_workload), io(c.share_revenue), io(c.customers), io(c.price), io(c.capacity),
        io(c.utilization), io(c.silicon_fraction), io(c.revenue_usage),
        io(c.revenue_training), io(c.demand);
}
template <class Io, class Vendor>
void vendor_fields(Io&& io, Vendor& v) {
    io(v.share), io(v.quality), io(v.revenue), io(v.training_spend);
}

}  // namespace

std::string replicate_bytes(const ReplicateResult& result) {
    ByteWriter out;
    const auto put = [&](auto v) { out.put(v); };
    out.put(result.replicate).put(static_cast<std::uint64_t>(result.ticks.size()));
    for (const TickRecord& t : result.ticks) {
        out.put(t.tick).put(t.adopters).put(t.switches).put(t.hhi).put(t.decisions);
        out.put(static_cast<std::uint64_t>(t.clouds.size()));
        for (const CloudRecord& c : t.clouds) cloud_fields(put, c);
        out.put(static_cast<std::uint64_t>(t.vendors.size()));
        for (const VendorRecord& v : t.vendors) vendor_fields(put, v);
    }
    return out.take();
}

ReplicateResult replicate_from_bytes(std::string_view bytes) {
    ByteReader in(bytes);
    const auto get = [&](auto& v) { v = in.get<std::remove_reference_t<decltype(v)>>(); };
    ReplicateResult result;
    result.replicate = in.get<std::uint64_t>();
    result.ticks.resize(in.get<std::uint64_t>());
    for (TickRecord& t : result.ticks) {
        get(t.tick), get(t.adopters), get(t.switches), get(t.hhi), get(t.decisions);
        t.clouds.resize(in.get<std::uint64_t>());
        for (CloudRecord& c : t.clouds) cloud_fields(get, c);
        t.vendors.resize(in.get<std::uint64_t>());
        for (VendorRecord& v : t.vendors) vendor_fields(get, v);
    }
    if (!in.done()) throw std::runtime_error("a replicate's bytes are longer than its format (a bug)");
    return result;
}

std::string simulation_error_bytes(const SimulationError& error) {
    return ByteWriter()
        .put(std::string_view(error.what()))
        .put(error.tick())
        .put(error.date())
        .put(error.quantity())
        .put(error.hint())
        .take();
}

SimulationError simulation_error_from_bytes(std::string_view bytes) {
    ByteReader in(bytes);
    SimulationError::Rebuilt parts;
    parts.message = in.text();
    parts.tick = in.get<int>();
    parts.date = in.text();
    parts.quantity = in.text();
    parts.hint = in.text();
    return SimulationError(parts);
}

}  // namespace moatsim
