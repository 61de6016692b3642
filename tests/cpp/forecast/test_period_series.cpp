// Tests for include/okrkit/forecast/period_series.hpp on examples worked by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <okrkit/forecast/period_series.hpp>

using namespace okrkit;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
}

TEST_CASE("common periods: the overlap where every series has a value") {
  // a covers periods 10..14, b 12..16 with period 13 missing: common 12 and 14
  const PeriodSeries a{3, 10, {1, 2, 3, 4, 5}};
  const PeriodSeries b{3, 12, {30, kNaN, 50, 60, 70}};
  const Eigen::MatrixXd m = common_periods({&a, &b});
  REQUIRE(m.cols() == 2);
  CHECK(m(0, 0) == 3);
  CHECK(m(0, 1) == 5);
  CHECK(m(1, 0) == 30);
  CHECK(m(1, 1) == 50);
  const PeriodSeries weekly{1, 12, {1, 2, 3}};
  CHECK(common_periods({&a, &weekly}).cols() == 0);  // another period kind
}

TEST_CASE("correlation factor: F F' = R, pairwise over the overlap") {
  // x and y = 2x + 1 over the same 6 periods: correlation exactly 1; z is
  // x reversed (x: 1 2 4 3 6 5, z: 5 6 3 4 2 1). By hand: deviations
  // −2.5 −1.5 0.5 −0.5 2.5 1.5 and 1.5 2.5 −0.5 0.5 −1.5 −2.5, Σ products =
  // −3.75 − 3.75 − 0.25 − 0.25 − 3.75 − 3.75 = −15.5, Σ squares 17.5 each:
  // ρ = −15.5/17.5 = −31/35.
  const PeriodSeries x{3, 0, {1, 2, 4, 3, 6, 5}};
  const PeriodSeries y{3, 0, {3, 5, 9, 7, 13, 11}};
  const PeriodSeries z{3, 0, {5, 6, 3, 4, 2, 1}};
  double lambda = -1;
  const Eigen::MatrixXd F = correlation_factor({&x, &y, &z}, 6, &lambda);
  const Eigen::MatrixXd R = F * F.transpose();
  CHECK(lambda == 0.0);
  CHECK(R(0, 0) == Approx(1).epsilon(1e-12));
  CHECK(R(1, 0) == Approx(1).epsilon(1e-12));
  CHECK(R(2, 0) == Approx(-31.0 / 35.0).epsilon(1e-12));
  CHECK(R(2, 1) == Approx(-31.0 / 35.0).epsilon(1e-12));
  // fewer common periods than asked: independent (the identity, as given)
  const PeriodSeries late{3, 3, {1, 2, 4}};
  CHECK(correlation_factor({&x, &late}, 6).isIdentity(0.0));
  // Pairs estimated over different periods need not fit together: a = b on
  // periods 0..5, b = c on 6..11, a = −c on 12..17 give ρ_ab = ρ_bc = 1 and
  // ρ_ac = −1, i.e. R = I + M with M's eigenvalues 1, 1, −2 — not positive
  // semi-definite. (1 − λ)R + λI = I + (1 − λ)M needs 1 − 2(1 − λ) ≥ 0: λ = 0.5.
  const std::vector<double> u{1, 2, 4, 3, 6, 5};
  PeriodSeries pa{3, 0, std::vector<double>(18, kNaN)}, pb = pa, pc = pa;
  for (std::size_t t = 0; t < 6; ++t) {
    pa.values[t] = pb.values[t] = u[t];
    pb.values[6 + t] = pc.values[6 + t] = u[t];
    pa.values[12 + t] = u[t];
    pc.values[12 + t] = -u[t];
  }
  const Eigen::MatrixXd G = correlation_factor({&pa, &pb, &pc}, 6, &lambda);
  CHECK(lambda == Approx(0.5).epsilon(1e-12));
  const Eigen::MatrixXd RG = G * G.transpose();
  CHECK(RG(1, 0) == Approx(0.5).epsilon(1e-9));
  CHECK(RG(2, 1) == Approx(0.5).epsilon(1e-9));
  CHECK(RG(2, 0) == Approx(-0.5).epsilon(1e-9));
  CHECK(RG.diagonal().isOnes(1e-9));
}
