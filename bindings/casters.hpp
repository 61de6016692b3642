// okrkit._core — type casters shared by the binding files.
//   okrkit::Date <-> datetime.date (also accepts "YYYY-MM-DD" strings and
//   numpy.datetime64 / pandas.Timestamp through their .year/.month/.day).
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <okrkit/date.hpp>
#include <okrkit/model.hpp>

namespace pybind11::detail {

template <>
struct type_caster<okrkit::Date> {
  PYBIND11_TYPE_CASTER(okrkit::Date, const_name("datetime.date"));

  bool load(handle src, bool) {
    if (!src || src.is_none()) return false;
    if (isinstance<str>(src)) {
      value = okrkit::parse_date(src.cast<std::string>());  // ParseError -> okrkit.ParseError
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
