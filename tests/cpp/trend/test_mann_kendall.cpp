// Tests for include/okrkit/trend/mann_kendall.hpp against pyMannKendall 1.4's own
// expected values for its test series (tests/test_pymannkendall.py,
// "arbitrary" 360 values with 7 missing; copied to tests/data/mk_arbitrary_360.csv,
// expected figures from the team reference notes (reference/README.md) section trend/).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <okrkit/trend/mann_kendall.hpp>

#include "trend_test_data.hpp"

using namespace okrkit;

namespace {
std::vector<double> arbitrary() { return read_two_columns("mk_arbitrary_360.csv").second; }
constexpr double rel = 1e-9;
}  // namespace

TEST_CASE("original Mann-Kendall test matches pyMannKendall") {
  const auto y = arbitrary();
  REQUIRE(y.size() == 360);
  const MannKendall r = mann_kendall(y);
  CHECK(r.n == 353);
  CHECK(r.dropped == 7);
  CHECK(r.s == -1959);
  CHECK(rel_close(r.var_s, 4889800.333333333, rel));
  CHECK(rel_close(r.z, -0.8854562842589916, rel));
  CHECK(rel_close(r.p, 0.37591058740506833, rel));
  CHECK(rel_close(r.tau, -0.03153167653875869, rel));
  CHECK(r.trend == TrendDirection::none);
  CHECK_FALSE(r.significant);
  CHECK(rel_close(r.slope, -0.006369426751592357, rel));
  CHECK(rel_close(r.intercept, 96.15286624203821, rel));
}

TEST_CASE("Sen's slope keeps original positions (pyMannKendall.sens_slope)") {
  const auto y = arbitrary();
  const SenSlope s = sens_slope(y);
  CHECK(rel_close(s.slope, -0.006369426751592357, rel));
  CHECK(rel_close(s.intercept, 96.15286624203821, rel));
  CHECK(s.dropped == 7);
}

TEST_CASE("seasonal Mann-Kendall and seasonal Sen's slope, period 12") {
  const auto y = arbitrary();
  const MannKendall r = seasonal_mann_kendall(y, 12);
  CHECK(r.s == -399);
  CHECK(rel_close(r.var_s, 34702.333333333336, rel));
  CHECK(rel_close(r.z, -2.136504114534638, rel));
  CHECK(rel_close(r.p, 0.03263834596177739, rel));
  CHECK(rel_close(r.tau, -0.0794979079497908, rel));
  CHECK(r.trend == TrendDirection::decreasing);
  CHECK(rel_close(r.slope, -0.08695652173913043, rel));
  CHECK(rel_close(r.intercept, 96.31159420289855, rel));
  const SenSlope s = seasonal_sens_slope(y, 12);
  CHECK(rel_close(s.slope, -0.08695652173913043, rel));
  CHECK(rel_close(s.intercept, 96.31159420289855, rel));
}

TEST_CASE("Hamed-Rao modified test matches pyMannKendall") {
  const MannKendall r = hamed_rao(arbitrary());
  CHECK(r.s == -1959);
  CHECK(rel_close(r.var_s, 259723.81316716125, rel));
  CHECK(rel_close(r.z, -3.8419950613710894, rel));
  CHECK(rel_close(r.p, 0.00012203829241275166, rel));
  CHECK(r.trend == TrendDirection::decreasing);
}

TEST_CASE("Yue-Wang modified test matches pyMannKendall") {
  const MannKendall r = yue_wang(arbitrary());
  CHECK(rel_close(r.var_s, 551950.4269211816, rel));
  CHECK(rel_close(r.z, -2.6354977553857504, rel));
  CHECK(rel_close(r.p, 0.008401398144858296, rel));
  CHECK(r.trend == TrendDirection::decreasing);
}

TEST_CASE("Mann-Kendall by hand: ties and continuity correction") {
  // y = 1, 3, 2, 3, 5. Pairs i<j: sign(y_j - y_i):
  //  from 1: +,+,+,+ (4); from 3: -,0,+ (0); from 2: +,+ (2); from 3: + (1) -> S = 7.
  // Ties: one group of 2 -> Var = (5·4·15 − 2·1·9)/18 = (300 − 18)/18 = 15.666…
  // Z = (7 − 1)/√15.666… = 1.5158…; tau = 7/10.
  const MannKendall r = mann_kendall(std::vector<double>{1, 3, 2, 3, 5});
  CHECK(r.s == 7);
  CHECK(r.var_s == Approx(282.0 / 18.0).epsilon(1e-15));
  CHECK(r.z == Approx(6.0 / std::sqrt(282.0 / 18.0)).epsilon(1e-15));
  CHECK(r.tau == Approx(0.7));
}

TEST_CASE("constant series: S = 0, Z = 0, p = 1, no NaN, also in the modified tests") {
  const std::vector<double> y(20, 3.0);
  for (const MannKendall& r : {mann_kendall(y), hamed_rao(y), yue_wang(y)}) {
    CHECK(r.s == 0);
    CHECK(r.var_s == 0);
    CHECK(r.z == 0);
    CHECK(r.p == 1.0);
    CHECK(r.slope == 0);
    CHECK(r.trend == TrendDirection::none);
  }
}

TEST_CASE("Mann-Kendall input errors name the function and n") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(mann_kendall(std::vector<double>{1, nan}),
                    "mann_kendall: need at least 3 non-missing values, got n=1");
  CHECK_THROWS_WITH(mann_kendall(std::vector<double>{nan, nan, nan}),
                    "mann_kendall: all 3 values are missing");
  CHECK_THROWS_AS(hamed_rao(std::vector<double>{1, 2, 3, 4}, 0.05, 4), DomainError);
  CHECK_THROWS_AS(mann_kendall(std::vector<double>{1, 2, 3}, 1.5), DomainError);
  CHECK_THROWS_AS(seasonal_mann_kendall(std::vector<double>{1, 2, 3}, 12), DomainError);
  CHECK_THROWS_AS(seasonal_mann_kendall(std::vector<double>{1, 2, 3}, 0), DomainError);
}

// Correlated seasonal test: reference values from pymannkendall 1.4.3
// correlated_seasonal_test, carried in csmk_reference.hpp (five series: trend,
// ties with an incomplete last cycle, missing values, no trend, and the 360-value
// series above).
#include "csmk_reference.hpp"

TEST_CASE("correlated seasonal Mann-Kendall matches pymannkendall") {
  for (CsmkCase c : csmk_cases()) {
    INFO(c.name);
    if (c.y.empty()) c.y = arbitrary();
    const MannKendall r = correlated_seasonal_mann_kendall(c.y, c.period);
    CHECK(r.s == c.s);
    CHECK(std::fabs(r.var_s - c.var_s) <= 1e-10 * c.var_s);
    CHECK(std::fabs(r.z - c.z) <= 1e-10 * std::fabs(c.z));
    CHECK(std::fabs(r.p - c.p) <= 1e-12);
    CHECK(std::fabs(r.tau - c.tau) <= 1e-12);
    CHECK(std::fabs(r.slope - c.slope) <= 1e-12);
    CHECK(std::fabs(r.intercept - c.intercept) <= 1e-10);
    CHECK(std::string(to_string(r.trend)) == c.trend);
    CHECK(r.n + r.dropped == c.y.size());
    CHECK(r.n % c.period == 0);
  }
}

TEST_CASE("correlated seasonal Mann-Kendall by hand, two seasons") {
  // Cycles (a, b): (1, 2), (3, 1), (2, 4). Season a = 1,3,2: S_a = +1 +1 −1 = 1;
  // season b = 2,1,4: S_b = −1 +1 +1 = 1 → S = 2.
  // Γ_aa = [K(a,a) + 4 ΣR² − m(m+1)²]/3 with K(a,a) = 3 (no ties), ranks 1,3,2:
  //   (3 + 4·14 − 48)/3 = 11/3 (= n(n−1)(2n+5)/18 for n = 3). Same for b.
  // Γ_ab: pair signs (a,b): (1,2):(+,−), (1,3):(+,+), (2,3):(−,+) → K = −1 +1 −1 = −1;
  //   ranks a = 1,3,2, b = 2,1,3 → ΣR_aR_b = 2 + 3 + 6 = 11 → (−1 + 44 − 48)/3 = −5/3.
  // Var(S) = 11/3 + 11/3 − 2·5/3 = 4, Z = 2/2 = 1, tau = 2/(2·3) = 1/3.
  // A fourth, incomplete cycle (5) is left out and counted as dropped.
  const MannKendall r =
      correlated_seasonal_mann_kendall(std::vector<double>{1, 2, 3, 1, 2, 4, 5}, 2);
  CHECK(r.s == 2);
  CHECK(r.var_s == Approx(4.0).epsilon(1e-14));
  CHECK(r.z == Approx(1.0).epsilon(1e-14));
  CHECK(r.tau == Approx(1.0 / 3.0).epsilon(1e-14));
  CHECK(r.n == 6);
  CHECK(r.dropped == 1);
  CHECK_THROWS_WITH(correlated_seasonal_mann_kendall(std::vector<double>{1, 2, 3}, 2),
                    Catch::Contains("needs at least 2 complete cycles"));
  CHECK_THROWS_WITH(correlated_seasonal_mann_kendall(std::vector<double>{1, 1, 1, 1}, 2),
                    Catch::Contains("Var(S) is 0"));
  CHECK_THROWS_AS(correlated_seasonal_mann_kendall(std::vector<double>{1, 2, 3, 4}, 0),
                  DomainError);
}
