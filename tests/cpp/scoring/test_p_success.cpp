// Tests for the scorecard's reconciled outlook (EvaluateOptions::reconcile)
// and P(objective succeeds) (NodeScore::p_success); docs/forecast.md.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include <okrkit/forecast/ets.hpp>
#include <okrkit/forecast/model_hierarchy.hpp>
#include <okrkit/forecast/reconcile.hpp>
#include <okrkit/scoring/scorecard.hpp>

using namespace okrkit;

namespace {
// Monthly values Jan..Aug 2025 rising by `step` with a fixed zig-zag, so the
// fit is not exact and the forecast has a spread.
void add_series(SeriesStore& s, const char* id, double start, double step) {
  const double wiggle[8] = {1.5, -2.0, 0.5, 2.5, -1.0, -2.5, 1.0, 0.0};
  for (int i = 0; i < 8; ++i)
    s.add(id, to_day_number(Date(2025, i + 1, 1).end_of_month()),
          start + step * i + wiggle[i] * step / 5.0);
}
Model base_model() {
  Model m;
  m.cycles.push_back({"y", "2025", Date(2025, 1, 1), Date(2025, 12, 31)});
  m.units.push_back({"u", "U", "", ""});
  Objective ob;
  ob.id = "o";
  ob.unit = "u";
  ob.cycle = "y";
  ob.type = ObjectiveType::committed;
  m.objectives = {ob};
  return m;
}
KeyResult increase_kr(const char* id, const char* series, double target) {
  KeyResult k;
  k.id = id;
  k.objective = "o";
  k.series = series;
  k.target.kind = TargetKind::increase;
  k.target.baseline = 0;
  k.target.target = target;
  return k;
}
Kpi increase_kpi(const char* id, const char* series, double target) {
  Kpi k;
  k.id = id;
  k.unit = "u";
  k.series = series;
  k.target.kind = TargetKind::increase;
  k.target.baseline = 0;
  k.target.target = target;
  return k;
}
}  // namespace

TEST_CASE("p_success: committed objective of two independent KRs, by hand") {
  // A committed objective succeeds when its weighted mean of attainments
  // reaches 1; attainment is capped at 1, so the mean of two equally weighted
  // KRs is 1 only when both reach their targets. The KRs' forecasts are
  // independent normals, so P(objective) = P(KR1) * P(KR2), the product of the
  // analytic probabilities in the rows' `probability` column.
  Model m = base_model();
  // targets near the December projection (~ start + 11 * step) so P is not 0 or 1
  m.key_results = {increase_kr("k1", "s1", 120.0), increase_kr("k2", "s2", 112.0)};
  SeriesStore s;
  add_series(s, "s1", 10, 10);
  add_series(s, "s2", 5, 10);
  s.finalize();
  EvaluateOptions o;
  o.outlook = true;
  o.outlook_draws = 20000;
  o.seed = 7;
  const Scorecard sc = evaluate(m, s, Date(2025, 8, 31), o);
  const double p1 = sc.find("k1")->probability, p2 = sc.find("k2")->probability;
  REQUIRE(p1 > 0.05);
  REQUIRE(p1 < 0.95);
  REQUIRE(p2 > 0.05);
  REQUIRE(p2 < 0.95);
  const double p = p1 * p2;
  const double se = std::sqrt(p * (1 - p) / 20000.0);
  const double mc = sc.find("o")->p_success;
  CHECK(std::fabs(mc - p) < 3 * se);
  // KRs and KPIs have no p_success
  CHECK(std::isnan(sc.find("k1")->p_success));
  // the unit (one member: the objective) succeeds when the objective's score
  // reaches the green band (0.7), which is more likely than reaching 1
  CHECK(sc.find("u")->p_success >= mc);

  SECTION("deterministic for a seed, the same on any number of threads") {
    EvaluateOptions o4 = o;
    o4.threads = 4;  // 20 000 draws: blocks of 5 000 on four threads
    const Scorecard sc4 = evaluate(m, s, Date(2025, 8, 31), o4);
    CHECK(sc4.find("o")->p_success == mc);
    CHECK(sc4.find("u")->p_success == sc.find("u")->p_success);
    const Scorecard again = evaluate(m, s, Date(2025, 8, 31), o);
    CHECK(again.find("o")->p_success == mc);
    EvaluateOptions other = o;
    other.seed = 8;
    CHECK(evaluate(m, s, Date(2025, 8, 31), other).find("o")->p_success != mc);
  }
  SECTION("monotone: a higher success level is never more likely") {
    // the same draws for every level (same seed), so the counts are nested
    double last = 1.0;
    for (double level : {0.3, 0.5, 0.7, 0.9, 1.0}) {
      EvaluateOptions ol = o;
      ol.success_threshold = level;
      const double pl = evaluate(m, s, Date(2025, 8, 31), ol).find("o")->p_success;
      CHECK(pl <= last);
      last = pl;
    }
    CHECK(last == mc);  // level 1 is the committed objective's own level
  }
  SECTION("monotone: a higher target is never more likely") {
    Model harder = m;
    harder.key_results[0].target.target = 130.0;
    CHECK(evaluate(harder, s, Date(2025, 8, 31), o).find("o")->p_success <= mc);
  }
}

TEST_CASE("p_success of the cycle: the cycle score's draws, by hand") {
  // One cycle, one aspirational objective with one KR: the cycle score is the
  // objective's score in every draw, and the cycle's level (aspirational_success,
  // 0.7) is the aspirational objective's level, so P(cycle) = P(objective)
  // exactly (the same draws). A second, abandoned objective with a frozen score
  // of 0 is left out by default; counted as 0 (abandoned=zero) it halves the
  // cycle score of every draw, which then never reaches 0.7 (scores <= 1).
  Model m = base_model();
  m.objectives[0].type = ObjectiveType::aspirational;
  m.key_results = {increase_kr("k1", "s1", 170.0)};  // 0.7 * 170 = 119 ~ the December projection
  Objective gone;
  gone.id = "gone";
  gone.unit = "u";
  gone.cycle = "y";
  gone.state = NodeState::abandoned;
  gone.close.closed_on = Date(2025, 3, 1);
  gone.close.final_score = 0.0;
  gone.close.note = "merged into o";
  m.objectives.push_back(gone);
  SeriesStore s;
  add_series(s, "s1", 10, 10);
  s.finalize();
  EvaluateOptions o;
  o.outlook = true;
  o.outlook_draws = 5000;
  const Scorecard sc = evaluate(m, s, Date(2025, 8, 31), o);
  REQUIRE(sc.cycles.size() == 1);
  const double po = sc.find("o")->p_success;
  REQUIRE(po > 0.05);
  REQUIRE(po < 0.95);
  CHECK(sc.cycles[0].p_success == po);
  o.threads = 3;
  CHECK(evaluate(m, s, Date(2025, 8, 31), o).cycles[0].p_success == po);
  o.abandoned = AbandonedPolicy::zero;
  CHECK(evaluate(m, s, Date(2025, 8, 31), o).cycles[0].p_success == 0.0);
  // without the outlook: no forecast, no probability
  o.outlook = false;
  CHECK(std::isnan(evaluate(m, s, Date(2025, 8, 31), o).cycles[0].p_success));
}

TEST_CASE("p_success: no forecast below, no p_success") {
  Model m = base_model();
  KeyResult k = increase_kr("k1", "", 100.0);
  k.value_override = 50.0;
  m.key_results = {k};
  SeriesStore s;
  s.finalize();
  EvaluateOptions o;
  o.outlook = true;
  const Scorecard sc = evaluate(m, s, Date(2025, 8, 31), o);
  CHECK(std::isnan(sc.find("o")->p_success));
  CHECK(std::isnan(sc.find("u")->p_success));
}

TEST_CASE("reconciled outlook: coherent and equal to reconcile() by hand") {
  // total = east + west, each with its own series; the total's own series is
  // not the exact sum, so the base forecasts disagree.
  Model m = base_model();
  m.kpis = {increase_kpi("total", "s-total", 250.0), increase_kpi("east", "s-east", 120.0),
            increase_kpi("west", "s-west", 130.0)};
  m.kpis[0].sum_of = {"east", "west"};
  SeriesStore s;
  add_series(s, "s-total", 30, 21);
  add_series(s, "s-east", 10, 10);
  add_series(s, "s-west", 15, 9);
  s.finalize();
  EvaluateOptions o;
  o.outlook = true;
  const Date as_of(2025, 8, 31);
  const Scorecard none = evaluate(m, s, as_of, o);
  const Hierarchy h = hierarchy_from_model(m);
  REQUIRE(h.nodes == std::vector<std::string>{"total", "east", "west"});
  Eigen::MatrixXd base(3, 1);
  for (int i = 0; i < 3; ++i) base(i, 0) = none.find(h.nodes[std::size_t(i)])->projected_value;
  // the base forecasts are not coherent
  REQUIRE(std::fabs(base(0, 0) - base(1, 0) - base(2, 0)) > 1.0);
  for (auto [opt, method] : {std::pair{OutlookReconcile::ols, ReconcileMethod::ols},
                             std::pair{OutlookReconcile::wls_struct, ReconcileMethod::wls_struct},
                             std::pair{OutlookReconcile::bottom_up, ReconcileMethod::bottom_up}}) {
    EvaluateOptions orc = o;
    orc.reconcile = opt;
    const Scorecard sc = evaluate(m, s, as_of, orc);
    const double t = sc.find("total")->projected_value, e = sc.find("east")->projected_value,
                 w = sc.find("west")->projected_value;
    CHECK(std::fabs(t - (e + w)) <= 1e-10 * std::fabs(t));
    ReconcileOptions ro;
    ro.method = method;
    const ReconcileResult rr = reconcile(h, base, Eigen::MatrixXd(3, 0), Eigen::MatrixXd(3, 0), ro);
    CHECK(std::fabs(t - rr.mean(0, 0)) <= 1e-10 * std::fabs(t));
    CHECK(std::fabs(e - rr.mean(1, 0)) <= 1e-10 * std::fabs(e));
    CHECK(std::fabs(w - rr.mean(2, 0)) <= 1e-10 * std::fabs(w));
    CHECK(sc.find("total")->projected_progress == Approx(t / 250.0).epsilon(1e-12));
    bool noted = false;
    for (const auto& d : sc.find("total")->diagnostics) noted |= d.code == "reconciled";
    CHECK(noted);
  }
  // OLS on one parent and two children, by hand: with d = total − east − west
  // (base), the reconciled values move every node by d/3 towards coherence.
  EvaluateOptions orc = o;
  orc.reconcile = OutlookReconcile::ols;
  const Scorecard sc = evaluate(m, s, as_of, orc);
  const double d = base(0, 0) - base(1, 0) - base(2, 0);
  CHECK(sc.find("east")->projected_value == Approx(base(1, 0) + d / 3).epsilon(1e-12));
  CHECK(sc.find("total")->projected_value == Approx(base(0, 0) - d / 3).epsilon(1e-12));
}

TEST_CASE("reconciled outlook: a cascaded KR gets the sum of its children") {
  Model m = base_model();
  KeyResult top = increase_kr("k-top", "", 230.0);
  top.cascade_from = {"k1", "k2"};
  m.key_results = {top, increase_kr("k1", "s1", 120.0), increase_kr("k2", "s2", 110.0)};
  SeriesStore s;
  add_series(s, "s1", 10, 10);
  add_series(s, "s2", 5, 10);
  s.finalize();
  EvaluateOptions o;
  o.outlook = true;
  o.reconcile = OutlookReconcile::ols;
  const Scorecard sc = evaluate(m, s, Date(2025, 8, 31), o);
  const double t = sc.find("k-top")->projected_value;
  CHECK(t ==
        Approx(sc.find("k1")->projected_value + sc.find("k2")->projected_value).epsilon(1e-12));
  CHECK(!std::isnan(sc.find("o")->p_success));
}

TEST_CASE("p_success: key results of one series family are drawn correlated") {
  // k1 and k2 read the same series s1 (one family), with targets 120 and 125:
  // their forecasts are the same fit, their residuals identical, so the
  // estimated correlation is 1 and the draws move together. The committed
  // objective needs both targets, i.e. the value must reach 125:
  // P(objective) = min(P(k1), P(k2)) = P(k2), not the product of the two
  // (which independent draws would give, as for k1/k2 on different series in
  // the first test case).
  Model m = base_model();
  m.key_results = {increase_kr("k1", "s1", 120.0), increase_kr("k2", "s1", 125.0)};
  SeriesStore s;
  add_series(s, "s1", 10, 10);
  s.finalize();
  EvaluateOptions o;
  o.outlook = true;
  o.outlook_draws = 20000;
  o.seed = 11;
  const Scorecard sc = evaluate(m, s, Date(2025, 8, 31), o);
  const double p1 = sc.find("k1")->probability, p2 = sc.find("k2")->probability;
  REQUIRE(p2 > 0.05);
  REQUIRE(p1 < 0.95);
  REQUIRE(p2 < p1);
  const double mc = sc.find("o")->p_success;
  const double se = std::sqrt(p2 * (1 - p2) / 20000.0);
  CHECK(std::fabs(mc - p2) < 3 * se);
  CHECK(mc > p1 * p2 + 10 * se);  // clearly not independent
  // deterministic, and the same on any number of threads
  EvaluateOptions o3 = o;
  o3.threads = 3;
  CHECK(evaluate(m, s, Date(2025, 8, 31), o3).find("o")->p_success == mc);
  CHECK(evaluate(m, s, Date(2025, 8, 31), o).find("o")->p_success == mc);
}

TEST_CASE("p_success: a cascade joins its children into one family") {
  // The first test case's objective (k1 on s1, k2 on s2, committed), plus a
  // KR k-top in another objective that cascades from both. s1 and s2 differ
  // by a constant (10 + 10t + w vs 5 + 10t + w), so their fits' residuals are
  // identical: correlation 1. Apart they were independent (p = P1·P2); in
  // one family they reach their targets together: p = min(P1, P2).
  Model m = base_model();
  Objective o2;
  o2.id = "o2";
  o2.unit = "u";
  o2.cycle = "y";
  m.objectives.push_back(o2);
  KeyResult top = increase_kr("k-top", "", 232.0);
  top.objective = "o2";
  top.cascade_from = {"k1", "k2"};
  m.key_results = {increase_kr("k1", "s1", 120.0), increase_kr("k2", "s2", 112.0), top};
  SeriesStore s;
  add_series(s, "s1", 10, 10);
  add_series(s, "s2", 5, 10);
  s.finalize();
  EvaluateOptions o;
  o.outlook = true;
  o.outlook_draws = 20000;
  o.seed = 7;
  const Scorecard sc = evaluate(m, s, Date(2025, 8, 31), o);
  const double p1 = sc.find("k1")->probability, p2 = sc.find("k2")->probability;
  const double p = std::min(p1, p2);
  const double se = std::sqrt(p * (1 - p) / 20000.0);
  const double mc = sc.find("o")->p_success;
  CHECK(std::fabs(mc - p) < 3 * se);
  CHECK(mc > p1 * p2 + 10 * se);
  EvaluateOptions o2t = o;
  o2t.threads = 2;
  const Scorecard sc2 = evaluate(m, s, Date(2025, 8, 31), o2t);
  CHECK(sc2.find("o")->p_success == mc);
  CHECK(sc2.find("u")->p_success == sc.find("u")->p_success);
}

TEST_CASE("reconciled outlook: the residual and top-down methods") {
  // total = east + west as above. The outlook fits Holt's linear method by
  // least squares with simple initial states to the 8 months (fewer than 10
  // periods); the same fit here gives the residuals and actuals that
  // wls_var / mint_shrink / the historical top-down methods use.
  Model m = base_model();
  m.kpis = {increase_kpi("total", "s-total", 250.0), increase_kpi("east", "s-east", 120.0),
            increase_kpi("west", "s-west", 130.0)};
  m.kpis[0].sum_of = {"east", "west"};
  SeriesStore s;
  add_series(s, "s-total", 30, 21);
  add_series(s, "s-east", 10, 10);
  add_series(s, "s-west", 15, 9);
  s.finalize();
  EvaluateOptions o;
  o.outlook = true;
  const Date as_of(2025, 8, 31);
  const Scorecard none = evaluate(m, s, as_of, o);
  const Hierarchy h = hierarchy_from_model(m);
  Eigen::MatrixXd base(3, 1), res(3, 8), hist(3, 8);
  const double start[3] = {30, 10, 15}, step[3] = {21, 10, 9};
  const double wiggle[8] = {1.5, -2.0, 0.5, 2.5, -1.0, -2.5, 1.0, 0.0};
  for (int i = 0; i < 3; ++i) {
    base(i, 0) = none.find(h.nodes[std::size_t(i)])->projected_value;
    std::vector<double> y(8);
    for (int t = 0; t < 8; ++t)
      y[std::size_t(t)] = start[i] + step[i] * t + wiggle[t] * step[i] / 5;
    EtsOptions eo;
    eo.criterion = Criterion::least_squares;
    eo.init = InitMethod::simple;
    eo.parameterization = Parameterization::holt;
    const EtsFit fit =
        fit_ets(y, EtsSpec{ErrorType::additive, TrendType::additive, SeasonType::none, 1}, eo);
    for (int t = 0; t < 8; ++t) {
      res(i, t) = fit.residuals[std::size_t(t)];
      hist(i, t) = y[std::size_t(t)];
    }
  }
  for (auto [opt, method] : {std::pair{OutlookReconcile::wls_var, ReconcileMethod::wls_var},
                             std::pair{OutlookReconcile::mint_shrink, ReconcileMethod::mint_shrink},
                             std::pair{OutlookReconcile::average_proportions,
                                       ReconcileMethod::top_down_average_proportions},
                             std::pair{OutlookReconcile::proportion_averages,
                                       ReconcileMethod::top_down_proportion_averages},
                             std::pair{OutlookReconcile::forecast_proportions,
                                       ReconcileMethod::top_down_forecast_proportions}}) {
    EvaluateOptions orc = o;
    orc.reconcile = opt;
    const Scorecard sc = evaluate(m, s, as_of, orc);
    ReconcileOptions ro;
    ro.method = method;
    const ReconcileResult rr = reconcile(h, base, res, hist, ro);
    for (int i = 0; i < 3; ++i) {
      const double got = sc.find(h.nodes[std::size_t(i)])->projected_value;
      CHECK(std::fabs(got - rr.mean(i, 0)) <= 1e-10 * std::fabs(rr.mean(i, 0)));
    }
    const double t = sc.find("total")->projected_value;
    CHECK(std::fabs(t - sc.find("east")->projected_value - sc.find("west")->projected_value) <=
          1e-10 * std::fabs(t));
    CHECK(!std::isnan(sc.find("east")->probability));
  }
  // mint_cov needs more periods than series in the tree: 8 > 3, so it works too
  EvaluateOptions oc = o;
  oc.reconcile = OutlookReconcile::mint_cov;
  const Scorecard sc = evaluate(m, s, as_of, oc);
  const double t = sc.find("total")->projected_value;
  CHECK(std::fabs(t - sc.find("east")->projected_value - sc.find("west")->projected_value) <=
        1e-10 * std::fabs(t));
}
