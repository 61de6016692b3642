// okrkit._core — bulk aggregation of measurement columns to periods
// (okrkit/series/aggregate.hpp). numpy in, numpy out (zero-copy), GIL released
// around the C++ pass. python/okrkit/periods.py builds the DataFrame.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <okrkit/series/aggregate.hpp>

#include "casters.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {

namespace {
using f64 = py::array_t<double, py::array::c_style | py::array::forcecast>;
using i64 = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

/// A numpy array that owns a moved-in vector (no copy).
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& v) {
  auto* heap = new std::vector<T>(std::move(v));
  py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(heap->size()), heap->data(), owner);
}

Aggregation aggregation_from(const std::string& s) {
  if (auto a = detail::enum_from_string<Aggregation>(s)) return *a;
  throw DomainError("unknown aggregation '" + s + "' (expected one of " +
                    detail::enum_choices<Aggregation>() + ")");
}

void check_length(const py::array& a, std::size_t n, const char* name) {
  if (a.ndim() != 1 || static_cast<std::size_t>(a.shape(0)) != n)
    throw DomainError(std::string(name) + " must be a 1-d array of " + std::to_string(n) +
                      " rows, got shape (" +
                      (a.ndim() ? std::to_string(a.shape(0)) : std::string()) + ")");
}
}  // namespace

void register_aggregate(py::module_& m) {
  m.def(
      "aggregate_columns",
      [](const i64& codes, std::size_t series_count, const i64& ticks, std::int64_t ticks_per_day,
         std::optional<f64> values, std::optional<f64> numerators, std::optional<f64> denominators,
         const PeriodType& type, const std::string& how, std::optional<PeriodType> cumulative,
         bool report_gaps, const std::vector<std::string>& names) {
        const Aggregation agg = aggregation_from(how);
        const std::size_t n = static_cast<std::size_t>(codes.ndim() == 1 ? codes.shape(0) : 0);
        check_length(codes, n, "series codes");
        check_length(ticks, n, "dates");
        if (values) check_length(*values, n, "values");
        if (numerators) check_length(*numerators, n, "numerators");
        if (denominators) check_length(*denominators, n, "denominators");
        AggregateOptions opt;
        opt.cumulative = cumulative;
        opt.report_gaps = report_gaps;
        const std::int64_t* c = codes.data();
        const std::int64_t* t = ticks.data();
        const double* v = values ? values->data() : nullptr;
        const double* nu = numerators ? numerators->data() : nullptr;
        const double* de = denominators ? denominators->data() : nullptr;
        BulkAggregate out;
        {
          py::gil_scoped_release release;
          out = aggregate_columns(c, series_count, t, ticks_per_day, v, nu, de, n, type, agg, opt,
                                  names);
        }
        py::list diags;
        for (const auto& d : out.diagnostics) {
          py::dict row;
          row["severity"] = to_string(d.severity);
          row["code"] = d.code;
          row["message"] = d.message;
          row["series"] = d.where.node;
          diags.append(row);
        }
        py::dict r;
        r["series"] = to_numpy(std::move(out.series));
        r["period"] = to_numpy(std::move(out.period));
        r["value"] = to_numpy(std::move(out.value));
        r["count"] = to_numpy(std::move(out.count));
        r["diagnostics"] = diags;
        return r;
      },
      py::arg("codes"), py::arg("series_count"), py::arg("ticks"), py::arg("ticks_per_day"),
      py::arg("values"), py::arg("numerators"), py::arg("denominators"), py::arg("type"),
      py::arg("how"), py::arg("cumulative") = py::none(), py::arg("report_gaps") = true,
      py::arg("names") = std::vector<std::string>{},
      "Aggregate rows (codes[i], ticks[i] // ticks_per_day days since 1970-01-01, values[i]) "
      "to periods of `type`; returns a dict of numpy columns and a diagnostics list.");
}

}  // namespace okrkit::python
