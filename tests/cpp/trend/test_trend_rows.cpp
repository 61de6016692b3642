// Tests for include/okrkit/trend/trend_rows.hpp: bulk results equal the single-series
// functions (tested against references in their own files), bad rows are NaN.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <okrkit/trend/trend_rows.hpp>

using namespace okrkit;

TEST_CASE("bulk rows equal single calls on any number of threads; bad rows are NaN") {
  const std::size_t rows = 37, cols = 20;
  std::vector<double> y(rows * cols);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j)
      y[i * cols + j] =
          std::sin(0.7 * static_cast<double>(i * cols + j)) + 0.05 * static_cast<double>(i * j);
  for (std::size_t j = 0; j < cols; ++j) y[5 * cols + j] = std::numeric_limits<double>::quiet_NaN();
  for (unsigned threads : {1u, 3u, 0u}) {
    const auto lt = linear_trend_rows(y.data(), rows, cols, 0.9, threads);
    const auto mk = mann_kendall_rows(y.data(), rows, cols, 0.05, threads);
    REQUIRE(lt.rows.size() == rows);
    for (std::size_t i = 0; i < rows; ++i) {
      if (i == 5) continue;
      const LinearFit one = linear_trend(y.data() + i * cols, cols, 0.9);
      CHECK(lt.rows[i].slope == one.slope);
      CHECK(lt.rows[i].p_value == one.p_value);
      CHECK(lt.errors[i].empty());
      const MannKendall m = mann_kendall(y.data() + i * cols, cols);
      CHECK(mk.rows[i].s == m.s);
      CHECK(mk.rows[i].p == m.p);
    }
    CHECK(std::isnan(lt.rows[5].slope));
    CHECK(std::isnan(mk.rows[5].z));
    CHECK(lt.errors[5] == "linear_trend: all 20 values are missing");
    CHECK(mk.errors[5] == "mann_kendall: all 20 values are missing");
  }
}
