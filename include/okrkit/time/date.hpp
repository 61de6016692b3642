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
inline std::string format_date(const Date& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year()),
                static_cast<int>(d.month()), static_cast<int>(d.day()));
  return buf;
}

}  // namespace okrkit
