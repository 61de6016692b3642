// Benchmark: evaluate() on a generated 1M-node hierarchy (issue 3: < 1 s).
// 10,000 units in a tree (10 children each); per unit 20 objectives (the
// first aligned to the parent unit's first objective, the others to it),
// 50 key results (mixed kinds; measured, checked in, overridden, cascaded),
// 20 KPIs with thresholds and 10 CSFs of 2 KPIs each: 1,000,000 scored nodes
// plus the 10,000 unit scorecards. Prints the time of evaluate() (best of 3)
// and ends with ratio=<1 / seconds>.
#include <okrkit/scorecard.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <thread>

using namespace okrkit;

int main(int argc, char** argv) {
  const int units = argc > 1 ? std::stoi(argv[1]) : 10000;
  Model m;
  m.cycles.push_back({"q", "2025-Q2", Date(2025, 4, 1), Date(2025, 6, 30)});
  m.perspectives = {{"fin", "Financial", 0.4}, {"cus", "Customer", 0.3}, {"int", "Internal", 0.3}};
  SeriesStore s;
  const Date d0(2025, 4, 1);
  const char* persp[] = {"fin", "cus", "int"};
  for (int u = 0; u < units; ++u) {
    const std::string U = "u" + std::to_string(u);
    m.units.push_back({U, "unit " + std::to_string(u), u ? "u" + std::to_string((u - 1) / 10) : "", "team"});
    for (int o = 0; o < 20; ++o) {
      Objective ob;
      ob.id = U + "o" + std::to_string(o);
      ob.unit = U;
      ob.cycle = "q";
      ob.perspective = persp[o % 3];
      ob.type = o % 4 == 0 ? ObjectiveType::aspirational : ObjectiveType::committed;
      ob.rollup = o % 7 == 0 ? RollupMethod::min : RollupMethod::weighted_mean;
      if (o == 0 && u > 0) ob.aligns_to.push_back({"u" + std::to_string((u - 1) / 10) + "o0", 0.5});
      if (o > 0) ob.aligns_to.push_back({U + "o0", 1.0});
      m.objectives.push_back(std::move(ob));
    }
    for (int k = 0; k < 50; ++k) {
      KeyResult kr;
      kr.id = U + "k" + std::to_string(k);
      kr.objective = U + "o" + std::to_string(k % 20);
      kr.weight = 1 + k % 3;
      const double b = 10 + k, t = k % 2 ? b * 0.6 : b * 1.5;
      kr.target.kind = k % 2 ? TargetKind::decrease : TargetKind::increase;
      kr.target.baseline = b;
      kr.target.target = t;
      if (k % 5 == 0) {
        kr.checkins = {{d0 + boost::gregorian::days(20), b + (t - b) * 0.3, 0.6, ""},
                       {d0 + boost::gregorian::days(40), b + (t - b) * 0.5, 0.7, ""}};
      } else if (k % 11 == 0) {
        kr.value_override = b + (t - b) * 0.8;
      } else if (k % 13 == 0 && k > 0) {
        kr.target.kind = TargetKind::increase;
        kr.target.baseline = 0;
        kr.cascade_from = {U + "k" + std::to_string(k - 1), U + "k" + std::to_string(k - 2)};
      } else {
        kr.series = kr.id;
        for (int j = 0; j < 3; ++j)
          s.add(kr.series, d0 + boost::gregorian::days(15 * j), b + (t - b) * (0.2 * j + 0.1 * (u % 3)));
      }
      m.key_results.push_back(std::move(kr));
    }
    for (int k = 0; k < 20; ++k) {
      Kpi kpi;
      kpi.id = U + "p" + std::to_string(k);
      kpi.unit = U;
      kpi.perspective = persp[k % 3];
      kpi.target.kind = k % 2 ? TargetKind::at_most : TargetKind::at_least;
      kpi.target.target = 50;
      kpi.thresholds = {50.0, k % 2 ? 60.0 : 40.0};
      kpi.series = kpi.id;
      for (int j = 0; j < 3; ++j) s.add(kpi.series, d0 + boost::gregorian::days(15 * j), 35.0 + 5 * j + k);
      m.kpis.push_back(std::move(kpi));
    }
    for (int c = 0; c < 10; ++c) {
      Csf csf;
      csf.id = U + "c" + std::to_string(c);
      csf.unit = U;
      csf.objective = U + "o" + std::to_string(c);
      csf.measured_by = {{U + "p" + std::to_string(2 * c), 1.0}, {U + "p" + std::to_string(2 * c + 1), 2.0}};
      m.csfs.push_back(std::move(csf));
    }
  }
  s.finalize();
  const std::size_t nodes = m.objectives.size() + m.key_results.size() + m.kpis.size() + m.csfs.size();
  std::printf("hierarchy: %d units, %zu objectives, %zu key results, %zu KPIs, %zu CSFs = %zu nodes; %zu measurements\n",
              units, m.objectives.size(), m.key_results.size(), m.kpis.size(), m.csfs.size(), nodes,
              s.size());
  double overall = 1e9;
  for (unsigned threads : {1u, 0u}) {
    EvaluateOptions opt;
    opt.threads = threads;
    double best = 1e9, best_cpu = 1e9;
    std::size_t rows = 0, incomplete = 0;
    for (int rep = 0; rep < 3; ++rep) {
      const auto t0 = std::chrono::steady_clock::now();
      const std::clock_t c0 = std::clock();
      const Scorecard sc = evaluate(m, s, Date(2025, 5, 16), opt);
      const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
      best = std::min(best, sec);
      best_cpu = std::min(best_cpu, cpu);
      rows = sc.nodes.size();
      incomplete = 0;
      for (const auto& n : sc.nodes) incomplete += n.incomplete;
    }
    std::printf("threads=%s: best of 3 evaluate() %.3f s wall (%.3f s CPU, all threads) for %zu rows "
                "(%.0f rows/s), %zu incomplete; target < 1 s\n",
                threads ? "1" : "all", best, best_cpu, rows, rows / best, incomplete);
    overall = std::min(overall, best);
  }
  std::printf("hardware threads: %u\n", std::thread::hardware_concurrency());
  std::printf("ratio=%.3f\n", 1.0 / overall);
  return 0;
}
