// Dates as users type them (include/okrkit/time/date_input.hpp). Jalali
// references: the Iranian calendar as published (1 Farvardin 1404 = 21 March
// 2025; 1 Khordad 1404 = 22 May 2025, so 10 Khordad = 31 May 2025; 1403 is a
// leap year, 30 Esfand 1403 = 20 March 2025).
#include <catch2/catch.hpp>

#include <okrkit/time/date_input.hpp>

using namespace okrkit;

TEST_CASE("Gregorian by default, inside 1700..2300") {
  CHECK(parse_date("2025-05-31", DateCalendar::gregorian, "--as-of") == Date(2025, 5, 31));
  CHECK(parse_date("1700-01-01", DateCalendar::gregorian, "x") == Date(1700, 1, 1));
  CHECK(parse_date("2300-12-31", DateCalendar::gregorian, "x") == Date(2300, 12, 31));
  CHECK_THROWS_WITH(
      parse_date("1699-12-31", DateCalendar::gregorian, "--as-of"),
      "--as-of: date '1699-12-31' has year 1699, outside the Gregorian years 1700..2300");
  CHECK_THROWS_WITH(
      parse_date("2301-01-01", DateCalendar::gregorian, "--as-of"),
      "--as-of: date '2301-01-01' has year 2301, outside the Gregorian years 1700..2300");
  CHECK_THROWS_WITH(parse_date("2025-02-30", DateCalendar::gregorian, "--as-of"),
                    "--as-of: date '2025-02-30' does not exist");
  CHECK_THROWS_WITH(parse_date("45808", DateCalendar::gregorian, "--as-of"),
                    "--as-of: date '45808' is not YYYY-MM-DD");
}

TEST_CASE("a Jalali-looking date names the option that reads it") {
  CHECK_THROWS_WITH(
      parse_date("1404-03-10", DateCalendar::gregorian, "--as-of"),
      "--as-of: date '1404-03-10' has year 1404, outside the Gregorian years 1700..2300; "
      "it is a valid Solar Hijri date (2025-05-31): to read the dates as Solar Hijri, "
      "pass --calendar jalali (Python: calendar=\"jalali\")");
  // 1404 is not a leap year: Esfand has 29 days, so no hint, but the reason.
  CHECK_THROWS_WITH(
      parse_date("1404-12-30", DateCalendar::gregorian, "--as-of"),
      "--as-of: date '1404-12-30' has year 1404, outside the Gregorian years 1700..2300 "
      "(nor is it a Solar Hijri date: 1404 is not a leap year, esfand has 29 days)");
}

TEST_CASE("calendar jalali reads Solar Hijri dates") {
  CHECK(parse_date("1404-03-10", DateCalendar::jalali, "x") == Date(2025, 5, 31));
  CHECK(parse_date("1404-03-01", DateCalendar::jalali, "x") == Date(2025, 5, 22));
  CHECK(parse_date("1404-01-01", DateCalendar::jalali, "x") == Date(2025, 3, 21));
  CHECK(parse_date("1403-12-30", DateCalendar::jalali, "x") == Date(2025, 3, 20));
  CHECK_THROWS_WITH(parse_date("1404-12-30", DateCalendar::jalali, "x"),
                    "x: Solar Hijri date '1404-12-30' does not exist (1404 is not a leap year, "
                    "esfand has 29 days)");
  // A Gregorian date given with --calendar jalali lands in the 27th century.
  CHECK_THROWS_WITH(
      parse_date("2025-05-31", DateCalendar::jalali, "x"),
      Catch::Contains("it looks like a Gregorian date: read it without --calendar jalali"));
}

TEST_CASE("calendar names") {
  CHECK(detail::enum_to_string(DateCalendar::jalali) == "jalali");
  CHECK(detail::enum_from_string<DateCalendar>("gregorian") == DateCalendar::gregorian);
  CHECK_FALSE(detail::enum_from_string<DateCalendar>("persian"));
}
