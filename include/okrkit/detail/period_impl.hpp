// okrkit detail — inline definitions for period.hpp (index arithmetic, labels).
#pragma once

#include <cctype>
#include <cstdio>
#include <string>
#include <string_view>

#include "okrkit/time/period.hpp"

namespace okrkit {

namespace detail {
// First and last day okrkit converts to Jalali (779-01-01 SH .. 3177-12-end SH).
constexpr DayNumber jalali_first_day = jalali_nowruz_day(jalali_min_year);
constexpr DayNumber jalali_last_day =
    jalali_to_day(jalali_max_year, 12, jalali_month_length(jalali_max_year, 12));

inline void check_jalali_day(DayNumber day) {
  if (day < jalali_first_day || day > jalali_last_day)
    throw DomainError("date is outside the supported jalali years " +
                      std::to_string(jalali_min_year) + ".." + std::to_string(jalali_max_year));
}
// Fiscal month number: floor_div(fm, 12) is the fiscal year (named after the
// year it ends in), floor_mod(fm, 12) the 0-based month within it.
constexpr std::int64_t fiscal_month_number(int y, int m, int start_month) noexcept {
  return static_cast<std::int64_t>(y) * 12 + (m - 1) - (start_month - 1) +
         (start_month != 1 ? 12 : 0);
}
constexpr DayNumber fiscal_month_start(std::int64_t fm, int start_month) noexcept {
  const std::int64_t cm = fm + (start_month - 1) - (start_month != 1 ? 12 : 0);
  return days_from_civil(static_cast<int>(floor_div(cm, 12)),
                         static_cast<int>(floor_mod(cm, 12)) + 1, 1);
}
// First day of the retail week grid: weeks start the day after the year-end weekday.
constexpr int retail_week_origin(const RetailCalendar& c) noexcept {
  return static_cast<int>(floor_mod(static_cast<int>(c.weekday) - 2, 7));
}
}  // namespace detail

inline std::int32_t PeriodType::index_of_day(DayNumber day) const {
  using namespace detail;
  switch (kind_) {
    case PeriodKind::day:
      return day;
    case PeriodKind::jalali_day:
      check_jalali_day(day);
      return day;
    case PeriodKind::iso_week:
      return static_cast<std::int32_t>(floor_div(static_cast<std::int64_t>(day) + 3, 7));
    case PeriodKind::month:
    case PeriodKind::quarter:
    case PeriodKind::half:
    case PeriodKind::year: {
      const Civil c = civil_from_days(day);
      const int m0 = c.month - 1;
      switch (kind_) {
        case PeriodKind::month:
          return c.year * 12 + m0;
        case PeriodKind::quarter:
          return c.year * 4 + m0 / 3;
        case PeriodKind::half:
          return c.year * 2 + m0 / 6;
        default:
          return c.year;
      }
    }
    case PeriodKind::fiscal_quarter:
    case PeriodKind::fiscal_half:
    case PeriodKind::fiscal_year: {
      const Civil c = civil_from_days(day);
      const std::int64_t fm = fiscal_month_number(c.year, c.month, fiscal_start_month_);
      const int per = kind_ == PeriodKind::fiscal_quarter ? 3
                      : kind_ == PeriodKind::fiscal_half  ? 6
                                                          : 12;
      return static_cast<std::int32_t>(floor_div(fm, per));
    }
    case PeriodKind::retail_week:
      return static_cast<std::int32_t>(
          floor_div(static_cast<std::int64_t>(day) - retail_week_origin(retail_), 7));
    case PeriodKind::retail_period:
    case PeriodKind::retail_quarter:
    case PeriodKind::retail_year: {
      const int y = retail_.year_of_day(day);
      if (kind_ == PeriodKind::retail_year) return y;
      const int weeks = retail_.weeks_in_year(y);
      const int w = (day - retail_.year_end_day(y - 1) - 1) / 7 + 1;
      const int p = retail_.period_of_week(w, weeks);
      return kind_ == PeriodKind::retail_period ? y * 12 + p - 1 : y * 4 + (p - 1) / 3;
    }
    case PeriodKind::jalali_month:
    case PeriodKind::jalali_quarter:
    case PeriodKind::jalali_half:
    case PeriodKind::jalali_year: {
      check_jalali_day(day);
      const JalaliDate j = jalali_from_day(day);
      const int m0 = j.month - 1;
      switch (kind_) {
        case PeriodKind::jalali_month:
          return j.year * 12 + m0;
        case PeriodKind::jalali_quarter:
          return j.year * 4 + m0 / 3;
        case PeriodKind::jalali_half:
          return j.year * 2 + m0 / 6;
        default:
          return j.year;
      }
    }
  }
  return 0;
}

inline DayNumber PeriodType::start_day(std::int32_t index) const {
  using namespace detail;
  const std::int64_t i = index;
  switch (kind_) {
    case PeriodKind::day:
    case PeriodKind::jalali_day:
      return index;
    case PeriodKind::iso_week:
      return static_cast<DayNumber>(i * 7 - 3);
    case PeriodKind::month:
      return days_from_civil(static_cast<int>(floor_div(i, 12)),
                             static_cast<int>(floor_mod(i, 12)) + 1, 1);
    case PeriodKind::quarter:
      return days_from_civil(static_cast<int>(floor_div(i, 4)),
                             static_cast<int>(floor_mod(i, 4)) * 3 + 1, 1);
    case PeriodKind::half:
      return days_from_civil(static_cast<int>(floor_div(i, 2)),
                             static_cast<int>(floor_mod(i, 2)) * 6 + 1, 1);
    case PeriodKind::year:
      return days_from_civil(index, 1, 1);
    case PeriodKind::fiscal_quarter:
      return fiscal_month_start(i * 3, fiscal_start_month_);
    case PeriodKind::fiscal_half:
      return fiscal_month_start(i * 6, fiscal_start_month_);
    case PeriodKind::fiscal_year:
      return fiscal_month_start(i * 12, fiscal_start_month_);
    case PeriodKind::retail_week:
      return static_cast<DayNumber>(i * 7 + retail_week_origin(retail_));
    case PeriodKind::retail_period:
    case PeriodKind::retail_quarter:
    case PeriodKind::retail_year: {
      const int per = kind_ == PeriodKind::retail_period    ? 12
                      : kind_ == PeriodKind::retail_quarter ? 4
                                                            : 1;
      const int y = static_cast<int>(floor_div(i, per));
      const int k = static_cast<int>(floor_mod(i, per));
      const int p = kind_ == PeriodKind::retail_period    ? k + 1
                    : kind_ == PeriodKind::retail_quarter ? 3 * k + 1
                                                          : 1;
      return retail_.year_end_day(y - 1) + 1 +
             7 * (retail_.first_week_of_period(p, retail_.weeks_in_year(y)) - 1);
    }
    case PeriodKind::jalali_month:
    case PeriodKind::jalali_quarter:
    case PeriodKind::jalali_half:
    case PeriodKind::jalali_year: {
      const int per = kind_ == PeriodKind::jalali_month     ? 12
                      : kind_ == PeriodKind::jalali_quarter ? 4
                      : kind_ == PeriodKind::jalali_half    ? 2
                                                            : 1;
      const int y = static_cast<int>(floor_div(i, per));
      const int m = static_cast<int>(floor_mod(i, per)) * (12 / per) + 1;
      // one past the last supported year is allowed, so that end_day() of the
      // last supported period works
      if (y == jalali_max_year + 1 && m == 1) return jalali_last_day + 1;
      check_jalali_year(y);
      return jalali_to_day(y, m, 1);
    }
  }
  return 0;
}

inline Period PeriodType::of(const Date& d) const {
  return Period(*this, index_of_day(to_day_number(d)));
}
inline Period PeriodType::at(std::int32_t index) const { return Period(*this, index); }

namespace detail {
template <class... A>
std::string fmt(const char* f, A... a) {
  char buf[48];
  std::snprintf(buf, sizeof buf, f, a...);
  return buf;
}
inline const char* gregorian_prefix(int y) { return y < solar_hijri_year_limit ? "CE" : ""; }
inline const char* jalali_prefix(int y) { return y >= solar_hijri_year_limit ? "SH" : ""; }
}  // namespace detail

inline std::string Period::label() const {
  using namespace detail;
  const PeriodKind k = kind();
  const std::int64_t i = index_;
  switch (k) {
    case PeriodKind::day: {
      const Civil c = civil_from_days(index_);
      return fmt("%s%04d-%02d-%02d", gregorian_prefix(c.year), c.year, c.month, c.day);
    }
    case PeriodKind::iso_week: {
      const IsoWeekDate w = iso_week_date(start_day());
      return fmt("%s%04d-W%02d", gregorian_prefix(w.year), w.year, w.week);
    }
    case PeriodKind::month: {
      const int y = static_cast<int>(floor_div(i, 12));
      return fmt("%s%04d-%02d", gregorian_prefix(y), y, static_cast<int>(floor_mod(i, 12)) + 1);
    }
    case PeriodKind::quarter: {
      const int y = static_cast<int>(floor_div(i, 4));
      return fmt("%s%04d-Q%d", gregorian_prefix(y), y, static_cast<int>(floor_mod(i, 4)) + 1);
    }
    case PeriodKind::half: {
      const int y = static_cast<int>(floor_div(i, 2));
      return fmt("%s%04d-H%d", gregorian_prefix(y), y, static_cast<int>(floor_mod(i, 2)) + 1);
    }
    case PeriodKind::year:
      return fmt("%s%04d", gregorian_prefix(index_), index_);
    case PeriodKind::fiscal_quarter:
      return fmt("FY%04d-Q%d", static_cast<int>(floor_div(i, 4)),
                 static_cast<int>(floor_mod(i, 4)) + 1);
    case PeriodKind::fiscal_half:
      return fmt("FY%04d-H%d", static_cast<int>(floor_div(i, 2)),
                 static_cast<int>(floor_mod(i, 2)) + 1);
    case PeriodKind::fiscal_year:
      return fmt("FY%04d", index_);
    case PeriodKind::retail_week: {
      const DayNumber s = start_day();
      const int y = type_.retail().year_of_day(s);
      const int w = (s - type_.retail().year_end_day(y - 1) - 1) / 7 + 1;
      return fmt("R%04d-W%02d", y, w);
    }
    case PeriodKind::retail_period:
      return fmt("R%04d-P%02d", static_cast<int>(floor_div(i, 12)),
                 static_cast<int>(floor_mod(i, 12)) + 1);
    case PeriodKind::retail_quarter:
      return fmt("R%04d-Q%d", static_cast<int>(floor_div(i, 4)),
                 static_cast<int>(floor_mod(i, 4)) + 1);
    case PeriodKind::retail_year:
      return fmt("R%04d", index_);
    case PeriodKind::jalali_day: {
      check_jalali_day(index_);
      const JalaliDate j = jalali_from_day(index_);
      return fmt("%s%04d-%02d-%02d", jalali_prefix(j.year), j.year, j.month, j.day);
    }
    case PeriodKind::jalali_month: {
      const int y = static_cast<int>(floor_div(i, 12));
      return fmt("%s%04d-%02d", jalali_prefix(y), y, static_cast<int>(floor_mod(i, 12)) + 1);
    }
    case PeriodKind::jalali_quarter: {
      const int y = static_cast<int>(floor_div(i, 4));
      return fmt("%s%04d-Q%d", jalali_prefix(y), y, static_cast<int>(floor_mod(i, 4)) + 1);
    }
    case PeriodKind::jalali_half: {
      const int y = static_cast<int>(floor_div(i, 2));
      return fmt("%s%04d-H%d", jalali_prefix(y), y, static_cast<int>(floor_mod(i, 2)) + 1);
    }
    case PeriodKind::jalali_year:
      return fmt("%s%04d", jalali_prefix(index_), index_);
  }
  return "?";
}

namespace detail {
inline bool digits_at(std::string_view s, std::size_t pos, std::size_t n) {
  return s.size() >= pos + n && is_digits(s.substr(pos, n));
}
}  // namespace detail

inline Period parse_period(std::string_view label, const CalendarSettings& cal,
                           const Location& at) {
  using namespace detail;
  const std::string orig(label);
  auto fail = [&](const std::string& why) {
    return ParseError("period label '" + orig + "': " + why, at);
  };
  if (label.empty()) throw ParseError("period label is empty", at);
  std::string s(label);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));

  enum class Cal { gregorian, jalali, fiscal, retail } calendar = Cal::gregorian;
  std::size_t pos = 0;
  bool forced = false;
  if (s.rfind("FY", 0) == 0)
    calendar = Cal::fiscal, pos = 2;
  else if (s.rfind("SH", 0) == 0)
    calendar = Cal::jalali, pos = 2, forced = true;
  else if (s.rfind("CE", 0) == 0)
    calendar = Cal::gregorian, pos = 2, forced = true;
  else if (s[0] == 'R')
    calendar = Cal::retail, pos = 1;
  if (!digits_at(s, pos, 4))
    throw fail(pos ? "expected a 4-digit year after '" + s.substr(0, pos) + "'"
                   : "expected a 4-digit year, optionally prefixed by FY, R, SH or CE");
  if (s.size() > pos + 4 && s[pos + 4] != '-') throw fail("expected '-' after the year");
  const int y = to_int(s.substr(pos, 4));
  if (!forced && pos == 0 && y < solar_hijri_year_limit) calendar = Cal::jalali;
  const std::string part = s.size() > pos + 5 ? s.substr(pos + 5) : "";
  if (s.size() == pos + 5) throw fail("nothing after '-'");

  const char* expected = calendar == Cal::gregorian ? "MM, MM-DD, Qn, Hn or Wnn"
                         : calendar == Cal::jalali  ? "MM, MM-DD, Qn or Hn"
                         : calendar == Cal::fiscal  ? "Qn or Hn"
                                                    : "Qn, Pnn or Wnn";
  auto bad_part = [&]() {
    return fail("unknown part '" + std::string(label.substr(pos + 5)) + "' (expected " + expected +
                ")");
  };

  PeriodKind kind{};
  std::int64_t index = 0;
  if (calendar == Cal::jalali && (y < jalali_min_year || y > jalali_max_year))
    throw fail("solar hijri year " + std::to_string(y) + " is outside the supported years " +
               std::to_string(jalali_min_year) + ".." + std::to_string(jalali_max_year));

  const char tag = part.empty() ? '\0' : part[0];
  if (tag == '\0') {
    kind = calendar == Cal::gregorian ? PeriodKind::year
           : calendar == Cal::jalali  ? PeriodKind::jalali_year
           : calendar == Cal::fiscal  ? PeriodKind::fiscal_year
                                      : PeriodKind::retail_year;
    index = y;
  } else if (tag == 'Q' || tag == 'H') {
    const int n = tag == 'Q' ? 4 : 2;
    if (part.size() != 2 || !is_digits(part.substr(1))) throw bad_part();
    const int q = part[1] - '0';
    if (q < 1 || q > n)
      throw fail(std::string(tag == 'Q' ? "quarter must be 1..4" : "half must be 1..2"));
    if (calendar == Cal::retail && tag == 'H') throw bad_part();
    if (tag == 'Q')
      kind = calendar == Cal::gregorian ? PeriodKind::quarter
             : calendar == Cal::jalali  ? PeriodKind::jalali_quarter
             : calendar == Cal::fiscal  ? PeriodKind::fiscal_quarter
                                        : PeriodKind::retail_quarter;
    else
      kind = calendar == Cal::gregorian ? PeriodKind::half
             : calendar == Cal::jalali  ? PeriodKind::jalali_half
                                        : PeriodKind::fiscal_half;
    index = static_cast<std::int64_t>(y) * n + q - 1;
  } else if (tag == 'W' || tag == 'P') {
    if (part.size() != 3 || !is_digits(part.substr(1))) throw bad_part();
    const int w = to_int(part.substr(1));
    if (calendar == Cal::jalali && tag == 'W')
      throw fail("weeks are iso weeks of a gregorian year; " + std::to_string(y) +
                 " is read as a solar hijri year (years below 1700 are; write CE" +
                 std::to_string(y) + " for a gregorian year)");
    if (tag == 'W' && calendar == Cal::gregorian) {
      if (y < 1400) throw fail("year is outside the supported dates");
      const int weeks = iso_weeks_in_year(y);
      if (w < 1 || w > weeks)
        throw fail(std::to_string(y) + " has " + std::to_string(weeks) + " iso weeks");
      kind = PeriodKind::iso_week;
      index = floor_div(
          static_cast<std::int64_t>(iso_week1_monday(y)) + 7 * std::int64_t{w - 1} + 3, 7);
    } else if (calendar == Cal::retail) {
      const RetailCalendar& rc = cal.retail;
      rc.validate();
      const int weeks = rc.weeks_in_year(y);
      if (tag == 'W') {
        if (w < 1 || w > weeks)
          throw fail("R" + std::to_string(y) + " has " + std::to_string(weeks) + " weeks");
        kind = PeriodKind::retail_week;
        const std::int64_t start =
            static_cast<std::int64_t>(rc.year_end_day(y - 1)) + 1 + 7 * std::int64_t{w - 1};
        index = floor_div(start - retail_week_origin(rc), 7);
      } else {
        if (w < 1 || w > 12) throw fail("retail period must be 01..12");
        kind = PeriodKind::retail_period;
        index = static_cast<std::int64_t>(y) * 12 + w - 1;
      }
    } else {
      throw bad_part();
    }
  } else if (tag >= '0' && tag <= '9') {
    if (calendar == Cal::fiscal || calendar == Cal::retail) throw bad_part();
    if (!(part.size() == 2 && is_digits(part)) &&
        !(part.size() == 5 && is_digits(part.substr(0, 2)) && part[2] == '-' &&
          is_digits(part.substr(3))))
      throw bad_part();
    const int m = to_int(part.substr(0, 2));
    if (m < 1 || m > 12) throw fail("month must be 01..12");
    if (part.size() == 2) {
      kind = calendar == Cal::jalali ? PeriodKind::jalali_month : PeriodKind::month;
      index = static_cast<std::int64_t>(y) * 12 + m - 1;
    } else {
      const int d = to_int(part.substr(3));
      if (calendar == Cal::jalali) {
        if (!is_valid_jalali_date(y, m, d))
          throw fail(m == 12 && d == 30 ? "date does not exist (" + std::to_string(y) +
                                              " is not a leap year, esfand has 29 days)"
                                        : std::string("date does not exist"));
        kind = PeriodKind::jalali_day;
        index = jalali_to_day(y, m, d);
      } else {
        if (!is_valid_date(y, m, d)) throw fail("date does not exist");
        kind = PeriodKind::day;
        index = days_from_civil(y, m, d);
      }
    }
  } else {
    throw bad_part();
  }

  PeriodType type = [&] {
    try {
      return PeriodType(kind, cal);
    } catch (const DomainError& e) {
      throw fail(e.what());
    }
  }();
  const Period p(type, static_cast<std::int32_t>(index));
  // the whole period must lie within okrkit's dates (1400-01-01 .. 9999-12-31)
  if (p.start_day() < min_day || p.end_day() > max_day) throw fail("outside the supported dates");
  return p;
}

inline Date parse_jalali_date(std::string_view text, const Location& at) {
  using namespace detail;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !is_digits(text.substr(0, 4)) ||
      !is_digits(text.substr(5, 2)) || !is_digits(text.substr(8, 2)))
    throw ParseError("jalali date '" + std::string(text) + "' is not YYYY-MM-DD", at);
  const int y = to_int(text.substr(0, 4)), m = to_int(text.substr(5, 2)),
            d = to_int(text.substr(8, 2));
  if (!is_valid_jalali_date(y, m, d))
    throw ParseError("jalali date '" + std::string(text) + "' does not exist", at);
  return from_jalali(y, m, d);
}

}  // namespace okrkit
