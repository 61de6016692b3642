// okrkit — periods: a calendar kind plus an index (2025-06, 2025-Q2, FY2026-Q1,
// 2025-W23, R2025-P03, 1404-Q2, ...), with start/end/length, next/previous,
// the period of a date, the elapsed fraction at a date, and labels that parse
// and format round-trip.
//
// Label syntax (docs/calendars.md has the full table):
//   2025-06-03  2025-W23  2025-06  2025-Q2  2025-H1  2025          Gregorian / ISO
//   FY2026  FY2026-Q1  FY2026-H1                                     fiscal (start month from
//   CalendarSettings) R2025  R2025-Q1  R2025-P03  R2025-W05                            retail
//   52/53-week 1404-01-01  1404-01  1404-Q2  1404-H1  1404                     Solar Hijri (Jalali)
// A plain 4-digit year below 1700 is a Solar Hijri year (1700 SH is 2321 CE,
// 1700 CE is 1078 SH, so real-world data is never ambiguous); the prefixes
// "SH" and "CE" force the calendar ("SH1404-Q2", "CE1650-Q1"), and format()
// writes them only when the plain form would be read the other way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "okrkit/time/calendar.hpp"
#include "okrkit/time/date.hpp"
#include "okrkit/detail/enum_names.hpp"
#include "okrkit/core/error.hpp"
#include "okrkit/model/vocabulary.hpp"

namespace okrkit {

/// The calendar families of periods.
enum class PeriodKind : std::uint8_t {
  day,
  iso_week,
  month,
  quarter,
  half,
  year,
  fiscal_quarter,
  fiscal_half,
  fiscal_year,
  retail_week,
  retail_period,
  retail_quarter,
  retail_year,
  jalali_day,
  jalali_month,
  jalali_quarter,
  jalali_half,
  jalali_year,
};

/// Plain label years below this are Solar Hijri years (see the file comment).
constexpr int solar_hijri_year_limit = 1700;

/// Calendar settings that shape fiscal and retail periods (an organisation's
/// calendar). The Iranian fiscal year is the Jalali year and needs no setting.
struct CalendarSettings {
  int fiscal_start_month = 1;  ///< first month of the fiscal year, 1..12 (4 = April)
  RetailCalendar retail{};     ///< the 52/53-week calendar for retail_* kinds
};

class Period;

/// A family of periods: a kind plus the calendar settings that matter for it
/// (the fiscal start month for fiscal_* kinds, the retail calendar for retail_*).
/// Settings that do not matter for the kind are normalised away, so two types
/// compare equal exactly when they produce the same periods.
class PeriodType {
 public:
  PeriodType() = default;  ///< Gregorian months
  PeriodType(PeriodKind kind, const CalendarSettings& cal = {}) : kind_(kind) {  // NOLINT
    if (is_fiscal()) {
      if (cal.fiscal_start_month < 1 || cal.fiscal_start_month > 12)
        throw DomainError("fiscal start month must be 1..12, got " +
                          std::to_string(cal.fiscal_start_month));
      fiscal_start_month_ = cal.fiscal_start_month;
    }
    if (is_retail()) {
      cal.retail.validate();
      retail_ = cal.retail;
    }
  }

  PeriodKind kind() const noexcept { return kind_; }
  int fiscal_start_month() const noexcept { return fiscal_start_month_; }
  const RetailCalendar& retail() const noexcept { return retail_; }
  bool is_fiscal() const noexcept {
    return kind_ == PeriodKind::fiscal_quarter || kind_ == PeriodKind::fiscal_half ||
           kind_ == PeriodKind::fiscal_year;
  }
  bool is_retail() const noexcept {
    return kind_ >= PeriodKind::retail_week && kind_ <= PeriodKind::retail_year;
  }
  bool is_jalali() const noexcept { return kind_ >= PeriodKind::jalali_day; }

  /// Index of the period holding day number `day` (indices are consecutive:
  /// index + 1 is always the next period).
  std::int32_t index_of_day(DayNumber day) const;
  /// First and last day number of period `index`.
  DayNumber start_day(std::int32_t index) const;
  DayNumber end_day(std::int32_t index) const { return start_day(index + 1) - 1; }

  /// The period holding a date.
  Period of(const Date& d) const;
  /// The period with this index.
  Period at(std::int32_t index) const;

  friend bool operator==(const PeriodType& a, const PeriodType& b) noexcept {
    return a.kind_ == b.kind_ && a.fiscal_start_month_ == b.fiscal_start_month_ &&
           a.retail_ == b.retail_;
  }
  friend bool operator!=(const PeriodType& a, const PeriodType& b) noexcept { return !(a == b); }

 private:
  PeriodKind kind_ = PeriodKind::month;
  int fiscal_start_month_ = 1;
  RetailCalendar retail_{};
};

/// One period: a PeriodType and an index. Cheap to copy, ordered by time
/// within one type, hashable.
class Period {
 public:
  Period() = default;
  Period(PeriodType type, std::int32_t index) : type_(type), index_(index) {}

  const PeriodType& type() const noexcept { return type_; }
  PeriodKind kind() const noexcept { return type_.kind(); }
  std::int32_t index() const noexcept { return index_; }

  /// First day (inclusive).
  Date start() const { return checked(type_.start_day(index_)); }
  /// Last day (inclusive).
  Date end() const { return checked(type_.end_day(index_)); }
  DayNumber start_day() const { return type_.start_day(index_); }
  DayNumber end_day() const { return type_.end_day(index_); }
  /// Number of days, end and start included.
  int length_days() const { return type_.end_day(index_) - type_.start_day(index_) + 1; }
  Period next() const { return Period(type_, index_ + 1); }
  Period previous() const { return Period(type_, index_ - 1); }
  /// The period `n` periods later (earlier when n < 0).
  Period operator+(std::int32_t n) const { return Period(type_, index_ + n); }
  Period operator-(std::int32_t n) const { return Period(type_, index_ - n); }
  /// Number of periods from `b` to this one (same type required).
  std::int32_t operator-(const Period& b) const {
    require_same(b);
    return index_ - b.index_;
  }
  bool contains(const Date& d) const {
    const DayNumber n = to_day_number(d);
    return n >= start_day() && n <= end_day();
  }
  /// Share of the period elapsed at the END of day `at`: 0 before the period,
  /// 1/length on its first day, 1 on its last day and after.
  double elapsed_fraction(const Date& at) const {
    const double done = static_cast<double>(to_day_number(at) - start_day() + 1);
    const double len = static_cast<double>(length_days());
    return done <= 0 ? 0.0 : done >= len ? 1.0 : done / len;
  }
  /// The label: "2025-Q2", "FY2026-Q1", "2025-W23", "1404-01", "R2025-P03", ...
  std::string label() const;

  friend bool operator==(const Period& a, const Period& b) noexcept {
    return a.index_ == b.index_ && a.type_ == b.type_;
  }
  friend bool operator!=(const Period& a, const Period& b) noexcept { return !(a == b); }
  /// Time order within one type; periods of different types order by kind first.
  friend bool operator<(const Period& a, const Period& b) noexcept {
    if (a.type_.kind() != b.type_.kind()) return a.type_.kind() < b.type_.kind();
    if (a.type_.fiscal_start_month() != b.type_.fiscal_start_month())
      return a.type_.fiscal_start_month() < b.type_.fiscal_start_month();
    return a.index_ < b.index_;
  }
  friend bool operator>(const Period& a, const Period& b) noexcept { return b < a; }
  friend bool operator<=(const Period& a, const Period& b) noexcept { return !(b < a); }
  friend bool operator>=(const Period& a, const Period& b) noexcept { return !(a < b); }

 private:
  static Date checked(std::int64_t day) {
    detail::check_day_range(day, "period");
    return from_day_number(static_cast<DayNumber>(day));
  }
  void require_same(const Period& b) const {
    if (!(b.type_ == type_)) throw DomainError("periods of different types cannot be subtracted");
  }
  PeriodType type_{};
  std::int32_t index_ = 0;
};

/// The period of `kind` holding a date.
inline Period period_of(const Date& d, PeriodKind kind, const CalendarSettings& cal = {}) {
  return PeriodType(kind, cal).of(d);
}

/// The period kind a KPI frequency measures in.
constexpr PeriodKind period_kind_of(Frequency f) noexcept {
  switch (f) {
    case Frequency::daily:
      return PeriodKind::day;
    case Frequency::weekly:
      return PeriodKind::iso_week;
    case Frequency::monthly:
      return PeriodKind::month;
    case Frequency::quarterly:
      return PeriodKind::quarter;
    case Frequency::yearly:
      return PeriodKind::year;
  }
  return PeriodKind::month;
}

/// Parse a period label (syntax in the file comment); fiscal and retail labels
/// take their calendar from `cal`. ParseError says why a label is rejected.
inline Period parse_period(std::string_view label, const CalendarSettings& cal = {},
                           const Location& at = {});
/// Same as p.label().
inline std::string format_period(const Period& p) { return p.label(); }

/// Parse a Solar Hijri date "YYYY-MM-DD" (e.g. "1403-12-30"); a date that does
/// not exist (Esfand 30 of a common year) is a ParseError.
inline Date parse_jalali_date(std::string_view text, const Location& at = {});

}  // namespace okrkit

namespace okrkit::detail {
template <>
struct enum_names<PeriodKind> {
  static constexpr std::array<std::pair<PeriodKind, std::string_view>, 18> names{
      {{PeriodKind::day, "day"},
       {PeriodKind::iso_week, "iso_week"},
       {PeriodKind::month, "month"},
       {PeriodKind::quarter, "quarter"},
       {PeriodKind::half, "half"},
       {PeriodKind::year, "year"},
       {PeriodKind::fiscal_quarter, "fiscal_quarter"},
       {PeriodKind::fiscal_half, "fiscal_half"},
       {PeriodKind::fiscal_year, "fiscal_year"},
       {PeriodKind::retail_week, "retail_week"},
       {PeriodKind::retail_period, "retail_period"},
       {PeriodKind::retail_quarter, "retail_quarter"},
       {PeriodKind::retail_year, "retail_year"},
       {PeriodKind::jalali_day, "jalali_day"},
       {PeriodKind::jalali_month, "jalali_month"},
       {PeriodKind::jalali_quarter, "jalali_quarter"},
       {PeriodKind::jalali_half, "jalali_half"},
       {PeriodKind::jalali_year, "jalali_year"}}};
};
}  // namespace okrkit::detail

template <>
struct std::hash<okrkit::Period> {
  std::size_t operator()(const okrkit::Period& p) const noexcept {
    const std::size_t k = static_cast<std::size_t>(p.kind()) * 16 +
                          static_cast<std::size_t>(p.type().fiscal_start_month());
    return std::hash<std::int64_t>()((static_cast<std::int64_t>(k) << 32) ^
                                     static_cast<std::uint32_t>(p.index()));
  }
};

#include "okrkit/detail/period_impl.hpp"
