// okrkit — calendars: Gregorian months, ISO 8601 weeks, fiscal years with any
// start month, retail 52/53-week years (4-4-5, 4-5-4, 5-4-4) and the Solar
// Hijri (Jalali) calendar. Pure date arithmetic on day numbers; period.hpp
// builds the Period type and its labels on top.
//
// Conventions (see docs/calendars.md):
// - A fiscal year is named after the calendar year it ENDS in (FY2026 with an
//   April start runs 2025-04-01 .. 2026-03-31), as pandas "Q-MAR" and most US
//   companies do.
// - A retail year is named after the calendar year of its end month (with an
//   end month of January, R2025 ends on or near 2025-01-31); this is the same
//   "named after the end" rule. (The NRF names such a year "fiscal 2024".)
// - Jalali dates follow the jalaali break-year algorithm (Borkowski; as in
//   jalaali-js and jdatetime), valid for 779..3177 SH within okrkit's date range.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "okrkit/time/date.hpp"
#include "okrkit/core/error.hpp"

namespace okrkit {

/// Day of the week, ISO / Python order: monday = 0 .. sunday = 6.
enum class Weekday : std::uint8_t {
  monday,
  tuesday,
  wednesday,
  thursday,
  friday,
  saturday,
  sunday
};

namespace detail {

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) noexcept {
  return a - floor_div(a, b) * b;
}

/// Days since 1970-01-01 of a proleptic Gregorian y/m/d (H. Hinnant's algorithm;
/// any day number within a month's overflow, e.g. March 0, is allowed).
constexpr std::int32_t days_from_civil(int y, int m, int d) noexcept {
  y -= m <= 2;
  const int era = static_cast<int>(floor_div(y, 400));
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int year, month, day;
};
/// Inverse of days_from_civil.
constexpr Civil civil_from_days(std::int32_t z) noexcept {
  const std::int64_t zz = static_cast<std::int64_t>(z) + 719468;
  const std::int64_t era = floor_div(zz, 146097);
  const int doe = static_cast<int>(zz - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe + era * 400) + (m <= 2), m, d};
}

constexpr bool is_leap_year(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
constexpr int days_in_month(int y, int m) noexcept {
  constexpr int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return len[m - 1] + (m == 2 && is_leap_year(y));
}
/// 1970-01-01 was a Thursday.
constexpr int weekday_index(std::int32_t day) noexcept {
  return static_cast<int>(floor_mod(static_cast<std::int64_t>(day) + 3, 7));
}

// Day-number range of okrkit::Date (Boost: 1400-01-01 .. 9999-12-31).
constexpr std::int32_t min_day = days_from_civil(1400, 1, 1);
constexpr std::int32_t max_day = days_from_civil(9999, 12, 31);

inline void check_day_range(std::int64_t day, const char* what) {
  if (day < min_day || day > max_day)
    throw DomainError(std::string(what) + " is outside the supported dates 1400-01-01..9999-12-31");
}

}  // namespace detail

/// Weekday of a date.
inline Weekday weekday_of(const Date& d) {
  return static_cast<Weekday>(detail::weekday_index(to_day_number(d)));
}

/// Days in Gregorian month m (1..12) of year y.
constexpr int days_in_month(int year, int month) noexcept {
  return detail::days_in_month(year, month);
}

// ---------------------------------------------------------------- ISO 8601 weeks

/// An ISO 8601 week date: week-numbering year, week 1..53, weekday 1 (Mon)..7 (Sun).
struct IsoWeekDate {
  int year, week, weekday;
  friend bool operator==(const IsoWeekDate& a, const IsoWeekDate& b) noexcept {
    return a.year == b.year && a.week == b.week && a.weekday == b.weekday;
  }
};

namespace detail {
/// Monday of ISO week 1 of `year`: the week that holds 4 January.
constexpr std::int32_t iso_week1_monday(int year) noexcept {
  const std::int32_t jan4 = days_from_civil(year, 1, 4);
  return jan4 - weekday_index(jan4);
}
constexpr IsoWeekDate iso_week_date(std::int32_t day) noexcept {
  const int wd = weekday_index(day);
  const std::int32_t thursday = day - wd + 3;  // the week's Thursday decides its year
  const int year = civil_from_days(thursday).year;
  const int week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
  return {year, week, wd + 1};
}
}  // namespace detail

/// ISO week date of a calendar date (as Python's date.isocalendar()).
inline IsoWeekDate iso_week_date(const Date& d) { return detail::iso_week_date(to_day_number(d)); }

/// Number of ISO weeks (52 or 53) in week-numbering year `year`.
constexpr int iso_weeks_in_year(int year) noexcept {
  return (detail::iso_week1_monday(year + 1) - detail::iso_week1_monday(year)) / 7;
}

/// Monday of ISO week `week` of `year`; DomainError when the week does not exist.
inline Date iso_week_start(int year, int week) {
  if (week < 1 || week > iso_weeks_in_year(year))
    throw DomainError("iso week " + std::to_string(year) + "-W" + std::to_string(week) +
                      " does not exist");
  const std::int64_t d = detail::iso_week1_monday(year) + 7 * (week - 1);
  detail::check_day_range(d, "iso week");
  return from_day_number(static_cast<DayNumber>(d));
}

// ----------------------------------------------------------------- fiscal years

/// Fiscal year of a date for a fiscal year starting on the 1st of `start_month`
/// (1..12): the calendar year the fiscal year ENDS in. start_month 1 = calendar year.
constexpr int fiscal_year_of(int year, int month, int start_month) noexcept {
  return start_month == 1 ? year : (month >= start_month ? year + 1 : year);
}
inline int fiscal_year_of(const Date& d, int start_month) {
  return fiscal_year_of(d.year(), d.month(), start_month);
}

/// First day of fiscal year `fy` (named after the year it ends in).
inline Date fiscal_year_start(int fy, int start_month) {
  if (start_month < 1 || start_month > 12)
    throw DomainError("fiscal start month must be 1..12, got " + std::to_string(start_month));
  return from_day_number(detail::days_from_civil(start_month == 1 ? fy : fy - 1, start_month, 1));
}

// ------------------------------------------------------- retail 52/53-week years

/// Weeks per period in each quarter of a retail year.
enum class RetailPattern : std::uint8_t { p445, p454, p544 };

/// Where a retail year ends relative to the end of its end month (pandas FY5253
/// `variation`): on the last `weekday` in the month, or on the `weekday` nearest
/// to the month's last day (up to 3 days into the next month).
enum class RetailVariation : std::uint8_t { last, nearest };

/// A 52/53-week retail calendar. Default: the NRF 4-5-4 calendar's shape with a
/// 4-4-5 pattern: years end on the Saturday nearest the end of January, and the
/// 53rd week, when there is one, goes to the last period of quarter 4.
struct RetailCalendar {
  int end_month = 1;                    ///< month the year ends in (or near), 1..12
  Weekday weekday = Weekday::saturday;  ///< the year's last day is this weekday
  RetailVariation variation = RetailVariation::nearest;
  RetailPattern pattern = RetailPattern::p445;
  int extra_week_quarter = 4;  ///< quarter (1..4) that gets the 53rd week

  friend bool operator==(const RetailCalendar& a, const RetailCalendar& b) noexcept {
    return a.end_month == b.end_month && a.weekday == b.weekday && a.variation == b.variation &&
           a.pattern == b.pattern && a.extra_week_quarter == b.extra_week_quarter;
  }
  friend bool operator!=(const RetailCalendar& a, const RetailCalendar& b) noexcept {
    return !(a == b);
  }

  /// DomainError unless every field is in range.
  void validate() const {
    if (end_month < 1 || end_month > 12)
      throw DomainError("retail calendar: end month must be 1..12");
    if (static_cast<int>(weekday) > 6) throw DomainError("retail calendar: weekday must be 0..6");
    if (extra_week_quarter < 1 || extra_week_quarter > 4)
      throw DomainError("retail calendar: extra week quarter must be 1..4");
  }

  /// Day number of the last day of retail year `year` (named after its end month's year).
  constexpr std::int32_t year_end_day(int year) const noexcept {
    const std::int32_t last =
        detail::days_from_civil(year, end_month, detail::days_in_month(year, end_month));
    const int ahead = static_cast<int>(
        detail::floor_mod(static_cast<int>(weekday) - detail::weekday_index(last), 7));
    if (variation == RetailVariation::last) return ahead == 0 ? last : last + ahead - 7;
    return ahead <= 3 ? last + ahead : last + ahead - 7;
  }
  /// Retail year containing day number `day`.
  constexpr int year_of_day(std::int32_t day) const noexcept {
    const int y = detail::civil_from_days(day).year;
    if (day > year_end_day(y)) return y + 1;
    if (day <= year_end_day(y - 1)) return y - 1;
    return y;
  }
  /// 52 or 53.
  constexpr int weeks_in_year(int year) const noexcept {
    return (year_end_day(year) - year_end_day(year - 1)) / 7;
  }
  /// Weeks in period p (1..12) of a year with `weeks` weeks (52 or 53).
  constexpr int weeks_in_period(int p, int weeks) const noexcept {
    constexpr int shape[3][3] = {{4, 4, 5}, {4, 5, 4}, {5, 4, 4}};
    const int w = shape[static_cast<int>(pattern)][(p - 1) % 3];
    return w + (weeks == 53 && p == 3 * extra_week_quarter);
  }
  /// First week (1-based) of period p (1..12) in a year with `weeks` weeks.
  constexpr int first_week_of_period(int p, int weeks) const noexcept {
    int w = 1;
    for (int i = 1; i < p; ++i) w += weeks_in_period(i, weeks);
    return w;
  }
  /// Period (1..12) holding week w (1..weeks).
  constexpr int period_of_week(int w, int weeks) const noexcept {
    int p = 1, first = 1;
    while (p < 12 && w >= first + weeks_in_period(p, weeks)) first += weeks_in_period(p++, weeks);
    return p;
  }
};

/// Retail year of a date.
inline int retail_year_of(const Date& d, const RetailCalendar& cal) {
  return cal.year_of_day(to_day_number(d));
}
/// Last day of retail year `year`.
inline Date retail_year_end(int year, const RetailCalendar& cal) {
  const std::int64_t d = cal.year_end_day(year);
  detail::check_day_range(d, "retail year");
  return from_day_number(static_cast<DayNumber>(d));
}
/// First day of retail year `year`.
inline Date retail_year_start(int year, const RetailCalendar& cal) {
  const std::int64_t d = static_cast<std::int64_t>(cal.year_end_day(year - 1)) + 1;
  detail::check_day_range(d, "retail year");
  return from_day_number(static_cast<DayNumber>(d));
}

// ------------------------------------------------------- Solar Hijri (Jalali)

/// A Solar Hijri date: year (SH), month 1 (Farvardin) .. 12 (Esfand), day 1..31.
struct JalaliDate {
  int year, month, day;
  friend bool operator==(const JalaliDate& a, const JalaliDate& b) noexcept {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
};

/// Jalali years okrkit converts: the jalaali algorithm's range clipped to the
/// Gregorian dates okrkit::Date holds.
constexpr int jalali_min_year = 779;
constexpr int jalali_max_year = 3177;

namespace detail {
struct JalCal {
  int leap;   ///< years since the last leap year (0 = this year is leap)
  int gy;     ///< Gregorian year of 1 Farvardin
  int march;  ///< day of March of 1 Farvardin
};
/// jalaali-js `jalCal`: break years of the 2820-year-free astronomical rule.
/// Integer division truncates (as the reference's ~~(a/b)); arguments here are
/// positive for years >= 1, so truncation equals floor where it matters.
constexpr JalCal jal_cal(int jy) noexcept {
  constexpr int breaks[] = {-61,  9,    38,   199,  426,  686,  756,  818,  1111, 1181,
                            1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178};
  constexpr int bl = sizeof(breaks) / sizeof(breaks[0]);
  const int gy = jy + 621;
  int leap_j = -14, jp = breaks[0], jump = 0;
  for (int i = 1; i < bl; ++i) {
    const int jm = breaks[i];
    jump = jm - jp;
    if (jy < jm) break;
    leap_j += jump / 33 * 8 + (jump % 33) / 4;
    jp = jm;
  }
  int n = jy - jp;
  leap_j += n / 33 * 8 + (n % 33 + 3) / 4;
  if (jump % 33 == 4 && jump - n == 4) leap_j += 1;
  const int leap_g = gy / 4 - (gy / 100 + 1) * 3 / 4 - 150;
  const int march = 20 + leap_j - leap_g;
  if (jump - n < 6) n = n - jump + (jump + 4) / 33 * 33;
  int leap = ((n + 1) % 33 - 1) % 4;
  if (leap == -1) leap = 4;
  return {leap, gy, march};
}
/// Day number of 1 Farvardin of year jy.
constexpr std::int32_t jalali_nowruz_day(int jy) noexcept {
  const JalCal r = jal_cal(jy);
  return days_from_civil(r.gy, 3, r.march);
}
constexpr bool jalali_is_leap(int jy) noexcept { return jal_cal(jy).leap == 0; }
constexpr int jalali_month_length(int jy, int jm) noexcept {
  return jm <= 6 ? 31 : jm <= 11 ? 30 : (jalali_is_leap(jy) ? 30 : 29);
}
/// Day number of a (valid) Jalali date.
constexpr std::int32_t jalali_to_day(int jy, int jm, int jd) noexcept {
  return jalali_nowruz_day(jy) + (jm - 1) * 31 - jm / 7 * (jm - 7) + jd - 1;
}
/// Jalali date of a day number (jalaali-js `d2j`).
constexpr JalaliDate jalali_from_day(std::int32_t day) noexcept {
  const int gy = civil_from_days(day).year;
  int jy = gy - 621;
  const JalCal r = jal_cal(jy);
  int k = day - days_from_civil(gy, 3, r.march);
  if (k >= 0) {
    if (k <= 185) return {jy, 1 + k / 31, k % 31 + 1};  // the 31-day months
    k -= 186;
  } else {
    jy -= 1;  // before Nowruz: the end of the previous year
    k += 179;
    if (r.leap == 1) k += 1;
  }
  return {jy, 7 + k / 30, k % 30 + 1};
}
inline void check_jalali_year(int jy) {
  if (jy < jalali_min_year || jy > jalali_max_year)
    throw DomainError("jalali year " + std::to_string(jy) + " is outside the supported years " +
                      std::to_string(jalali_min_year) + ".." + std::to_string(jalali_max_year));
}
}  // namespace detail

/// Is `year` SH a leap year (Esfand has 30 days)? DomainError outside 779..3177.
inline bool jalali_is_leap(int year) {
  detail::check_jalali_year(year);
  return detail::jalali_is_leap(year);
}
/// Days in Jalali month 1..12 of `year`: 31 (1–6), 30 (7–11), 29 or 30 (Esfand).
inline int jalali_month_length(int year, int month) {
  detail::check_jalali_year(year);
  if (month < 1 || month > 12) throw DomainError("jalali month must be 1..12");
  return detail::jalali_month_length(year, month);
}
/// Is year/month/day a real Jalali date within the supported years?
inline bool is_valid_jalali_date(int year, int month, int day) noexcept {
  return year >= jalali_min_year && year <= jalali_max_year && month >= 1 && month <= 12 &&
         day >= 1 && day <= detail::jalali_month_length(year, month);
}
/// The Gregorian date of a Jalali date; DomainError when it does not exist.
inline Date from_jalali(int year, int month, int day) {
  if (!is_valid_jalali_date(year, month, day))
    throw DomainError("jalali date " + std::to_string(year) + "-" + std::to_string(month) + "-" +
                      std::to_string(day) + " does not exist");
  const std::int64_t d = detail::jalali_to_day(year, month, day);
  detail::check_day_range(d, "jalali date");
  return from_day_number(static_cast<DayNumber>(d));
}
inline Date from_jalali(const JalaliDate& j) { return from_jalali(j.year, j.month, j.day); }
/// The Jalali date of a Gregorian date (dates before 1400-03-21 CE are out of range).
inline JalaliDate to_jalali(const Date& d) {
  const DayNumber n = to_day_number(d);
  if (n < detail::jalali_nowruz_day(jalali_min_year))
    throw DomainError("date " + format_date(d) + " is before the supported jalali years");
  return detail::jalali_from_day(n);
}
/// Gregorian date of Nowruz (1 Farvardin) of `year` SH.
inline Date jalali_nowruz(int year) { return from_jalali(year, 1, 1); }

}  // namespace okrkit
