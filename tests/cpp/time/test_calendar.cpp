#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <okrkit/time/calendar.hpp>

using namespace okrkit;

namespace {
struct NowruzRow {
  int year;
  Date nowruz;
  bool leap;
};
// tests/data/jalali_nowruz_*.csv: jalali_year,nowruz_gregorian,leap
std::vector<NowruzRow> read_nowruz(const std::string& name) {
  std::ifstream in(std::string(OKRKIT_TEST_DATA) + "/" + name);
  REQUIRE(in.good());
  std::string line;
  std::getline(in, line);  // header
  std::vector<NowruzRow> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream s(line);
    std::string y, d, l;
    std::getline(s, y, ',');
    std::getline(s, d, ',');
    std::getline(s, l, ',');
    rows.push_back({std::stoi(y), parse_date(d), l == "1"});
  }
  return rows;
}
}  // namespace

TEST_CASE("civil day arithmetic agrees with Boost on every day 1400..9999") {
  // Boost.Date_Time is the independent reference for the proleptic Gregorian calendar.
  for (DayNumber n = detail::min_day; n <= detail::max_day; n += 1) {
    auto c = detail::civil_from_days(n);
    if (n % 997 ==
        0) {  // full Boost comparison on a sample (Boost is slow), exact inverse everywhere
      Date d = from_day_number(n);
      REQUIRE(c.year == d.year());
      REQUIRE(c.month == d.month());
      REQUIRE(c.day == d.day());
    }
    REQUIRE(detail::days_from_civil(c.year, c.month, c.day) == n);
  }
  CHECK(detail::days_from_civil(1970, 1, 1) == 0);
  CHECK(detail::days_from_civil(2000, 3, 1) == 11017);  // Python: date(2000,3,1).toordinal()-719163
}

TEST_CASE("ISO 8601 weeks, hand-checked") {
  // Python: date(2025, 6, 2).isocalendar() == (2025, 23, 1)
  CHECK(iso_week_date(Date(2025, 6, 2)) == IsoWeekDate{2025, 23, 1});
  // Python: date(2021, 1, 3).isocalendar() == (2020, 53, 7)
  CHECK(iso_week_date(Date(2021, 1, 3)) == IsoWeekDate{2020, 53, 7});
  // Python: date(2024, 12, 30).isocalendar() == (2025, 1, 1)
  CHECK(iso_week_date(Date(2024, 12, 30)) == IsoWeekDate{2025, 1, 1});
  CHECK(iso_weeks_in_year(2020) == 53);  // 2020 begins on a Wednesday and is leap
  CHECK(iso_weeks_in_year(2026) == 53);  // 2026 begins on a Thursday
  CHECK(iso_weeks_in_year(2025) == 52);
  CHECK(iso_week_start(2025, 1) == Date(2024, 12, 30));
  CHECK(iso_week_start(2026, 53) == Date(2026, 12, 28));
  CHECK_THROWS_AS(iso_week_start(2025, 53), DomainError);
  CHECK(weekday_of(Date(1970, 1, 1)) == Weekday::thursday);
}

TEST_CASE("ISO weeks are consistent with their start dates over 1990..2040") {
  for (DayNumber n = detail::days_from_civil(1990, 1, 1);
       n <= detail::days_from_civil(2040, 12, 31); ++n) {
    auto w = detail::iso_week_date(n);
    REQUIRE(to_day_number(iso_week_start(w.year, w.week)) + (w.weekday - 1) == n);
  }
}

TEST_CASE("fiscal years are named after the year they end in") {
  CHECK(fiscal_year_of(Date(2025, 4, 1), 4) == 2026);  // UK/India/Japan style April start
  CHECK(fiscal_year_of(Date(2025, 3, 31), 4) == 2025);
  CHECK(fiscal_year_start(2026, 10) == Date(2025, 10, 1));  // US federal FY2026 begins 2025-10-01
  CHECK(fiscal_year_of(Date(2025, 12, 31), 1) == 2025);
  CHECK_THROWS_AS(fiscal_year_start(2026, 13), DomainError);
}

TEST_CASE("retail 52/53-week years, hand-checked against the NRF calendar") {
  RetailCalendar nrf;  // Saturday nearest the end of January
  // NRF fiscal 2023 ended Sat 2024-02-03 and had 53 weeks; fiscal 2024 ended
  // Sat 2025-02-01 (nrf.com 4-5-4 calendar). okrkit names them after the end year.
  CHECK(retail_year_end(2024, nrf) == Date(2024, 2, 3));
  CHECK(retail_year_end(2025, nrf) == Date(2025, 2, 1));
  CHECK(retail_year_start(2024, nrf) == Date(2023, 1, 29));
  CHECK(nrf.weeks_in_year(2024) == 53);
  CHECK(nrf.weeks_in_year(2025) == 52);
  CHECK(retail_year_of(Date(2025, 2, 1), nrf) == 2025);
  CHECK(retail_year_of(Date(2025, 2, 2), nrf) == 2026);
  // "last" variation: last Saturday of August 2025 is 2025-08-30.
  RetailCalendar aug{8, Weekday::saturday, RetailVariation::last, RetailPattern::p454, 4};
  CHECK(retail_year_end(2025, aug) == Date(2025, 8, 30));
  // December year end, nearest Sunday: 2023-12-31 is a Sunday itself.
  RetailCalendar dec{12, Weekday::sunday, RetailVariation::nearest, RetailPattern::p445, 4};
  CHECK(retail_year_end(2023, dec) == Date(2023, 12, 31));
  // 2024-12-31 is a Tuesday: the nearest Sunday is 2024-12-29.
  CHECK(retail_year_end(2024, dec) == Date(2024, 12, 29));
  // 2025-12-31 is a Wednesday: nearest Sunday 2025-12-28.
  CHECK(retail_year_end(2025, dec) == Date(2025, 12, 28));
  // 4-4-5 periods in a 53-week year with the extra week in Q4: period 12 has 6 weeks.
  CHECK(nrf.weeks_in_period(12, 53) == 6);
  CHECK(nrf.weeks_in_period(3, 53) == 5);
  CHECK(nrf.first_week_of_period(4, 52) == 14);
  CHECK(nrf.period_of_week(13, 52) == 3);
  CHECK(nrf.period_of_week(53, 53) == 12);
  RetailCalendar p544 = nrf;
  p544.pattern = RetailPattern::p544;
  CHECK(p544.weeks_in_period(1, 52) == 5);
  CHECK(p544.period_of_week(6, 52) == 2);
}

TEST_CASE("retail years tile the time line with 364 or 371 days") {
  for (auto var : {RetailVariation::last, RetailVariation::nearest})
    for (int m = 1; m <= 12; ++m)
      for (int wd = 0; wd < 7; ++wd) {
        RetailCalendar c{m, static_cast<Weekday>(wd), var, RetailPattern::p445, 4};
        for (int y = 1990; y <= 2040; ++y) {
          const int len = c.year_end_day(y) - c.year_end_day(y - 1);
          REQUIRE((len == 364 || len == 371));
          REQUIRE(detail::weekday_index(c.year_end_day(y)) == wd);
          REQUIRE(c.year_of_day(c.year_end_day(y)) == y);
          REQUIRE(c.year_of_day(c.year_end_day(y) + 1) == y + 1);
        }
      }
}

TEST_CASE("jalali, hand-checked") {
  // 1 Farvardin 1404 = 2025-03-21; 30 Esfand 1403 = 2025-03-20 (1403 is leap);
  // 1 Tir 1404 = 2025-06-22 (three 31-day months after Nowruz).
  CHECK(from_jalali(1404, 1, 1) == Date(2025, 3, 21));
  CHECK(from_jalali(1403, 12, 30) == Date(2025, 3, 20));
  CHECK(from_jalali(1404, 4, 1) == Date(2025, 6, 22));
  CHECK(to_jalali(Date(2025, 6, 22)) == JalaliDate{1404, 4, 1});
  CHECK(jalali_is_leap(1403));
  CHECK_FALSE(jalali_is_leap(1404));
  CHECK(jalali_month_length(1404, 12) == 29);
  CHECK(jalali_month_length(1404, 7) == 30);
  CHECK_FALSE(is_valid_jalali_date(1404, 12, 30));
  CHECK_THROWS_AS(from_jalali(1404, 12, 30), DomainError);
  CHECK_THROWS_AS(from_jalali(5000, 1, 1), DomainError);
}

TEST_CASE("jalali against the nowruz table 1354..1454") {
  for (const auto& r : read_nowruz("jalali_nowruz_1354_1454.csv")) {
    INFO(r.year);
    CHECK(jalali_nowruz(r.year) == r.nowruz);
    CHECK(jalali_is_leap(r.year) == r.leap);
  }
}

TEST_CASE("jalali exact over 1000..2000 SH against jalaali-js") {
  auto rows = read_nowruz("jalali_nowruz_1000_2000.csv");
  REQUIRE(rows.size() == 1001);
  for (const auto& r : rows) {
    INFO(r.year);
    REQUIRE(jalali_nowruz(r.year) == r.nowruz);
    REQUIRE(jalali_is_leap(r.year) == r.leap);
    // the year's length follows from the next Nowruz
    if (r.year < 2000)
      REQUIRE(to_day_number(jalali_nowruz(r.year + 1)) - to_day_number(r.nowruz) ==
              (r.leap ? 366 : 365));
    // and the day before Nowruz is the last day of Esfand
    REQUIRE(to_jalali(r.nowruz - boost::gregorian::days(1)) ==
            JalaliDate{r.year - 1, 12, jalali_is_leap(r.year - 1) ? 30 : 29});
  }
}

TEST_CASE("jalali round trip on every day 1900..2100 and 1000..2000 SH") {
  DayNumber prev = detail::days_from_civil(1900, 1, 1) - 1;
  JalaliDate pj = detail::jalali_from_day(prev);
  for (DayNumber n = prev + 1; n <= detail::days_from_civil(2100, 12, 31); ++n) {
    JalaliDate j = detail::jalali_from_day(n);
    REQUIRE(is_valid_jalali_date(j.year, j.month, j.day));
    REQUIRE(detail::jalali_to_day(j.year, j.month, j.day) == n);
    // consecutive days are consecutive Jalali dates
    const bool next_day = j.year == pj.year && j.month == pj.month && j.day == pj.day + 1;
    const bool next_month = j.year == pj.year && j.month == pj.month + 1 && j.day == 1;
    const bool next_year = j.year == pj.year + 1 && j.month == 1 && j.day == 1 && pj.month == 12;
    REQUIRE((next_day || next_month || next_year));
    pj = j;
  }
  for (int y = 1000; y <= 2000; ++y)
    for (int m = 1; m <= 12; ++m)
      for (int d = 1; d <= detail::jalali_month_length(y, m); ++d)
        REQUIRE(detail::jalali_from_day(detail::jalali_to_day(y, m, d)) == JalaliDate{y, m, d});
}
