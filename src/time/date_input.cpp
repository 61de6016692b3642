// okrkit — user-typed dates in an explicit calendar (date_input.hpp).
#include "okrkit/time/date_input.hpp"

#include "okrkit/time/calendar.hpp"

namespace okrkit {

namespace detail {

namespace {
const std::string& window() {
  static const std::string w =
      std::to_string(min_input_year) + ".." + std::to_string(max_input_year);
  return w;
}
bool in_window(const Date& d) { return d.year() >= min_input_year && d.year() <= max_input_year; }
// Why y-m-d is not a Jalali date ("" when it is one).
std::string jalali_problem(int y, int m, int d) {
  if (is_valid_jalali_date(y, m, d)) return "";
  if (y >= jalali_min_year && y <= jalali_max_year && m == 12 && d == 30)
    return std::to_string(y) + " is not a leap year, esfand has 29 days";
  return "no such day";
}
}  // namespace

std::string read_input_date(std::string_view text, DateCalendar cal, Date& out, std::string* code,
                            const char* jalali_advice) {
  const std::string t(text);
  std::string ignored;
  std::string& c = code ? *code : ignored;
  c = "bad-date";
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !is_digits(text.substr(0, 4)) ||
      !is_digits(text.substr(5, 2)) || !is_digits(text.substr(8, 2)))
    return "date '" + t + "' is not YYYY-MM-DD";
  const int y = to_int(text.substr(0, 4)), m = to_int(text.substr(5, 2)),
            d = to_int(text.substr(8, 2));
  if (cal == DateCalendar::jalali) {
    const std::string why = jalali_problem(y, m, d);
    if (!why.empty()) return "Solar Hijri date '" + t + "' does not exist (" + why + ")";
    const Date g = from_jalali(y, m, d);
    if (!in_window(g)) {
      c = "date-out-of-range";
      std::string msg = "Solar Hijri date '" + t + "' is " + format_date(g) +
                        " in the Gregorian calendar, outside the years " + window();
      if (is_valid_date(y, m, d) && y >= min_input_year && y <= max_input_year)
        msg +=
            "; it looks like a Gregorian date: read it without --calendar jalali "
            "(Python: calendar=\"gregorian\")";
      return msg;
    }
    out = g;
    c.clear();
    return "";
  }
  if (y < min_input_year || y > max_input_year) {
    c = "date-out-of-range";
    std::string msg = "date '" + t + "' has year " + std::to_string(y) +
                      ", outside the Gregorian years " + window();
    const std::string why = jalali_problem(y, m, d);
    if (why.empty()) {
      const Date g = from_jalali(y, m, d);
      if (in_window(g))
        return msg + "; it is a valid Solar Hijri date (" + format_date(g) + "): " +
               (jalali_advice ? jalali_advice
                              : "to read the dates as Solar Hijri, pass --calendar jalali "
                                "(Python: calendar=\"jalali\")");
    } else if (y >= 1079 && y <= 1679) {  // the Jalali years of the window
      return msg + " (nor is it a Solar Hijri date: " + why + ")";
    }
    return msg;
  }
  if (!is_valid_date(y, m, d)) return "date '" + t + "' does not exist";
  out = Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
             static_cast<unsigned short>(d));
  c.clear();
  return "";
}

}  // namespace detail

Date parse_date(std::string_view text, DateCalendar cal, std::string_view what) {
  Date out;
  const std::string why = detail::read_input_date(text, cal, out);
  if (!why.empty()) throw ParseError(why, Location(std::string(what)));
  return out;
}

}  // namespace okrkit
