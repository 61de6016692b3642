#include <catch2/catch.hpp>

#include <okrkit/time/date.hpp>

using namespace okrkit;

TEST_CASE("ISO dates parse strictly") {
  CHECK(parse_date("2025-06-30") == Date(2025, 6, 30));
  CHECK(parse_date("2024-02-29") == Date(2024, 2, 29));
  CHECK_THROWS_WITH(parse_date("2025-02-30"), "date '2025-02-30' does not exist");
  CHECK_THROWS_WITH(parse_date("1900-02-29"), "date '1900-02-29' does not exist");
  CHECK_THROWS_AS(parse_date("2025-6-30"), ParseError);
  CHECK_THROWS_AS(parse_date("2025-06-30T00:00"), ParseError);
  CHECK_THROWS_AS(parse_date(""), ParseError);
}

TEST_CASE("day numbers count from 1970-01-01") {
  CHECK(to_day_number(Date(1970, 1, 1)) == 0);
  CHECK(to_day_number(Date(2000, 3, 1)) == 11017);  // Python: date(2000,3,1).toordinal()-719163
  CHECK(from_day_number(-1) == Date(1969, 12, 31));
  CHECK(format_date(from_day_number(20089)) ==
        "2025-01-01");  // Python: date(1970,1,1)+timedelta(20089)
}
