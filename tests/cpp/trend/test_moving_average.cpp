// Tests for include/okrkit/trend/moving_average.hpp; expected values printed by
// pandas 2.3 (rolling(...).mean(), ewm(..., adjust=False).mean()).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <okrkit/trend/moving_average.hpp>

using namespace okrkit;

namespace {
const double na = std::numeric_limits<double>::quiet_NaN();  // missing
const std::vector<double> y{10, 12, na, 13, 15, 14, na, na, 18, 20};

void check_same(const std::vector<double>& got, const std::vector<double>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("i = " << i);
    if (std::isnan(want[i]))
      CHECK(std::isnan(got[i]));
    else
      CHECK(got[i] == Approx(want[i]).epsilon(1e-14));
  }
}
}  // namespace

TEST_CASE("SMA as pandas rolling mean, with and without min_periods") {
  // s.rolling(3).mean(), s.rolling(3, min_periods=2).mean()
  check_same(sma(y, 3), {na, na, na, na, na, 14.0, na, na, na, na});
  check_same(sma(y, 3, 2), {na, 11.0, 11.0, 12.5, 14.0, 14.0, 14.5, na, na, 19.0});
  CHECK_THROWS_AS(sma(y, 0), DomainError);
  CHECK_THROWS_AS(sma(y, 2, 3), DomainError);
}

TEST_CASE("EMA as pandas ewm(adjust=False), missing values included") {
  // s.ewm(alpha=0.3, adjust=False).mean()
  check_same(ema(y, 0.3),
             {10.0, 10.6, 10.6, 11.511392405063292, 12.557974683544304, 12.99058227848101,
              12.99058227848101, 12.99058227848101, 15.327791168769808, 16.729453818138865});
  // pd.Series([na, na, 5, 6, 7]).ewm(span=3, adjust=False).mean()
  check_same(ema_span(std::vector<double>{na, na, 5, 6, 7}, 3.0), {na, na, 5.0, 5.5, 6.25});
  CHECK_THROWS_AS(ema(y, 0.0), DomainError);
  CHECK_THROWS_AS(ema_span(y, 0.5), DomainError);
}

TEST_CASE("moving averages reject empty and all-missing input") {
  CHECK_THROWS_WITH(sma(std::vector<double>{}, 3), "sma: need at least 1 value, got n=0");
  CHECK_THROWS_WITH(ema(std::vector<double>{na, na}, 0.5), "ema: all 2 values are missing");
}
