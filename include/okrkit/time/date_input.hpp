// okrkit — dates as users type them (measurement dates, as-of dates).
//
// The same text must mean one thing: "1404-03-10" is year 1404 of the
// Gregorian calendar unless the user says explicitly that it is a Solar Hijri
// (Jalali) date. A Gregorian year outside 1700..2300 is an error rather than a
// silent score for the 15th century: real data never lies there, while Jalali
// dates (years ~1100..1700) and typos do. When such a text is a valid Jalali
// date, the message says so and names the option that reads it as one.
// Period labels (period.hpp) keep their own rule (a year below 1700 is Jalali):
// a label names a period, not a measurement, and never reaches this parser.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "okrkit/core/error.hpp"
#include "okrkit/detail/enum_names.hpp"
#include "okrkit/time/date.hpp"

namespace okrkit {

/// The calendar of date text: Gregorian unless the user says otherwise.
enum class DateCalendar { gregorian, jalali };

/// First and last Gregorian year accepted in measurement and as-of dates.
constexpr int min_input_year = 1700;
constexpr int max_input_year = 2300;

namespace detail {
template <>
struct enum_names<DateCalendar> {
  static constexpr std::array<std::pair<DateCalendar, std::string_view>, 2> names{
      {{DateCalendar::gregorian, "gregorian"}, {DateCalendar::jalali, "jalali"}}};
};

/// Reads "YYYY-MM-DD" in `cal` into `out`; on failure returns why (a message
/// without place), else "", and sets `code` (if given) to the diagnostic code:
/// "bad-date" (not a date) or "date-out-of-range" (outside the years
/// min_input_year..max_input_year). When a Gregorian text is out of range but
/// a valid Solar Hijri date, the message gives its Gregorian day and then
/// `jalali_advice` (null: "to read the dates as Solar Hijri, pass --calendar
/// jalali (Python: calendar=\"jalali\")"); readers without a calendar option
/// (the model JSON) pass their own advice.
std::string read_input_date(std::string_view text, DateCalendar cal, Date& out,
                            std::string* code = nullptr, const char* jalali_advice = nullptr);
}  // namespace detail

/// Parse an as-of (or any user-typed) date "YYYY-MM-DD" in `cal`. `what` names
/// the input in the message ("--as-of", "as_of"). ParseError examples:
///   --as-of: date '1404-03-10' has year 1404, outside the Gregorian years
///   1700..2300; it is a valid Solar Hijri date (2025-05-31): to read it as
///   one, pass --calendar jalali (Python: calendar="jalali")
Date parse_date(std::string_view text, DateCalendar cal, std::string_view what);

}  // namespace okrkit
