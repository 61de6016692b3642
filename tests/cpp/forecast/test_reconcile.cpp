// Tests for include/okrkit/forecast/reconcile.hpp on examples worked by hand.
// The comparison with hierarchicalforecast on generated and example
// hierarchies is in tests/python/test_reconcile.py.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include <okrkit/core/error.hpp>
#include <okrkit/forecast/reconcile.hpp>

using namespace okrkit;

namespace {
Hierarchy two_children() {
  return hierarchy_from_parents({{"total", ""}, {"A", "total"}, {"B", "total"}});
}
ReconcileResult run(const Hierarchy& h, const Eigen::MatrixXd& base, ReconcileMethod m,
                    const Eigen::MatrixXd& res = Eigen::MatrixXd(3, 0),
                    const Eigen::MatrixXd& hist = Eigen::MatrixXd(3, 0)) {
  ReconcileOptions o;
  o.method = m;
  return reconcile(h, base, res, hist, o);
}
}  // namespace

TEST_CASE("hierarchy from (node, parent): order, S and parents") {
  const Hierarchy h = hierarchy_from_parents(
      {{"b1", "r1"}, {"r1", "top"}, {"top", ""}, {"b2", "r1"}, {"r2", "top"}, {"b3", "r2"}});
  // Aggregates breadth-first (top, r1, r2), then leaves breadth-first (b1, b2, b3).
  REQUIRE(h.nodes == std::vector<std::string>{"top", "r1", "r2", "b1", "b2", "b3"});
  CHECK(h.n_bottom == 3);
  const Eigen::MatrixXd S = Eigen::MatrixXd(h.S);
  Eigen::MatrixXd want(6, 3);
  want << 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1;
  CHECK(S == want);
  CHECK(h.parent == std::vector<std::ptrdiff_t>{-1, 0, 0, 1, 1, 2});
  // The same structure from its summing matrix gives the same parents.
  const Hierarchy g = hierarchy_from_summing_matrix(h.S, h.nodes);
  CHECK(g.parent == h.parent);
}

TEST_CASE("hierarchy errors name the node") {
  CHECK_THROWS_WITH(hierarchy_from_parents({{"a", ""}, {"b", "x"}}),
                    Catch::Contains("node 'b' (row 2) has parent 'x', which is not a node"));
  CHECK_THROWS_WITH(hierarchy_from_parents({{"a", ""}, {"a", ""}}),
                    Catch::Contains("node 'a' appears twice"));
  CHECK_THROWS_WITH(hierarchy_from_parents({{"r", ""}, {"a", "b"}, {"b", "a"}}),
                    Catch::Contains("is its own ancestor"));
}

TEST_CASE("bottom-up, OLS and WLS-structural by hand") {
  const Hierarchy h = two_children();
  Eigen::MatrixXd base(3, 1);
  base << 10, 3, 5;  // total, A, B: incoherent by 2
  CHECK(run(h, base, ReconcileMethod::bottom_up).mean ==
        (Eigen::MatrixXd(3, 1) << 8, 3, 5).finished());
  // OLS: the 2 is spread equally over three series: U'ŷ = 10 − 8 = 2, U'U = 3,
  // b = (3, 5) + 2/3 → (11/3, 17/3), total 28/3.
  const Eigen::MatrixXd ols = run(h, base, ReconcileMethod::ols).mean;
  CHECK(ols(0, 0) == Approx(28.0 / 3).epsilon(1e-14));
  CHECK(ols(1, 0) == Approx(11.0 / 3).epsilon(1e-14));
  CHECK(ols(2, 0) == Approx(17.0 / 3).epsilon(1e-14));
  // WLS-structural, W = diag(2, 1, 1): U'WU = 2 + 1 + 1 = 4, b = (3, 5) + 2/4.
  const Eigen::MatrixXd wls = run(h, base, ReconcileMethod::wls_struct).mean;
  CHECK(wls(1, 0) == Approx(3.5).epsilon(1e-14));
  CHECK(wls(2, 0) == Approx(5.5).epsilon(1e-14));
  CHECK(wls(0, 0) == Approx(9.0).epsilon(1e-14));
}

TEST_CASE("top-down by hand") {
  const Hierarchy h = two_children();
  Eigen::MatrixXd base(3, 2);
  base << 10, 20, 3, 0, 5, 0;
  // Forecast proportions: 10 split 3:5; in column 2 the children sum to 0, so equally.
  const Eigen::MatrixXd fp = run(h, base, ReconcileMethod::top_down_forecast_proportions).mean;
  CHECK(fp(1, 0) == Approx(3.75));
  CHECK(fp(2, 0) == Approx(6.25));
  CHECK(fp(1, 1) == Approx(10.0));
  Eigen::MatrixXd hist(3, 2);
  hist << 4, 10, 1, 5, 3, 5;  // shares 1/4 and 1/2 of A → mean 3/8; averages 3/7
  const Eigen::MatrixXd ap =
      run(h, base, ReconcileMethod::top_down_average_proportions, Eigen::MatrixXd(3, 0), hist).mean;
  CHECK(ap(1, 0) == Approx(3.75));
  CHECK(ap(2, 0) == Approx(6.25));
  const Eigen::MatrixXd pa =
      run(h, base, ReconcileMethod::top_down_proportion_averages, Eigen::MatrixXd(3, 0), hist).mean;
  CHECK(pa(1, 0) == Approx(10.0 * 3.0 / 7.0));  // mean(A) / mean(total) = 3/7
  CHECK(pa(0, 0) == Approx(10.0));
}

TEST_CASE("MinT sample covariance with a diagonal covariance equals WLS") {
  // Residuals whose sample covariance is diag(4, 1, 1)·c would give WLS weights;
  // here: uncorrelated columns by construction (orthogonal ±1 patterns).
  const Hierarchy h = two_children();
  Eigen::MatrixXd res(3, 4);
  res << 2, -2, 2, -2,  //
      1, 1, -1, -1,     //
      1, -1, -1, 1;
  Eigen::MatrixXd base(3, 1);
  base << 10, 3, 5;
  // Covariance (divisor 3): diag(16/3, 4/3, 4/3) → U'WU = 8, b = (3, 5) + 2·(4/3)/8.
  const Eigen::MatrixXd r = run(h, base, ReconcileMethod::mint_cov, res).mean;
  CHECK(r(1, 0) == Approx(3.0 + 1.0 / 3.0).epsilon(1e-13));
  CHECK(r(2, 0) == Approx(5.0 + 1.0 / 3.0).epsilon(1e-13));
  double keep = 0;
  const Eigen::MatrixXd W = shrunk_covariance(res, 2e-8, &keep);
  CHECK(W(0, 1) == Approx(0.0).margin(1e-15));
  CHECK(W(0, 0) == Approx(16.0 / 3.0));
}

TEST_CASE("reconcile errors and non-negativity") {
  const Hierarchy h = two_children();
  Eigen::MatrixXd base(3, 1);
  base << -10, 3, -5;
  ReconcileOptions o;
  o.method = ReconcileMethod::bottom_up;
  o.nonnegative = true;
  const ReconcileResult r = reconcile(h, base, Eigen::MatrixXd(3, 0), Eigen::MatrixXd(3, 0), o);
  CHECK(r.clipped == 1);
  CHECK(r.mean(0, 0) == 3.0);
  o.method = ReconcileMethod::mint_shrink;
  CHECK_THROWS_WITH(reconcile(h, base, Eigen::MatrixXd(3, 0), Eigen::MatrixXd(3, 0), o),
                    Catch::Contains("method 'mint_shrink' needs residuals"));
  base(1, 0) = std::nan("");
  o.method = ReconcileMethod::ols;
  CHECK_THROWS_WITH(reconcile(h, base, Eigen::MatrixXd(3, 0), Eigen::MatrixXd(3, 0), o),
                    Catch::Contains("base forecast of node 'A' at column 0 is not finite"));
  CHECK_THROWS_WITH(parse_reconcile_method("mint"), Catch::Contains("unknown method 'mint'"));
}

TEST_CASE("reconciled standard deviations under normality by hand") {
  const Hierarchy h = two_children();
  Eigen::MatrixXd base(3, 1), sigma(3, 1);
  base << 10, 3, 5;
  sigma << 1, 1, 1;
  ReconcileOptions o;
  // Bottom-up, W = I: the total's variance is σ_A² + σ_B² = 2.
  o.method = ReconcileMethod::bottom_up;
  ReconcileResult r = reconcile(h, base, Eigen::MatrixXd(3, 0), Eigen::MatrixXd(3, 0), o, sigma);
  CHECK(r.sd(0, 0) == Approx(std::sqrt(2.0)).epsilon(1e-14));
  CHECK(r.sd(1, 0) == Approx(1.0).epsilon(1e-14));
  // OLS: P = (S'S)⁻¹S', S'S = [[2,1],[1,2]], inverse [[2,−1],[−1,2]]/3, so A's row of
  // P over (total, A, B) is (1, 2, −1)/3: variance 6/9; the total's row (2, 1, 1)/3: 6/9.
  o.method = ReconcileMethod::ols;
  r = reconcile(h, base, Eigen::MatrixXd(3, 0), Eigen::MatrixXd(3, 0), o, sigma);
  for (int i = 0; i < 3; ++i) CHECK(r.sd(i, 0) == Approx(std::sqrt(6.0 / 9.0)).epsilon(1e-14));
  o.method = ReconcileMethod::top_down_forecast_proportions;
  CHECK_THROWS_WITH(reconcile(h, base, Eigen::MatrixXd(3, 0), Eigen::MatrixXd(3, 0), o, sigma),
                    Catch::Contains("not defined for forecast_proportions"));
}

TEST_CASE("middle-out by hand") {
  // total -> north (a, b), south (c); the leaf solo directly under total.
  const Hierarchy h = hierarchy_from_parents({{"total", ""},
                                              {"north", "total"},
                                              {"south", "total"},
                                              {"solo", "total"},
                                              {"a", "north"},
                                              {"b", "north"},
                                              {"c", "south"}});
  // rows: total, north, south | solo, a, b, c
  REQUIRE(h.nodes == std::vector<std::string>{"total", "north", "south", "solo", "a", "b", "c"});
  Eigen::MatrixXd base(7, 1);
  base << 100, 50, 30, 5, 10, 30, 20;
  ReconcileOptions o;
  o.method = ReconcileMethod::middle_out;
  o.middle_level = 1;
  const Eigen::MatrixXd none(7, 0);
  // Level 1 (north 50, south 30, solo 5) kept; total = 85; north split 10 : 30.
  const ReconcileResult r = reconcile(h, base, none, none, o);
  Eigen::VectorXd want(7);
  want << 85, 50, 30, 5, 12.5, 37.5, 30;
  CHECK((r.mean.col(0) - want).cwiseAbs().maxCoeff() < 1e-12);
  // From history: a and b were 1/4 and 3/4 of north; c all of south. With
  // sigma 2 (north) and 1 (south, solo) the total's sd is √(4 + 1 + 1).
  Eigen::MatrixXd hist(7, 2);
  hist << 0, 0, 4, 8, 5, 5, 1, 1, 1, 2, 3, 6, 5, 5;
  o.middle_top_down = ReconcileMethod::top_down_average_proportions;
  Eigen::MatrixXd sigma = Eigen::MatrixXd::Ones(7, 1);
  sigma(1, 0) = 2;
  const ReconcileResult s = reconcile(h, base, none, hist, o, sigma);
  want << 85, 50, 30, 5, 12.5, 37.5, 30;
  CHECK((s.mean.col(0) - want).cwiseAbs().maxCoeff() < 1e-12);
  Eigen::VectorXd sd(7);
  sd << std::sqrt(6.0), 2, 1, 1, 0.5, 1.5, 1;
  CHECK((s.sd.col(0) - sd).cwiseAbs().maxCoeff() < 1e-12);
  o.middle_level = 3;
  CHECK_THROWS_WITH(reconcile(h, base, none, hist, o),
                    Catch::Contains("middle_out level 3 has no node; the deepest level of this "
                                    "hierarchy is 2"));
}

TEST_CASE("bootstrap intervals: paths, quantiles and determinism by hand") {
  const Hierarchy h = two_children();
  Eigen::MatrixXd base(3, 1);
  base << 10, 4, 5;
  // residual columns 0..3 of (total, A, B); T - h = 3 blocks: starts 0, 1, 2
  Eigen::MatrixXd res(3, 4);
  res << 0, 1, 2, 9, 1, 0, -1, 9, 0, 2, 4, 9;
  ReconcileOptions o;
  o.method = ReconcileMethod::bottom_up;
  BootstrapOptions bo;
  bo.levels = {50.0};
  bo.starts = {0, 1, 2, 2};
  const BootstrapResult r = reconcile_bootstrap(h, base, res, Eigen::MatrixXd(3, 0), o, bo);
  // bottom-up paths of the total: (4+1)+(5+0)=10, 4+7=11, 3+9=12, 12; type-7
  // quartiles of {10, 11, 12, 12}: positions 0.75 and 2.25 -> 10.75 and 12.
  CHECK(r.mean(0, 0) == 9.0);
  CHECK(r.lo[0](0, 0) == Approx(10.75).epsilon(1e-14));
  CHECK(r.hi[0](0, 0) == Approx(12.0).epsilon(1e-14));
  bo.starts.clear();
  bo.samples = 50;
  bo.seed = 9;
  const BootstrapResult a = reconcile_bootstrap(h, base, res, Eigen::MatrixXd(3, 0), o, bo);
  const BootstrapResult b = reconcile_bootstrap(h, base, res, Eigen::MatrixXd(3, 0), o, bo);
  CHECK(a.starts == b.starts);
  CHECK(a.lo[0] == b.lo[0]);
  for (std::size_t s : a.starts) CHECK(s < 3);
  o.nonnegative = true;
  CHECK_THROWS_WITH(reconcile_bootstrap(h, base, res, Eigen::MatrixXd(3, 0), o, bo),
                    Catch::Contains("nonnegative cannot be combined"));
}
