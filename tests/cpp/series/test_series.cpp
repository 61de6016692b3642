#include <catch2/catch.hpp>

#include <cmath>

#include <okrkit/series/series.hpp>

using namespace okrkit;

TEST_CASE("series store groups by series and sorts by date, stable") {
  SeriesStore s;
  s.add("b", Date(2025, 2, 1), 2.0);
  s.add("a", Date(2025, 3, 1), 30.0);
  s.add("a", Date(2025, 1, 1), 10.0);
  s.add("a", Date(2025, 3, 1), 31.0);  // same date: input order kept
  s.add("b", Date(2025, 1, 1), SeriesStore::missing);
  s.finalize();
  REQUIRE(s.size() == 5);
  REQUIRE(s.series_count() == 2);
  auto a = s.view("a");
  REQUIRE(a.size == 3);
  CHECK(a.date(0) == Date(2025, 1, 1));
  CHECK(a.values[1] == 30.0);
  CHECK(a.values[2] == 31.0);
  auto b = s.view("b");
  REQUIRE(b.size == 2);
  CHECK(std::isnan(b.values[0]));  // missing kept, not dropped
  CHECK(b.numerators == nullptr);
  CHECK(s.view("zzz").empty());
}

TEST_CASE("ratio columns appear once any row has them") {
  SeriesStore s;
  s.add("conv", Date(2025, 1, 1), 0.1);
  s.add("conv", Date(2025, 1, 2), 0.2, 20, 100);
  s.finalize();
  auto v = s.view("conv");
  REQUIRE(v.numerators != nullptr);
  CHECK(std::isnan(v.numerators[0]));
  CHECK(v.numerators[1] == 20);
  CHECK(v.denominators[1] == 100);
}
