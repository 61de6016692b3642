// okrkit._core — calendars and periods (okrkit/time/calendar.hpp, okrkit/time/period.hpp).
// Conversions only: kinds, patterns and variations travel as strings, dates as
// datetime.date (casters.hpp). python/okrkit/periods.py is the public surface.
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>

#include <okrkit/time/calendar.hpp>
#include <okrkit/time/period.hpp>

#include "casters.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {

namespace {
PeriodKind kind_from(const std::string& s) {
  if (auto k = detail::enum_from_string<PeriodKind>(s)) return *k;
  throw DomainError("unknown period kind '" + s + "' (expected one of " +
                    detail::enum_choices<PeriodKind>() + ")");
}
std::string kind_name(PeriodKind k) { return std::string(detail::enum_to_string(k)); }

RetailPattern pattern_from(const std::string& s) {
  if (s == "445" || s == "4-4-5") return RetailPattern::p445;
  if (s == "454" || s == "4-5-4") return RetailPattern::p454;
  if (s == "544" || s == "5-4-4") return RetailPattern::p544;
  throw DomainError("retail pattern must be 445, 454 or 544, got '" + s + "'");
}
std::string pattern_name(RetailPattern p) {
  return p == RetailPattern::p445 ? "445" : p == RetailPattern::p454 ? "454" : "544";
}
RetailVariation variation_from(const std::string& s) {
  if (s == "last") return RetailVariation::last;
  if (s == "nearest") return RetailVariation::nearest;
  throw DomainError("retail variation must be 'last' or 'nearest', got '" + s + "'");
}
Weekday weekday_from(int w) {
  if (w < 0 || w > 6) throw DomainError("weekday must be 0 (Monday) .. 6 (Sunday)");
  return static_cast<Weekday>(w);
}
}  // namespace

void register_periods(py::module_& m) {
  py::class_<RetailCalendar>(m, "RetailCalendar")
      .def(py::init([](int end_month, int weekday, const std::string& variation,
                       const std::string& pattern, int extra_week_quarter) {
             RetailCalendar c{end_month, weekday_from(weekday), variation_from(variation),
                              pattern_from(pattern), extra_week_quarter};
             c.validate();
             return c;
           }),
           py::kw_only(), py::arg("end_month") = 1, py::arg("weekday") = 5,
           py::arg("variation") = "nearest", py::arg("pattern") = "445",
           py::arg("extra_week_quarter") = 4)
      .def_property_readonly("end_month", [](const RetailCalendar& c) { return c.end_month; })
      .def_property_readonly("weekday",
                             [](const RetailCalendar& c) { return static_cast<int>(c.weekday); })
      .def_property_readonly("variation",
                             [](const RetailCalendar& c) {
                               return c.variation == RetailVariation::last ? "last" : "nearest";
                             })
      .def_property_readonly("pattern",
                             [](const RetailCalendar& c) { return pattern_name(c.pattern); })
      .def_property_readonly("extra_week_quarter",
                             [](const RetailCalendar& c) { return c.extra_week_quarter; })
      .def("year_start", [](const RetailCalendar& c, int y) { return retail_year_start(y, c); })
      .def("year_end", [](const RetailCalendar& c, int y) { return retail_year_end(y, c); })
      .def("year_of", [](const RetailCalendar& c, const Date& d) { return retail_year_of(d, c); })
      .def("weeks_in_year", [](const RetailCalendar& c, int y) { return c.weeks_in_year(y); })
      .def(py::self == py::self);

  py::class_<CalendarSettings>(m, "CalendarSettings")
      .def(py::init([](int fiscal_start_month, const RetailCalendar& retail) {
             return CalendarSettings{fiscal_start_month, retail};
           }),
           py::kw_only(), py::arg("fiscal_start_month") = 1, py::arg("retail") = RetailCalendar{})
      .def_readonly("fiscal_start_month", &CalendarSettings::fiscal_start_month)
      .def_readonly("retail", &CalendarSettings::retail);

  // Both classes are declared before any method: their signatures name each
  // other, and pybind11 writes a type's Python name only once it is registered
  // (scripts/stubs reads these signatures).
  py::class_<PeriodType> period_type(m, "PeriodType");
  py::class_<Period> period(m, "Period");
  period_type
      .def(py::init([](const std::string& kind, const CalendarSettings& cal) {
             return PeriodType(kind_from(kind), cal);
           }),
           py::arg("kind"), py::arg("settings") = CalendarSettings{})
      .def_property_readonly("kind", [](const PeriodType& t) { return kind_name(t.kind()); })
      .def_property_readonly("fiscal_start_month", &PeriodType::fiscal_start_month)
      .def_property_readonly("retail", &PeriodType::retail)
      .def("of", &PeriodType::of, py::arg("date"))
      .def("at", &PeriodType::at, py::arg("index"))
      .def("index_of_day", &PeriodType::index_of_day)
      .def("start_day", &PeriodType::start_day)
      .def(py::self == py::self)
      .def(py::self != py::self);

  period.def(py::init<PeriodType, std::int32_t>(), py::arg("type"), py::arg("index"))
      .def_property_readonly("type", &Period::type)
      .def_property_readonly("kind", [](const Period& p) { return kind_name(p.kind()); })
      .def_property_readonly("index", &Period::index)
      .def_property_readonly("start", &Period::start)
      .def_property_readonly("end", &Period::end)
      .def_property_readonly("start_day", py::overload_cast<>(&Period::start_day, py::const_))
      .def_property_readonly("length_days", &Period::length_days)
      .def("next", &Period::next)
      .def("previous", &Period::previous)
      .def("shift", [](const Period& p, std::int32_t n) { return p + n; })
      .def("distance", [](const Period& a, const Period& b) { return a - b; })
      .def("contains", &Period::contains)
      .def("elapsed_fraction", &Period::elapsed_fraction)
      .def_property_readonly("label", &Period::label)
      // Operators (not plain methods): another type compares unequal
      // (NotImplemented) instead of raising TypeError, as Python expects.
      .def(py::self == py::self)
      .def(py::self < py::self)
      .def("__hash__", [](const Period& p) { return std::hash<Period>()(p); });

  m.def(
      "parse_period",
      [](const std::string& label, const CalendarSettings& cal) {
        return parse_period(label, cal);
      },
      py::arg("label"), py::arg("settings") = CalendarSettings{});
  m.def("period_kinds", [] {
    std::vector<std::string> out;
    for (const auto& [k, n] : detail::enum_names<PeriodKind>::names) out.emplace_back(n), (void)k;
    return out;
  });
  m.def("iso_week_date", [](const Date& d) {
    auto w = iso_week_date(d);
    return py::make_tuple(w.year, w.week, w.weekday);
  });
  m.def("iso_week_start", &iso_week_start, py::arg("year"), py::arg("week"));
  m.def("iso_weeks_in_year", &iso_weeks_in_year, py::arg("year"));
  m.def(
      "fiscal_year_of",
      [](const Date& d, int start_month) { return fiscal_year_of(d, start_month); },
      py::arg("date"), py::arg("start_month"));
  m.def("fiscal_year_start", &fiscal_year_start, py::arg("fiscal_year"), py::arg("start_month"));
  m.def("to_jalali", [](const Date& d) {
    auto j = to_jalali(d);
    return py::make_tuple(j.year, j.month, j.day);
  });
  m.def(
      "from_jalali", [](int y, int mo, int d) { return from_jalali(y, mo, d); }, py::arg("year"),
      py::arg("month"), py::arg("day"));
  m.def("jalali_is_leap", &jalali_is_leap, py::arg("year"));
  m.def("jalali_month_length", &jalali_month_length, py::arg("year"), py::arg("month"));
  m.def("parse_jalali_date", [](const std::string& s) { return parse_jalali_date(s); });
}

}  // namespace okrkit::python
