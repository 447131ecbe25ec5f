#!/usr/bin/env python3
"""A paper model of a partitioned moatsim run and a Sobol analysis on a cluster (docs/SCALING.md).

Inputs are per-enterprise costs measured on one core (bench/README.md's table, moatsim_bench),
the reduction per tick (K*M + K + 4 values of 8 bytes per rank) and an assumed interconnect.
Prints the expected time and memory per node and which part bounds the run. Usage:
  python3 bench/cluster_model.py [--nodes 64] [--enterprises 1e10] [--parameters 20] ...
"""
import argparse
import math

p = argparse.ArgumentParser()
p.add_argument("--nodes", type=int, default=64)
p.add_argument("--cores", type=int, default=64, help="cores per node (one rank per node)")
p.add_argument("--efficiency", type=float, default=0.9,
               help="thread efficiency within a node (measured 0.94 at 2 threads)")
p.add_argument("--enterprises", type=float, default=1e10)
p.add_argument("--ticks", type=int, default=120)
p.add_argument("--clouds", type=int, default=4)
p.add_argument("--vendors", type=int, default=9)
p.add_argument("--parameters", type=int, default=20, help="Sobol: k")
p.add_argument("--samples", type=int, default=1024, help="Sobol: base sample N")
p.add_argument("--runs-per-evaluation", type=int, default=2,
               help="2: paired base and alternative (moatsim sensitivity)")
p.add_argument("--spread-enterprises", type=float, default=1e8,
               help="the other layout: runs of this many enterprises, each on one node, spread "
                    "over the nodes by the work queue (docs/MPI.md)")
p.add_argument("--latency-us", type=float, default=2.0,
               help="MPI point-to-point latency (InfiniBand HDR about 1-2 us; assumed)")
p.add_argument("--bandwidth-gbs", type=float, default=12.5, help="link GB/s (HDR 100 Gb/s)")
# bench/README.md, 1 thread, baseline (4 clouds x 9 vendors), 1e7 enterprises:
p.add_argument("--stochastic-tick-ns", type=float, default=78.478e6 / 1e7)
p.add_argument("--stochastic-setup-ns", type=float, default=5.287e9 / 1e7)
p.add_argument("--stochastic-bytes", type=float, default=62.1)
p.add_argument("--expected-tick-ns", type=float, default=1235.192e6 / 1e7)
p.add_argument("--expected-setup-ns", type=float, default=10.505e9 / 1e7)
p.add_argument("--expected-bytes", type=float, default=351.0)
a = p.parse_args()

P = a.nodes
per_node = a.enterprises / P
width = a.clouds * a.vendors + a.clouds + 4  # ledger: demand per pair, customers, 4 scalars
payload = 8 * width
alpha = a.latency_us * 1e-6
hops = math.ceil(math.log2(P)) if P > 1 else 0
# Small-message allreduce (recursive doubling): log2(P) rounds, each a latency plus the payload.
allreduce_s = hops * (alpha + payload / (a.bandwidth_gbs * 1e9))
# In-order fold: P - 1 hops along the ranks, then a broadcast (log2 P rounds).
fold_s = (P - 1 + hops) * (alpha + payload / (a.bandwidth_gbs * 1e9))
cores = a.cores * a.efficiency
evaluations = a.samples * (a.parameters + 2)
runs = evaluations * a.runs_per_evaluation

print(f"cluster: {P} nodes x {a.cores} cores, {a.enterprises:.3g} enterprises, "
      f"{per_node:.4g} per node, {a.ticks} ticks")
print(f"reduction per tick: {width} values x 8 bytes = {payload} bytes per rank; "
      f"allreduce {allreduce_s * 1e6:.1f} us, in-order fold {fold_s * 1e6:.1f} us "
      f"(latency {a.latency_us} us assumed)")
for mode, tick_ns, setup_ns, bpe, comm in (
        ("stochastic", a.stochastic_tick_ns, a.stochastic_setup_ns, a.stochastic_bytes, allreduce_s),
        ("expected", a.expected_tick_ns, a.expected_setup_ns, a.expected_bytes, fold_s)):
    tick = per_node * tick_ns * 1e-9 / cores
    setup = per_node * setup_ns * 1e-9 / cores
    run = setup + a.ticks * (tick + comm)
    memory = per_node * bpe
    sobol = runs * run
    core_hours = runs * a.enterprises * (a.ticks * tick_ns + setup_ns) * 1e-9 / 3600
    print(f"{mode}: compute {tick * 1e3:.1f} ms per tick per node, reduction {comm * 1e6:.1f} us "
          f"({100 * comm / tick:.3f}% of the tick); set-up {setup:.2f} s; one run {run:.1f} s; "
          f"memory {memory / 1e9:.1f} GB per node")
    print(f"  Sobol, k = {a.parameters}, N = {a.samples}: {evaluations} evaluations, {runs} runs "
          f"of {a.enterprises:.3g} enterprises one after another on all nodes: "
          f"{sobol / 3600:.1f} h ({core_hours:.3g} core-hours)")
    n = a.spread_enterprises
    small = n * (setup_ns + a.ticks * tick_ns) * 1e-9 / cores
    print(f"  the same Sobol with runs of {n:.3g} enterprises, one per node at a time, spread over "
          f"{P} nodes: {small:.2f} s per run, {runs * small / P / 3600:.2f} h, "
          f"memory {n * bpe / 1e9:.1f} GB per node")
