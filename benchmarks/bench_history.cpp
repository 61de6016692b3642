// Benchmark: evaluate_history() at 13 weekly as-of dates against one
// evaluate() on the generated organisation of bench_hierarchy.cpp
// (tests/cpp/generated_org.hpp: 10,000 units in a 10-ary tree, per unit 20
// objectives, 50 key results, 20 KPIs, 10 CSFs = 1,000,000 scored nodes).
// The history is the callback form (nothing kept: each scorecard is visited
// and dropped, as a report or a table writer streaming rows would). Prints
// the best of 3 of each on one thread (1 run from 5,000 units) and ends with
// ratio=<13 * t(one evaluate) / t(history of 13)> (issue 17: goal >= 6.5).
//   bench_history [units = 10000]
#include <okrkit/scoring/history.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_org.hpp"

using namespace okrkit;

int main(int argc, char** argv) {
  const testing::OrgShape shape = bench::million_node_shape(argc > 1 ? std::stoi(argv[1]) : 10000);
  const auto g = testing::generate_org(shape);
  const Model& m = g.model;
  const SeriesStore& s = g.series;
  const std::size_t nodes =
      m.objectives.size() + m.key_results.size() + m.kpis.size() + m.csfs.size();
  // 13 weekly dates of the quarter 2025-Q2: 04-01, 04-08, ..., 06-24
  std::vector<Date> dates;
  for (int k = 0; k < 13; ++k) dates.push_back(Date(2025, 4, 1) + boost::gregorian::days(7 * k));
  std::printf("history: %d units, %zu nodes, %zu measurements, %zu as-of dates\n", shape.units,
              nodes, s.size(), dates.size());
  EvaluateOptions opt;
  opt.threads = 1;
  using clock = std::chrono::steady_clock;
  // t(one evaluate): the mean of evaluate() over the same 13 dates (an
  // early date has less data than a late one), best of `reps` runs.
  const int reps = shape.units >= 5000 ? 1 : 3;
  double one = 1e9, hist = 1e9, check = 0, check_h = 0;
  for (int rep = 0; rep < reps; ++rep) {
    const auto t0 = clock::now();
    for (const Date& d : dates) {
      const Scorecard sc = evaluate(m, s, d, opt);
      check = 0;
      for (const auto& n : sc.nodes) check += std::isnan(n.attainment) ? 0 : n.attainment;
    }
    one = std::min(one, bench::seconds_since(t0) / 13);
  }
  for (int rep = 0; rep < reps; ++rep) {
    const auto t0 = clock::now();
    double last = 0;
    evaluate_history(m, s, dates, opt, [&](const Scorecard& sc) {
      last = 0;
      for (const auto& n : sc.nodes) last += std::isnan(n.attainment) ? 0 : n.attainment;
    });
    hist = std::min(hist, bench::seconds_since(t0));
    check_h = last;
  }
  std::printf("one evaluate() (mean over the 13 dates): %.3f s; 13 separate evaluate(): %.3f s\n",
              one, 13 * one);
  std::printf("evaluate_history() of 13 dates: %.3f s (%.3f s per date)\n", hist, hist / 13);
  std::printf("checksum of the last date: evaluate %.6f, history %.6f (%s)\n", check, check_h,
              check == check_h ? "equal" : "DIFFERENT");
  bench::print_load_average();
  std::printf("ratio=%.3f\n", 13 * one / hist);
  return check == check_h ? 0 : 1;
}
