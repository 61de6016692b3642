// A generated organisation for the concurrency, numeric-robustness and scale
// checks and the hierarchy benchmarks (tests/cpp/integration/test_concurrency.cpp,
// test_numeric_robustness.cpp, test_nothing_lost.cpp, test_scorecard.cpp,
// benchmarks/bench_scale.cpp, bench_hierarchy.cpp: the one generator they
// share). A 10-ary unit tree; per unit (by default) 4 objectives, 10 key
// results (mixed kinds: measured, checked in, overridden, cascaded), 4 KPIs
// and 2 CSFs, i.e. 20 scored nodes per unit. Objective 0 of a unit aligns to
// objective 0 of the parent unit, the unit's other objectives to its
// objective 0. Key result k is checked in when k % 10 == 5, overridden when
// k % 10 == 7, cascaded from k - 1 and k - 3 when k % 10 == 9, else measured.
// Every measured node has its own series of `points` measurements
// `spacing_days` apart ending 2025-06-30.
#pragma once

#include <okrkit/model/model.hpp>
#include <okrkit/series/series.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace okrkit::testing {

struct GeneratedOrg {
  Model model;
  SeriesStore series;
};

struct OrgShape {
  int units = 100;
  int points = 10;         ///< measurements per series
  double nan_share = 0.0;  ///< share of measurements that are NaN (deterministic pattern)
  bool poison = false;     ///< also NaN / inf overrides, check-ins and empty series
  int spacing_days = 1;    ///< days between a series' measurements
  int objectives = 4;      ///< per unit
  int key_results = 10;    ///< per unit (spread over the objectives: k % objectives)
  int kpis = 4;            ///< per unit
  int csfs = 2;            ///< per unit, CSF c measured by KPIs 2c and 2c + 1 (mod kpis)

  /// Nodes per unit that evaluate() scores (objectives, KRs, KPIs, CSFs).
  int nodes_per_unit() const noexcept { return objectives + key_results + kpis + csfs; }
};

/// Nodes per unit that evaluate() scores with the default shape: 4 objectives
/// + 10 KRs + 4 KPIs + 2 CSFs.
inline constexpr int nodes_per_unit = 20;

inline GeneratedOrg generate_org(const OrgShape& shape) {
  GeneratedOrg g;
  Model& m = g.model;
  SeriesStore& s = g.series;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  m.cycles.push_back({"q", "2025-Q2", Date(2025, 4, 1), Date(2025, 6, 30)});
  m.perspectives = {{"fin", "Financial", 0.4}, {"cus", "Customer", 0.3}, {"int", "Internal", 0.3}};
  const Date end(2025, 6, 30);
  const char* persp[] = {"fin", "cus", "int"};
  std::uint64_t rng = 0x9E3779B97F4A7C15ull;
  auto next = [&rng]() {  // splitmix64: deterministic, platform independent
    std::uint64_t z = (rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return double((z ^ (z >> 31)) >> 11) / double(1ull << 53);
  };
  auto add_series = [&](const std::string& id, double from, double to) {
    for (int j = 0; j < shape.points; ++j) {
      const double f = shape.points > 1 ? double(j) / (shape.points - 1) : 1.0;
      double v = from + (to - from) * f + (next() - 0.5);
      if (shape.nan_share > 0 && next() < shape.nan_share) v = nan;
      s.add(id, to_day_number(end) - (shape.points - 1 - j) * shape.spacing_days, v);
    }
  };
  for (int u = 0; u < shape.units; ++u) {
    const std::string U = "u" + std::to_string(u);
    const std::string P = u ? "u" + std::to_string((u - 1) / 10) : "";
    m.units.push_back({U, "unit " + std::to_string(u), P, "team"});
    for (int o = 0; o < shape.objectives; ++o) {
      Objective ob;
      ob.id = U + "o" + std::to_string(o);
      ob.unit = U;
      ob.cycle = "q";
      ob.perspective = persp[o % 3];
      ob.type = o % 4 == 0 ? ObjectiveType::aspirational : ObjectiveType::committed;
      ob.rollup = o % 4 == 3 ? RollupMethod::min : RollupMethod::weighted_mean;
      if (o == 0 && u > 0) ob.aligns_to.push_back({P + "o0", 0.5});
      if (o > 0) ob.aligns_to.push_back({U + "o0", 1.0});
      m.objectives.push_back(std::move(ob));
    }
    for (int k = 0; k < shape.key_results; ++k) {
      KeyResult kr;
      kr.id = U + "k" + std::to_string(k);
      kr.objective = U + "o" + std::to_string(k % shape.objectives);
      kr.weight = 1 + k % 3;
      const double b = 10 + k + u % 7, t = k % 2 ? b * 0.6 : b * 1.5;
      kr.target.kind = k % 2 ? TargetKind::decrease : TargetKind::increase;
      kr.target.baseline = b;
      kr.target.target = t;
      if (k % 10 == 5) {
        kr.checkins = {
            {Date(2025, 4, 21), b + (t - b) * 0.3, 0.6, ""},
            {Date(2025, 5, 11), shape.poison && u % 3 == 0 ? nan : b + (t - b) * 0.5, 0.7, ""}};
      } else if (k % 10 == 7) {
        kr.value_override =
            shape.poison && u % 2 == 0 ? (u % 4 == 0 ? nan : inf) : b + (t - b) * 0.8;
      } else if (k % 10 == 9) {
        kr.target.kind = TargetKind::increase;
        kr.target.baseline = 0;
        kr.target.target = 100;
        kr.cascade_from = {U + "k" + std::to_string(k - 1), U + "k" + std::to_string(k - 3)};
      } else {
        kr.series = kr.id;
        if (!(shape.poison && k == 4 && u % 5 == 0))  // poison: some series never measured
          add_series(kr.series, b, b + (t - b) * (0.4 + 0.1 * (u % 5)));
      }
      m.key_results.push_back(std::move(kr));
    }
    for (int k = 0; k < shape.kpis; ++k) {
      Kpi kpi;
      kpi.id = U + "p" + std::to_string(k);
      kpi.unit = U;
      kpi.perspective = persp[k % 3];
      kpi.target.kind = k % 2 ? TargetKind::at_most : TargetKind::at_least;
      kpi.target.target = 50;
      kpi.thresholds = {50.0, k % 2 ? 60.0 : 40.0};
      kpi.series = kpi.id;
      add_series(kpi.series, 35.0 + k, 45.0 + k + u % 10);
      m.kpis.push_back(std::move(kpi));
    }
    for (int c = 0; c < shape.csfs; ++c) {
      Csf csf;
      csf.id = U + "c" + std::to_string(c);
      csf.unit = U;
      csf.objective = U + "o" + std::to_string(c % shape.objectives);
      csf.measured_by = {{U + "p" + std::to_string(2 * c % shape.kpis), 1.0},
                         {U + "p" + std::to_string((2 * c + 1) % shape.kpis), 2.0}};
      m.csfs.push_back(std::move(csf));
    }
  }
  s.finalize();
  return g;
}

}  // namespace okrkit::testing
