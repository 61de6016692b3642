// Tests for include/okrkit/trend/theil_sen.hpp against scipy.stats.theilslopes
// (scipy 1.17) on Sen's (1968) example and a tied example.
#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include <okrkit/trend/theil_sen.hpp>

#include "trend_test_data.hpp"

using namespace okrkit;

TEST_CASE("Theil-Sen reproduces Sen (1968) example as scipy theilslopes") {
  // scipy.stats.theilslopes(y, x, alpha) → slope 4, intercept 4 ('separate',
  // median(y) − slope·median(x)) or 6 ('joint', median(y − slope·x)); CI
  // [3.7142857142857144, 4.375] at 0.95 (and 0.07: scipy folds it to 93%, same
  // indices here), [3.75, 4.181818181818182] at 0.90.
  const std::vector<double> x{1, 2, 3, 4, 10, 12, 18}, y{9, 15, 19, 20, 45, 55, 78};
  TheilSen r = theil_sen(x, y, 0.07);
  CHECK(r.slope == 4.0);
  CHECK(r.intercept == 4.0);
  CHECK(r.slope_low == Approx(3.7142857142857144).epsilon(1e-15));
  CHECK(r.slope_high == 4.375);
  r = theil_sen(x, y, 0.95, InterceptMethod::joint);
  CHECK(r.intercept == 6.0);
  CHECK(r.slope_low == Approx(3.7142857142857144).epsilon(1e-15));
  CHECK(r.slope_high == 4.375);
  r = theil_sen(x, y, 0.9);
  CHECK(r.slope_low == 3.75);
  CHECK(r.slope_high == Approx(4.181818181818182).epsilon(1e-15));
  CHECK(r.n == 7);
}

TEST_CASE("Theil-Sen with ties in x and y (tie terms of Sen's variance)") {
  // scipy.stats.theilslopes([2,3,3,5,4,4,9,8], [1,1,2,3,3,3,5,8], 0.95)
  //   = (1.0, 1.0, 0.5, 2.0)
  const std::vector<double> x{1, 1, 2, 3, 3, 3, 5, 8}, y{2, 3, 3, 5, 4, 4, 9, 8};
  const TheilSen r = theil_sen(x, y, 0.95);
  CHECK(r.slope == 1.0);
  CHECK(r.intercept == 1.0);
  CHECK(r.slope_low == 0.5);
  CHECK(r.slope_high == 2.0);
}

TEST_CASE("Theil-Sen drops NaN pairs and rejects degenerate input") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> y{1, nan, 3, 4};
  const TheilSen r = theil_sen(y);
  CHECK(r.slope == 1.0);
  CHECK(r.dropped == 1);
  CHECK_THROWS_WITH(theil_sen(std::vector<double>{nan, 2}),
                    "theil_sen: need at least 2 non-missing values, got n=1");
  CHECK_THROWS_WITH(theil_sen(std::vector<double>{1, 1}, std::vector<double>{1, 2}),
                    "theil_sen: all x values are equal");
  CHECK_THROWS_AS(sens_slope(std::vector<double>{nan, nan}), DomainError);
}
