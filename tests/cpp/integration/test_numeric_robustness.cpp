// Numeric robustness (issue 7): no NaN or inf reaches a score or roll-up
// without a diagnostic. A generated organisation is poisoned with NaN
// measurements, NaN / inf value overrides, NaN check-ins and series that were
// never measured; after evaluate() every node's numbers are finite or NaN
// (never ±inf), and every node whose attainment is NaN, or whose value is not
// finite, either says so in a diagnostic or is plainly "no data".
// Trend sums on values around 1e9 are checked against an exact reference in
// tests/cpp/trend/test_trend.cpp ("OLS keeps full precision for values near 1e9").
#include <catch2/catch.hpp>

#include <okrkit/scoring/bulk.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "generated_org.hpp"

using namespace okrkit;

TEST_CASE("no NaN or inf reaches a score or roll-up without a diagnostic") {
  testing::OrgShape shape;
  shape.units = 60;
  shape.points = 8;
  shape.nan_share = 0.3;
  shape.poison = true;
  const auto g = testing::generate_org(shape);
  const Scorecard sc = evaluate(g.model, g.series, Date(2025, 6, 30));
  REQUIRE(sc.nodes.size() >= std::size_t(shape.units) * testing::nodes_per_unit);
  std::size_t silent = 0, nan_scores = 0;
  for (const NodeScore& n : sc.nodes) {
    INFO("node " << n.id);
    const double scores[] = {n.progress, n.performance, n.attainment, n.grade, n.expected};
    for (double x : scores) CHECK(!std::isinf(x));  // a score is a number or missing
    if (std::isnan(n.attainment)) ++nan_scores;
    const bool bad_value = !std::isnan(n.value) && !std::isfinite(n.value);
    const bool explained = !n.diagnostics.empty() ||
                           (n.status == Status::no_data && n.value_source == Provenance::none);
    if ((std::isnan(n.attainment) || bad_value) && !explained) {
      ++silent;
      UNSCOPED_INFO("silent: " << n.id);
    }
    // A node scored from an infinite value must carry a diagnostic.
    if (bad_value) CHECK(!n.diagnostics.empty());
  }
  CHECK(nan_scores > 0);  // the poison did reach some nodes
  CHECK(silent == 0);
}

TEST_CASE("a clean generated organisation scores every node") {
  testing::OrgShape shape;
  shape.units = 30;
  const auto g = testing::generate_org(shape);
  const Scorecard sc = evaluate(g.model, g.series, Date(2025, 6, 30));
  for (const NodeScore& n : sc.nodes) {
    INFO("node " << n.id);
    if (n.kind == NodeKind::unit) continue;
    CHECK(std::isfinite(n.attainment));
  }
}

// --- numbers at the edges (issue 15) ----------------------------------------

TEST_CASE("evaluate: a KR spanning -1e308 .. 1e308 scores 0.5, not a silent 0") {
  // (61000 + 1e308) / (1e308 + 1e308): the span overflows unless halved first;
  // halved, (30500 + 5e307) / 1e308 = 0.5 (tests/cpp/scoring/test_progress.cpp).
  Model m;
  m.cycles.push_back({"c", "2025-Q2", Date(2025, 4, 1), Date(2025, 6, 30)});
  m.units = {{"u", "U", "", "team"}};
  Objective o;
  o.id = "o";
  o.unit = "u";
  o.cycle = "c";
  m.objectives = {o};
  KeyResult k;
  k.id = "kr-huge";
  k.objective = "o";
  k.target.kind = TargetKind::increase;
  k.target.baseline = -1e308;
  k.target.target = 1e308;
  k.series = "s";
  m.key_results = {k};
  SeriesStore s;
  s.add("s", Date(2025, 5, 1), 61000);
  s.finalize();
  const Scorecard sc = evaluate(m, s, Date(2025, 5, 16));
  const NodeScore* n = sc.find("kr-huge");
  REQUIRE(n);
  CHECK(n->progress == 0.5);
  CHECK(n->attainment == 0.5);
  CHECK(sc.find("o")->attainment == 0.5);
}

TEST_CASE("property: bulk and scalar kernels agree bit for bit at extreme magnitudes") {
  // b, t, v of any magnitude (subnormal to 1.7e308, either sign, some ±0):
  // the SSE loop, its scalar tail and progress_kernel() give the same bits.
  std::mt19937_64 rng(308);
  std::uniform_real_distribution<double> e(-322, 308.25);
  std::bernoulli_distribution neg(0.5);
  auto any = [&] {
    const double x = std::pow(10.0, e(rng));
    return neg(rng) ? -x : x;
  };
  const std::size_t n = 20001;  // odd: the scalar tail runs too
  std::vector<double> B(n), T(n), V(n), P(n), A(n), C(n, std::numeric_limits<double>::infinity());
  std::vector<std::uint8_t> K(n);
  for (std::size_t i = 0; i < n; ++i) {
    B[i] = any();
    T[i] = i % 17 == 0 ? B[i] : any();  // some flat spans
    V[i] = i % 13 == 0 ? 0.0 : any();
    K[i] = static_cast<std::uint8_t>(i % 2);
  }
  BulkColumns c;
  c.size = n;
  c.kind = K.data();
  c.baseline = B.data();
  c.target = T.data();
  c.value = V.data();
  c.cap = C.data();
  score_bulk(c, BulkOutput{P.data(), A.data(), nullptr});
  std::size_t differ = 0, nan = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double p = progress_kernel(static_cast<TargetKind>(K[i]), B[i], T[i], V[i]);
    differ += std::memcmp(&p, &P[i], sizeof p) != 0;
    nan += std::isnan(p);
  }
  CHECK(differ == 0);
  CHECK(nan == 0);  // finite inputs never give NaN, whatever their magnitude
  // and the overflowing row of the issue, in the vector loop
  const double b2[2] = {-1e308, -1e308}, t2[2] = {1e308, 1e308}, v2[2] = {61000, 1.7e308};
  double p2[2], a2[2];
  BulkColumns c2;
  c2.size = 2;
  c2.baseline = b2;
  c2.target = t2;
  c2.value = v2;
  score_bulk(c2, BulkOutput{p2, a2, nullptr});
  CHECK(p2[0] == 0.5);           // 5e307 / 1e308
  CHECK(p2[1] == Approx(1.35));  // (0.85e308 + 0.5e308) / 1e308
  CHECK(a2[1] == 1.0);
}
