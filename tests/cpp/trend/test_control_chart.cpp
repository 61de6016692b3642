// Tests for include/okrkit/trend/control_chart.hpp: XmR limits and run rules,
// worked by hand below.
#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include <okrkit/trend/control_chart.hpp>

using namespace okrkit;

using Idx = std::vector<std::size_t>;

TEST_CASE("XmR limits and a point beyond them, with a missing value") {
  // Worked example. y = 10, 11, (missing), 10, 12, 11, 10, 11, 30, 11, 10
  // Non-missing: 10 11 10 12 11 10 11 30 11 10 → sum 126, X̄ = 12.6
  // Moving ranges (the gap is bridged): 1 1 2 1 1 1 19 19 1 → sum 46, MR̄ = 46/9 = 5.111…
  // Limits: 12.6 ± 2.66·5.111… = 12.6 ± 13.595… → [−0.9956, 26.1956]
  // 30 (input index 8) is above the upper limit. Below X̄: indices 0,1,3..7
  // (7 points, the gap does not break the run) then 9, 10: no run of 8.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const XmR c = xmr(std::vector<double>{10, 11, nan, 10, 12, 11, 10, 11, 30, 11, 10});
  CHECK(c.n == 10);
  CHECK(c.dropped == 1);
  CHECK(c.centre == Approx(12.6).epsilon(1e-15));
  CHECK(c.mean_moving_range == Approx(46.0 / 9.0).epsilon(1e-15));
  CHECK(c.upper == Approx(12.6 + 2.66 * 46.0 / 9.0).epsilon(1e-15));
  CHECK(c.lower == Approx(12.6 - 2.66 * 46.0 / 9.0).epsilon(1e-13));  // cancels
  CHECK(c.range_upper == Approx(3.268 * 46.0 / 9.0).epsilon(1e-15));
  CHECK(c.beyond_limits == Idx{8});
  CHECK(c.one_side_run.empty());
  CHECK(c.trend_run.empty());
}

TEST_CASE("XmR run of 8+ on one side, and low points beyond the limit") {
  // y = 12 11 12 13 11 12 12 11 12 1 2: sum 109, X̄ = 9.909…
  // MR: 1 1 1 2 1 0 1 1 11 1 → 20/10 = 2; limits 9.909 ± 5.32 = [4.589, 15.229]
  // → 1 and 2 (indices 9, 10) are below; indices 0..8 (9 points) above X̄.
  // Steps: − + + − + 0 − + − + → no 5 steps in one direction.
  const XmR c = xmr(std::vector<double>{12, 11, 12, 13, 11, 12, 12, 11, 12, 1, 2});
  CHECK(c.mean_moving_range == 2.0);
  CHECK(c.beyond_limits == Idx{9, 10});
  CHECK(c.one_side_run == Idx{0, 1, 2, 3, 4, 5, 6, 7, 8});
  CHECK(c.trend_run.empty());
}

TEST_CASE("XmR run of 6 rising points") {
  // y = 5 1 2 3 4 5 6 2: steps − + + + + + − → points 1..6 rise (6 points).
  // X̄ = 28/8 = 3.5, MR̄ = 13/7, limits 3.5 ± 4.94 → nothing beyond.
  const XmR c = xmr(std::vector<double>{5, 1, 2, 3, 4, 5, 6, 2});
  CHECK(c.trend_run == Idx{1, 2, 3, 4, 5, 6});
  CHECK(c.beyond_limits.empty());
  CHECK(c.one_side_run.empty());
  // 5 rising points are not enough; a tie breaks a run
  CHECK(xmr(std::vector<double>{5, 1, 2, 3, 4, 5, 2}).trend_run.empty());
  CHECK(xmr(std::vector<double>{1, 2, 3, 3, 4, 5, 6}).trend_run.empty());
  // rising then falling share the peak, which is listed once
  CHECK(xmr(std::vector<double>{1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1}).trend_run ==
        Idx{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
}

TEST_CASE("XmR input errors") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(xmr(std::vector<double>{nan, 4}),
                    "xmr: need at least 2 non-missing values, got n=1");
  CHECK_THROWS_WITH(xmr(std::vector<double>{nan, nan}), "xmr: all 2 values are missing");
  const XmR flat = xmr(std::vector<double>(10, 7.0));
  CHECK(flat.upper == 7.0);
  CHECK(flat.beyond_limits.empty());
  CHECK(flat.one_side_run.empty());
}
