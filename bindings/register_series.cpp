// okrkit._core — the series store: build from columns (numpy), read columns
// back, CSV load/dump.
#include <pybind11/numpy.h>

#include <okrkit/io/measurements_io.hpp>

#include <pybind11/stl/filesystem.h>  // paths: str or os.PathLike (pathlib.Path)

#include "casters.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {

namespace {
using f64 = py::array_t<double, py::array::c_style | py::array::forcecast>;
using i32 = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;
using i64 = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

template <class T>
py::array_t<T> to_numpy(const std::vector<T>& v) {
  return py::array_t<T>(static_cast<py::ssize_t>(v.size()), v.data());
}
}  // namespace

void declare_series(py::module_& m) {
  py::class_<SeriesStore>(m, "SeriesStore",
                          "Columnar measurements (series, day, value, numerator, denominator).");
}

void register_series(py::module_& m) {
  py::reinterpret_borrow<py::class_<SeriesStore>>(m.attr("SeriesStore"))
      .def(py::init<>())
      .def_static(
          "from_codes",
          [](i64 codes, std::vector<std::string> categories, i32 days, f64 values,
             std::optional<f64> num, std::optional<f64> den, DuplicatePolicy duplicates) {
            const auto n = static_cast<std::size_t>(codes.size());
            if (static_cast<std::size_t>(days.size()) != n ||
                static_cast<std::size_t>(values.size()) != n)
              throw DomainError("codes, days and values must have the same length");
            if ((num && static_cast<std::size_t>(num->size()) != n) ||
                (den && static_cast<std::size_t>(den->size()) != n))
              throw DomainError("numerator and denominator must have the same length as values");
            const auto* c = codes.data();
            const auto* d = days.data();
            const auto* v = values.data();
            const double* nu = num ? num->data() : nullptr;
            const double* de = den ? den->data() : nullptr;
            py::gil_scoped_release release;
            return measurements_from_columns(n, c, categories, d, v, nu, de, duplicates);
          },
          py::arg("codes"), py::arg("categories"), py::arg("days"), py::arg("values"),
          py::arg("numerators") = py::none(), py::arg("denominators") = py::none(), py::kw_only(),
          py::arg("duplicates") = DuplicatePolicy::error,
          "Build from integer series codes into `categories`, day numbers (days since "
          "1970-01-01) and values. Rows with the same series and day: an error, or combined by "
          "`duplicates` (last, first, sum, mean; see notes).")
      .def(
          "add",
          [](SeriesStore& s, const std::string& series, const Date& date, double value,
             double numerator,
             double denominator) { s.add(series, date, value, numerator, denominator); },
          py::arg("series"), py::arg("date"), py::arg("value"),
          py::arg("numerator") = SeriesStore::missing,
          py::arg("denominator") = SeriesStore::missing,
          "Append one measurement; call finalize() before reading or scoring.")
      .def("finalize", &SeriesStore::finalize, "Sort by series and date and index.")
      .def("__len__", &SeriesStore::size)
      .def_property_readonly("series_count", &SeriesStore::series_count)
      .def_property_readonly("series_ids", &SeriesStore::series_ids)
      .def_property_readonly("has_ratio_columns", &SeriesStore::has_ratio_columns)
      .def_property_readonly(
          "notes", &SeriesStore::notes,
          "Provenance: info diagnostics of the reader (how duplicate rows were combined).")
      .def("__contains__", &SeriesStore::contains)
      .def(
          "columns",
          [](const SeriesStore& s) {
            py::dict d;
            std::vector<std::int32_t> codes(s.series_column().begin(), s.series_column().end());
            d["codes"] = to_numpy(codes);
            d["days"] = to_numpy(s.day_column());
            d["values"] = to_numpy(s.value_column());
            if (s.has_ratio_columns()) {
              d["numerators"] = to_numpy(s.numerator_column());
              d["denominators"] = to_numpy(s.denominator_column());
            }
            return d;
          },
          "The sorted columns as numpy arrays (copies): codes, days, values[, ratio columns].")
      .def("__repr__", [](const SeriesStore& s) {
        return "<okrkit.SeriesStore " + std::to_string(s.size()) + " measurements in " +
               std::to_string(s.series_count()) + " series>";
      });
  auto options = [](DateCalendar calendar, DateFormat date_format, DuplicatePolicy duplicates) {
    MeasurementsOptions o;
    o.calendar = calendar;
    o.date_format = date_format;
    o.duplicates = duplicates;
    return o;
  };
  m.def(
      "load_measurements",
      [options](const std::filesystem::path& p, DateCalendar calendar, DateFormat date_format,
                DuplicatePolicy duplicates) {
        return load_measurements(p.string(), options(calendar, date_format, duplicates));
      },
      py::arg("path"), py::kw_only(), py::arg("calendar") = DateCalendar::gregorian,
      py::arg("date_format") = DateFormat::iso, py::arg("duplicates") = DuplicatePolicy::error,
      "Read measurements from a CSV file (series, date, value[, numerator, denominator]).");
  m.def(
      "parse_measurements",
      [options](std::string_view text, const std::string& file, DateCalendar calendar,
                DateFormat date_format, DuplicatePolicy duplicates) {
        return parse_measurements(text, file, options(calendar, date_format, duplicates));
      },
      py::arg("text"), py::arg("file") = "", py::kw_only(),
      py::arg("calendar") = DateCalendar::gregorian, py::arg("date_format") = DateFormat::iso,
      py::arg("duplicates") = DuplicatePolicy::error, "Parse measurements from CSV text.");
  m.def(
      "parse_date",
      [](std::string_view text, DateCalendar calendar, std::string_view what) {
        return parse_date(text, calendar, what);
      },
      py::arg("text"), py::kw_only(), py::arg("calendar") = DateCalendar::gregorian,
      py::arg("what") = "date",
      "A 'YYYY-MM-DD' date in `calendar` (gregorian or jalali); years outside 1700..2300 are "
      "errors.");
  m.def("dump_measurements", &dump_measurements, py::arg("store"), "Measurements as CSV text.");
}

}  // namespace okrkit::python
