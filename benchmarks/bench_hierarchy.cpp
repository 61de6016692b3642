// Benchmark: evaluate() on a generated 1M-node hierarchy (issue 3: < 1 s).
// The organisation is tests/cpp/generated_org.hpp (the generator the tests
// share) at 10,000 units in a 10-ary tree; per unit 20 objectives (the first
// aligned to the parent unit's first objective, the others to it), 50 key
// results (mixed kinds; measured, checked in, overridden, cascaded), 20 KPIs
// with thresholds and 10 CSFs of 2 KPIs each: 1,000,000 scored nodes plus the
// 10,000 unit scorecards; 3 measurements per measured series. Prints the wall
// and CPU time of evaluate() (best of 3) single-threaded and on all hardware
// threads, the load average (the machine may be shared) and ends with
// ratio=<1 / best wall seconds>.
//   bench_hierarchy [units = 10000]
#include <okrkit/scoring/scorecard.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>

#include "bench_org.hpp"

using namespace okrkit;

int main(int argc, char** argv) {
  // 2025-05-31, 06-15, 06-30: the as-of date cuts the last measurement.
  const testing::OrgShape shape = bench::million_node_shape(argc > 1 ? std::stoi(argv[1]) : 10000);
  const auto t_gen = std::chrono::steady_clock::now();
  const auto g = testing::generate_org(shape);
  const Model& m = g.model;
  const SeriesStore& s = g.series;
  const Date as_of(2025, 6, 20);
  const std::size_t nodes =
      m.objectives.size() + m.key_results.size() + m.kpis.size() + m.csfs.size();
  std::printf(
      "hierarchy: %d units, %zu objectives, %zu key results, %zu KPIs, %zu CSFs = %zu "
      "nodes; %zu measurements (generated in %.1f s)\n",
      shape.units, m.objectives.size(), m.key_results.size(), m.kpis.size(), m.csfs.size(), nodes,
      s.size(), std::chrono::duration<double>(std::chrono::steady_clock::now() - t_gen).count());
  double overall = 1e9;
  for (unsigned threads : {1u, 0u}) {
    EvaluateOptions opt;
    opt.threads = threads;
    double best = 1e9, best_cpu = 1e9;
    std::size_t rows = 0, incomplete = 0;
    for (int rep = 0; rep < 3; ++rep) {
      const auto t0 = std::chrono::steady_clock::now();
      const std::clock_t c0 = std::clock();
      const Scorecard sc = evaluate(m, s, as_of, opt);
      const double sec =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
      best = std::min(best, sec);
      best_cpu = std::min(best_cpu, cpu);
      rows = sc.nodes.size();
      incomplete = 0;
      for (const auto& n : sc.nodes) incomplete += n.incomplete;
    }
    std::printf(
        "threads=%s: best of 3 evaluate() %.3f s wall (%.3f s CPU, all threads) for %zu "
        "rows (%.0f rows/s), %zu incomplete; target < 1 s\n",
        threads ? "1" : "all", best, best_cpu, rows, rows / best, incomplete);
    overall = std::min(overall, best);
  }
  bench::print_load_average();
  std::printf("hardware threads: %u\n", std::thread::hardware_concurrency());
  std::printf("ratio=%.3f\n", 1.0 / overall);
  return 0;
}
