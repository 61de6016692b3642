// okrkit — calendar dates: the Boost.Date_Time Gregorian date, strict ISO parsing.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "okrkit/core/error.hpp"

namespace okrkit {

/// A calendar date (proleptic Gregorian, years 1400..9999 as Boost allows).
using Date = boost::gregorian::date;

/// Days since 1970-01-01 (negative before): the compact form used in series.
using DayNumber = std::int32_t;

namespace detail {
inline const Date& epoch() {
  static const Date e(1970, 1, 1);
  return e;
}
inline bool is_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}
inline int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
}  // namespace detail

/// Days since 1970-01-01.
inline DayNumber to_day_number(const Date& d) {
  return static_cast<DayNumber>((d - detail::epoch()).days());
}

/// The date `n` days after 1970-01-01.
inline Date from_day_number(DayNumber n) {
  return detail::epoch() + boost::gregorian::date_duration(n);
}

/// Is y/m/d a real Gregorian date?
inline bool is_valid_date(int y, int m, int d) noexcept {
  if (y < 1400 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

/// Parse "YYYY-MM-DD" exactly (no time part, no other separators); a date that
/// does not exist ("2025-02-30") is a ParseError that says so.
inline Date parse_date(std::string_view text, const Location& at = {}) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !detail::is_digits(text.substr(0, 4)) || !detail::is_digits(text.substr(5, 2)) ||
      !detail::is_digits(text.substr(8, 2)))
    throw ParseError("date '" + std::string(text) + "' is not YYYY-MM-DD", at);
  int y = detail::to_int(text.substr(0, 4)), m = detail::to_int(text.substr(5, 2)),
      d = detail::to_int(text.substr(8, 2));
  if (!is_valid_date(y, m, d))
    throw ParseError("date '" + std::string(text) + "' does not exist", at);
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}

/// "YYYY-MM-DD".
/// Written digit by digit (no printf): reasons and reports format a date per
/// row. Boost's calendar runs from 1400 to 9999, so four year digits suffice.
inline std::string format_date(const Date& d) {
  const auto ymd = d.year_month_day();
  const auto y = static_cast<unsigned>(ymd.year), m = static_cast<unsigned>(ymd.month),
             day = static_cast<unsigned>(ymd.day);
  std::string s(10, '-');
  s[0] = static_cast<char>('0' + y / 1000 % 10);
  s[1] = static_cast<char>('0' + y / 100 % 10);
  s[2] = static_cast<char>('0' + y / 10 % 10);
  s[3] = static_cast<char>('0' + y % 10);
  s[5] = static_cast<char>('0' + m / 10);
  s[6] = static_cast<char>('0' + m % 10);
  s[8] = static_cast<char>('0' + day / 10);
  s[9] = static_cast<char>('0' + day % 10);
  return s;
}

}  // namespace okrkit
