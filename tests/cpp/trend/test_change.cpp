// Tests for include/okrkit/trend/change.hpp; expected values from pandas 2.3
// (Series.diff / pct_change(fill_method=None)) and worked by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <okrkit/trend/change.hpp>

using namespace okrkit;

TEST_CASE("period-over-period change as pandas diff / pct_change") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> y{10, 12, nan, 13, 15, 14, nan, nan, 18, 20};
  const PeriodChange c = period_change(y);
  // pandas pct_change(fill_method=None):
  // [nan, 0.2, nan, nan, 0.15384615384615374, -0.0666…, nan, nan, nan, 0.1111…]
  const double rel[] = {nan, 0.2, nan, nan, 2.0 / 13.0, -1.0 / 15.0, nan, nan, nan, 1.0 / 9.0};
  const double abs_[] = {nan, 2, nan, nan, 2, -1, nan, nan, nan, 2};
  for (int i = 0; i < 10; ++i) {
    INFO("i = " << i);
    if (std::isnan(rel[i])) {
      CHECK(std::isnan(c.relative[i]));
      CHECK(std::isnan(c.absolute[i]));
    } else {
      CHECK(c.relative[i] == Approx(rel[i]).epsilon(1e-15));
      CHECK(c.absolute[i] == abs_[i]);
    }
  }
  CHECK(c.missing == 5);
  CHECK(c.lag == 1);
}

TEST_CASE("year-over-year change compares the same month a year apart") {
  std::vector<double> y(24);
  for (int i = 0; i < 24; ++i) y[i] = 100.0 + i;  // +12 per year
  const PeriodChange c = year_over_year(y, 12);
  CHECK(std::isnan(c.absolute[11]));
  CHECK(c.absolute[12] == 12.0);
  CHECK(c.relative[12] == Approx(0.12));
  CHECK(c.relative[23] == Approx(12.0 / 111.0));
  CHECK_THROWS_WITH(year_over_year(std::vector<double>(12, 1.0), 12),
                    "year_over_year: need at least 13 values, got n=12");
  CHECK_THROWS_AS(period_change(y, 0), DomainError);
}

TEST_CASE("CAGR: (last/first)^(1/years) − 1") {
  CHECK(cagr(100.0, 121.0, 2.0) == Approx(0.1).epsilon(1e-15));
  CHECK(cagr(100.0, 0.0, 3.0) == -1.0);
  CHECK(cagr(5.0, 5.0, 1.5) == 0.0);
  // monthly series: first value at index 1, last at index 25 → 2 years
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> y(27, nan);
  y[1] = 50.0;
  y[13] = 60.0;
  y[25] = 72.0;
  CHECK(cagr(y, 12.0) == Approx(0.2).epsilon(1e-15));
  CHECK_THROWS_AS(cagr(0.0, 5.0, 1.0), DomainError);
  CHECK_THROWS_AS(cagr(1.0, -5.0, 1.0), DomainError);
  CHECK_THROWS_AS(cagr(std::vector<double>{nan, 3.0}, 12.0), DomainError);
}
