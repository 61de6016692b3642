// Benchmark: live scorecards (issue 18, item 5). The generated 1M-node
// organisation of bench_hierarchy.cpp (tests/cpp/generated_org.hpp, 10,000
// units); evaluate() once (single thread, best of 3), then >= 1,000 times:
// one measurement appended to a random measured key result and
// Scorecard::update(). Prints the median and 99th percentile of one update,
// checks the last state against a full evaluate(), repeats with outlook on
// (on a tenth of the organisation and fewer updates: a full evaluate() with
// outlook fits a model per series) and ends with
// ratio=<t(full evaluate) / median t(one update)> for outlook off (goal >= 1000).
//   bench_incremental [units = 10000] [updates = 1000]
#include <okrkit/io/scorecard_io.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench_org.hpp"

using namespace okrkit;

namespace {

struct Figures {
  double full = 0, median = 0, p99 = 0;
  bool same = false;
};

Figures run(int units, int updates, bool outlook) {
  testing::OrgShape shape = bench::million_node_shape(units);
  if (outlook) {
    shape.points = 8;  // enough months of history for a forecast
    shape.spacing_days = 20;
  }
  auto g = testing::generate_org(shape);
  const Date as_of(2025, 6, 20);
  EvaluateOptions opt;
  opt.outlook = outlook;
  Figures f;
  f.full = 1e9;
  Scorecard card;
  for (int rep = 0; rep < (outlook ? 1 : 3); ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    card = evaluate(g.model, g.series, as_of, opt);
    f.full = std::min(f.full, bench::seconds_since(t0));
  }
  // measured key results: those with a series
  std::vector<std::size_t> measured;
  for (std::size_t k = 0; k < g.model.key_results.size(); ++k)
    if (!g.model.key_results[k].series.empty() && g.series.contains(g.model.key_results[k].series))
      measured.push_back(k);
  std::mt19937 rng(42);
  std::vector<double> times;
  times.reserve(static_cast<std::size_t>(updates));
  ScorecardChanges ch;
  ch.duplicates = DuplicatePolicy::last;
  ch.measurements.resize(1);
  for (int i = 0; i < updates; ++i) {
    const auto& kr = g.model.key_results[measured[rng() % measured.size()]];
    ch.measurements[0] = {kr.series, Date(2025, 6, 1 + static_cast<int>(rng() % 19)),
                          10.0 + static_cast<double>(rng() % 1000) / 10.0};
    const auto t0 = std::chrono::steady_clock::now();
    card.update(g.model, g.series, ch);
    times.push_back(bench::seconds_since(t0));
  }
  std::sort(times.begin(), times.end());
  f.median = times[times.size() / 2];
  f.p99 = times[std::min(times.size() - 1, times.size() * 99 / 100)];
  f.same = to_json(card) == to_json(evaluate(g.model, g.series, as_of, opt));
  std::printf(
      "outlook %s: %zu rows; full evaluate() %.3f s; %d updates of one measurement: median "
      "%.1f us, p99 %.1f us; identical to a full evaluate(): %s; ratio %.0f\n",
      outlook ? "on " : "off", card.nodes.size(), f.full, updates, f.median * 1e6, f.p99 * 1e6,
      f.same ? "yes" : "NO", f.full / f.median);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  const int units = argc > 1 ? std::stoi(argv[1]) : 10000;
  const int updates = argc > 2 ? std::stoi(argv[2]) : 1000;
  const Figures off = run(units, updates, false);
  // Outlook on fits a model per series in the full evaluate(): a tenth of
  // the organisation keeps the run short (the update cost does not depend
  // on the organisation's size, the full evaluate() grows linearly).
  const Figures on = run(std::max(1, units / 10), std::max(100, updates / 10), true);
  std::printf("outlook on: ratio=%.0f (not the headline figure)\n", on.full / on.median);
  std::printf("ratio=%.1f\n", off.full / off.median);
  return off.same && on.same ? 0 : 1;
}
