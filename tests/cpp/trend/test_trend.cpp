// Tests for include/okrkit/trend/linear_trend.hpp (OLS linear trend).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <Eigen/Core>

#include <okrkit/trend/linear_trend.hpp>

#include "trend_test_data.hpp"

using namespace okrkit;

TEST_CASE("OLS reproduces NIST StRD Norris certified values") {
  // tests/data/nist_norris.csv: NIST Statistical Reference Datasets, "Norris"
  // (linear regression, lower difficulty), https://www.itl.nist.gov/div898/strd/
  // Certified values copied from the NIST page (via the team reference notes
  // (reference/README.md)).
  const auto [x, y] = read_two_columns("nist_norris.csv");
  REQUIRE(x.size() == 36);
  const LinearFit f = linear_trend(x, y);
  CHECK(rel_close(f.intercept, -0.262323073774029, 1e-12));
  CHECK(rel_close(f.intercept_se, 0.232818234301152, 1e-12));
  CHECK(rel_close(f.slope, 1.00211681802045, 1e-13));
  CHECK(rel_close(f.slope_se, 4.29796848199937e-4, 1e-12));
  CHECK(rel_close(f.residual_sd, 0.884796396144373, 1e-12));
  CHECK(rel_close(f.r_squared, 0.999993745883712, 1e-14));
  CHECK(rel_close(f.residual_ss, 26.6173985294224, 1e-12));
  CHECK(f.df() == 34);
  CHECK(f.n == 36);
  CHECK(f.dropped == 0);
}

TEST_CASE("OLS matches the scipy linregress / R lm example") {
  // scipy.stats.linregress and R: lm(y ~ x) on this data (reference README).
  const std::vector<double> x{151, 174, 138, 186, 128, 136, 179, 163, 152, 131};
  const std::vector<double> y{63, 81, 56, 91, 47, 57, 76, 72, 62, 48};
  const LinearFit f = linear_trend(x, y);
  CHECK(rel_close(f.slope, 0.6746104491292, 1e-12));
  CHECK(rel_close(f.intercept, -38.4550870760770, 1e-12));
  CHECK(rel_close(f.r_squared, 0.95478224775, 1e-10));
  CHECK(rel_close(f.p_value, 1.16440531074e-06, 1e-10));
  CHECK(rel_close(f.slope_se, 0.0519051424731, 1e-11));
  CHECK(rel_close(f.intercept_se, 8.0490133029927, 1e-12));
  // 95% interval: slope ± t(0.975, 8)·se, t(0.975, 8) = 2.306004135204166 (scipy t.ppf)
  CHECK(rel_close(f.slope_high - f.slope, 2.306004135204166 * 0.0519051424731, 1e-11));
  CHECK(rel_close(f.intercept - f.intercept_low, 2.306004135204166 * 8.0490133029927, 1e-11));
}

TEST_CASE("OLS keeps full precision for values near 1e9 with small variation") {
  // Daily epoch-second times around 1.7e9, values 1e9 + a few tenths. Exact
  // reference computed with Python fractions.Fraction on the same doubles
  // (sqrt and the t quantile with decimal at 50 digits; t(0.975, 10) from
  // scipy): slope 2.74681915306915306915e-6, ... The textbook one-pass
  // formula gets the slope wrong in the 4th digit (2.7473e-6) on this data.
  std::vector<double> t, y;
  const double d[] = {0.125, 0.5, 0.25, 1.0, 0.875, 1.5, 1.25, 2.0, 1.875, 2.25, 2.75, 2.5};
  for (int i = 0; i < 12; ++i) {
    t.push_back(1.7e9 + 86400.0 * i);
    y.push_back(1e9 + d[i]);
  }
  const LinearFit f = linear_trend(t, y);
  CHECK(rel_close(f.slope, 2.74681915306915306915e-6, 1e-12));
  CHECK(rel_close(f.intercept, 9.99995330508401320901e+8, 1e-15));
  CHECK(rel_close(f.residual_ss, 5.12183129370629370629e-1, 1e-12));
  CHECK(rel_close(f.r_squared, 9.40210268527641988654e-1, 1e-13));
  CHECK(rel_close(f.residual_sd, 2.26314632618094177580e-1, 1e-12));
  CHECK(rel_close(f.slope_se, 2.19043753790013174302e-7, 1e-12));
  CHECK(rel_close(f.intercept_se, 3.72478476764272283244e+2, 1e-9));
  CHECK(rel_close(f.t_value, 1.25400478467986716051e+1, 1e-12));
  CHECK(rel_close(f.slope_low, 2.25875925496470907640e-6, 1e-12));
  CHECK(rel_close(f.slope_high, 3.23487905117359706191e-6, 1e-12));
  CHECK(rel_close(f.p_value, 1.9290542156603677e-07, 1e-10));  // scipy t.sf·2
}

TEST_CASE("OLS on positions drops NaN and keeps positions") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // y = 1 + 2t at t = 0, 2, 3, 5 with t = 1, 4 missing: exact line.
  const std::vector<double> y{1, nan, 5, 7, nan, 11};
  const LinearFit f = linear_trend(y);
  CHECK(f.n == 4);
  CHECK(f.dropped == 2);
  CHECK(f.slope == Approx(2.0).epsilon(1e-14));
  CHECK(f.intercept == Approx(1.0).epsilon(1e-14));
  CHECK(f.r_squared == 1.0);
  CHECK(f.p_value == 0.0);
  CHECK(f.predict(6) == Approx(13.0));
  Eigen::VectorXd v(4);
  v << 1, 3, 5, 7;
  CHECK(linear_trend(v).slope == Approx(2.0));
}

TEST_CASE("OLS on a constant series: slope 0, R² 1, p 1, no NaN") {
  const std::vector<double> y(7, 42.5);
  const LinearFit f = linear_trend(y);
  CHECK(f.slope == 0.0);
  CHECK(f.intercept == 42.5);
  CHECK(f.r_squared == 1.0);
  CHECK(f.slope_se == 0.0);
  CHECK(f.t_value == 0.0);
  CHECK(f.p_value == 1.0);
  CHECK(f.slope_low == 0.0);
  CHECK(f.slope_high == 0.0);
}

TEST_CASE("OLS rejects too-short, all-missing and degenerate input") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(linear_trend(std::vector<double>{}),
                    "linear_trend: need at least 3 non-missing values, got n=0");
  CHECK_THROWS_WITH(linear_trend(std::vector<double>{1, nan, 2}),
                    "linear_trend: need at least 3 non-missing values, got n=2");
  CHECK_THROWS_WITH(linear_trend(std::vector<double>{nan, nan, nan}),
                    "linear_trend: all 3 values are missing");
  CHECK_THROWS_AS(linear_trend(std::vector<double>{1, 1, 1}, std::vector<double>{1, 2, 3}),
                  DomainError);
  CHECK_THROWS_AS(linear_trend(std::vector<double>{1, 2, 3}, 1.5), DomainError);
  CHECK_THROWS_AS(linear_trend(std::vector<double>{1, std::numeric_limits<double>::infinity(), 3}),
                  DomainError);
}
