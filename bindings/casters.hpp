// okrkit._core — type casters shared by the binding files.
//   okrkit::Date <-> datetime.date (also accepts "YYYY-MM-DD" strings and
//   numpy.datetime64 / pandas.Timestamp through their .year/.month/.day).
//   Strings are Gregorian with years 1700..2300, as measurement dates.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <okrkit/time/date.hpp>
#include <okrkit/time/date_input.hpp>
#include <okrkit/model/model.hpp>
#include <okrkit/io/measurements_io.hpp>

namespace pybind11::detail {

template <>
struct type_caster<okrkit::Date> {
  // Arguments take a "YYYY-MM-DD" string too; results are always dates.
  PYBIND11_TYPE_CASTER(okrkit::Date, io_name("datetime.date | str", "datetime.date"));

  bool load(handle src, bool) {
    if (!src || src.is_none()) return false;
    if (isinstance<str>(src)) {
      // The window of every user-typed date (okrkit/time/date_input.hpp):
      // "1404-03-10" is an error that names calendar="jalali", not year 1404.
      std::string why = okrkit::detail::read_input_date(src.cast<std::string>(),
                                                        okrkit::DateCalendar::gregorian, value);
      if (!why.empty()) throw okrkit::ParseError(why);  // -> okrkit.ParseError
      return true;
    }
    if (hasattr(src, "year") && hasattr(src, "month") && hasattr(src, "day")) {
      int y = src.attr("year").cast<int>(), m = src.attr("month").cast<int>(),
          d = src.attr("day").cast<int>();
      if (!okrkit::is_valid_date(y, m, d)) return false;
      value = okrkit::Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                           static_cast<unsigned short>(d));
      return true;
    }
    return false;
  }

  static handle cast(const okrkit::Date& d, return_value_policy, handle) {
    object date_type = module_::import("datetime").attr("date");
    return date_type(static_cast<int>(d.year()), static_cast<int>(d.month()),
                     static_cast<int>(d.day()))
        .release();
  }
};

/// okrkit enums travel as their text names ("increase", "monthly"): pythonic,
/// pandas-friendly, and the same spelling as the JSON format. A wrong name is a
/// ValueError listing the accepted ones.
template <class E>
struct okrkit_enum_caster {
  PYBIND11_TYPE_CASTER(E, const_name("str"));
  bool load(handle src, bool) {
    if (!isinstance<str>(src)) return false;
    auto s = src.cast<std::string>();
    auto e = okrkit::detail::enum_from_string<E>(s);
    if (!e)
      throw value_error("unknown value '" + s +
                        "' (expected one of: " + okrkit::detail::enum_choices<E>() + ")");
    value = *e;
    return true;
  }
  static handle cast(E e, return_value_policy, handle) {
    return str(std::string(okrkit::detail::enum_to_string(e))).release();
  }
};

template <>
struct type_caster<okrkit::TargetKind> : okrkit_enum_caster<okrkit::TargetKind> {};
template <>
struct type_caster<okrkit::ProgressMethod> : okrkit_enum_caster<okrkit::ProgressMethod> {};
template <>
struct type_caster<okrkit::ObjectiveType> : okrkit_enum_caster<okrkit::ObjectiveType> {};
template <>
struct type_caster<okrkit::Frequency> : okrkit_enum_caster<okrkit::Frequency> {};
template <>
struct type_caster<okrkit::Aggregation> : okrkit_enum_caster<okrkit::Aggregation> {};
template <>
struct type_caster<okrkit::GradeOver> : okrkit_enum_caster<okrkit::GradeOver> {};
template <>
struct type_caster<okrkit::RollupMethod> : okrkit_enum_caster<okrkit::RollupMethod> {};
template <>
struct type_caster<okrkit::MissingPolicy> : okrkit_enum_caster<okrkit::MissingPolicy> {};
template <>
struct type_caster<okrkit::PlanCurve> : okrkit_enum_caster<okrkit::PlanCurve> {};
template <>
struct type_caster<okrkit::CycleState> : okrkit_enum_caster<okrkit::CycleState> {};
template <>
struct type_caster<okrkit::NodeState> : okrkit_enum_caster<okrkit::NodeState> {};
template <>
struct type_caster<okrkit::CheckInStatus> : okrkit_enum_caster<okrkit::CheckInStatus> {};
template <>
struct type_caster<okrkit::KrScoring> : okrkit_enum_caster<okrkit::KrScoring> {};
template <>
struct type_caster<okrkit::ZoneLevel> : okrkit_enum_caster<okrkit::ZoneLevel> {};
template <>
struct type_caster<okrkit::DateCalendar> : okrkit_enum_caster<okrkit::DateCalendar> {};
template <>
struct type_caster<okrkit::DateFormat> : okrkit_enum_caster<okrkit::DateFormat> {};
template <>
struct type_caster<okrkit::DuplicatePolicy> : okrkit_enum_caster<okrkit::DuplicatePolicy> {};

}  // namespace pybind11::detail

namespace okrkit::python {

/// `__init__(**fields)` for a plain struct: every keyword sets the attribute of
/// the same name (unknown names raise AttributeError), so Python code builds
/// nodes as `Objective(id="o1", title="...")`.
template <class T>
std::unique_ptr<T> from_kwargs(const pybind11::kwargs& kw) {
  auto t = std::make_unique<T>();
  pybind11::object view = pybind11::cast(t.get(), pybind11::return_value_policy::reference);
  for (auto item : kw) pybind11::setattr(view, item.first, item.second);
  return t;
}

}  // namespace okrkit::python
