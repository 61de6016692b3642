// Tests for include/okrkit/core/values.hpp (the view the trend functions take).
#include <catch2/catch.hpp>

#include <array>
#include <string>
#include <type_traits>
#include <vector>

#include <Eigen/Core>

#include <okrkit/core/values.hpp>
#include <okrkit/trend/linear_trend.hpp>

using namespace okrkit;

TEST_CASE("Values views contiguous doubles without copying") {
  const std::vector<double> v{1.0, 3.0, 5.0};
  const Values a = v;
  CHECK(a.data() == v.data());
  CHECK(a.size() == 3);
  CHECK(a[2] == 5.0);

  const std::array<double, 2> arr{4.0, 8.0};
  CHECK(Values(arr).data() == arr.data());
  CHECK(Values(arr).size() == 2);

  Eigen::VectorXd e(4);
  e << 1, 3, 5, 7;
  CHECK(Values(e).data() == e.data());
  CHECK(Values(e).size() == 4);
  const Eigen::Map<const Eigen::VectorXd> m(v.data(), 3);
  CHECK(Values(m).data() == v.data());
  CHECK(Values(e.segment(1, 2)).data() == e.data() + 1);

  const double raw[] = {2.0, 4.0};
  const Values p(raw, 2);
  CHECK(p.size() == 2);
  CHECK(p.end() - p.begin() == 2);
  CHECK(Values().empty());
}

TEST_CASE("Values refuses what it would read wrongly, at compile time") {
  // Not doubles, strided (a row of a column-major matrix), two-dimensional.
  STATIC_REQUIRE_FALSE(std::is_convertible_v<std::vector<float>, Values>);
  STATIC_REQUIRE_FALSE(std::is_convertible_v<std::string, Values>);
  STATIC_REQUIRE_FALSE(
      std::is_convertible_v<decltype(std::declval<Eigen::MatrixXd&>().row(0)), Values>);
  STATIC_REQUIRE_FALSE(std::is_convertible_v<Eigen::MatrixXd, Values>);
  STATIC_REQUIRE(std::is_convertible_v<decltype(std::declval<Eigen::MatrixXd&>().col(0)), Values>);
}

TEST_CASE("a trend function gets the same numbers from every source") {
  // y = 1 + 2t exactly: slope 2, intercept 1 (hand-worked).
  const std::vector<double> v{1.0, 3.0, 5.0, 7.0};
  Eigen::VectorXd e(4);
  e << 1, 3, 5, 7;
  const std::array<double, 4> arr{1.0, 3.0, 5.0, 7.0};
  for (const LinearFit& f : {linear_trend(v), linear_trend(e), linear_trend(arr),
                             linear_trend(v.data(), v.size()), linear_trend(Values(v.data(), 4))}) {
    CHECK(f.slope == 2.0);
    CHECK(f.intercept == 1.0);
  }
}
