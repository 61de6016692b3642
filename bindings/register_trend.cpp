// okrkit._core — trend bindings: numpy arrays in, dicts out (python/okrkit/trend.py
// turns them into dataclasses). Conversions only; the statistics live in
// include/okrkit/trend.hpp and src/trend/. Inputs are checked with the GIL held,
// the computation runs with it released.
#include <okrkit/trend.hpp>
#include <okrkit/trend/trend_rows.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "arrays.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {
namespace {

/// A 1-D numpy array as the view the trend functions take, shape checked.
Values as_vec(const Array& a, const char* fn, const char* name) {
  if (a.ndim() != 1)
    throw py::value_error(std::string(fn) + ": " + name + " must be 1-D, got " +
                          std::to_string(a.ndim()) + " dimensions");
  return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

py::dict to_dict(const LinearFit& f) {
  py::dict d;
  d["slope"] = f.slope;
  d["intercept"] = f.intercept;
  d["r_squared"] = f.r_squared;
  d["slope_se"] = f.slope_se;
  d["intercept_se"] = f.intercept_se;
  d["residual_sd"] = f.residual_sd;
  d["residual_ss"] = f.residual_ss;
  d["t_value"] = f.t_value;
  d["p_value"] = f.p_value;
  d["confidence"] = f.confidence;
  d["slope_low"] = f.slope_low;
  d["slope_high"] = f.slope_high;
  d["intercept_low"] = f.intercept_low;
  d["intercept_high"] = f.intercept_high;
  d["n"] = f.n;
  d["dropped"] = f.dropped;
  return d;
}

py::dict to_dict(const MannKendall& r) {
  py::dict d;
  d["trend"] = to_string(r.trend);
  d["significant"] = r.significant;
  d["p"] = r.p;
  d["z"] = r.z;
  d["tau"] = r.tau;
  d["s"] = r.s;
  d["var_s"] = r.var_s;
  d["slope"] = r.slope;
  d["intercept"] = r.intercept;
  d["alpha"] = r.alpha;
  d["n"] = r.n;
  d["dropped"] = r.dropped;
  return d;
}

py::dict to_dict(const TheilSen& r) {
  py::dict d;
  d["slope"] = r.slope;
  d["intercept"] = r.intercept;
  d["slope_low"] = r.slope_low;
  d["slope_high"] = r.slope_high;
  d["confidence"] = r.confidence;
  d["n"] = r.n;
  d["dropped"] = r.dropped;
  return d;
}

py::dict to_dict(const SenSlope& r) {
  py::dict d;
  d["slope"] = r.slope;
  d["intercept"] = r.intercept;
  d["n"] = r.n;
  d["dropped"] = r.dropped;
  return d;
}

InterceptMethod intercept_method(const std::string& m) {
  if (m == "separate") return InterceptMethod::separate;
  if (m == "joint") return InterceptMethod::joint;
  throw py::value_error("theil_sen: method must be 'separate' or 'joint', got '" + m + "'");
}

/// Shape check of a bulk input (GIL held): a 2-D series × time array.
void check_rows(const Array& a, const char* fn) {
  if (a.ndim() != 2)
    throw py::value_error(std::string(fn) + ": y must be 2-D (series x time), got " +
                          std::to_string(a.ndim()) + " dimensions");
}

}  // namespace

void register_trend(py::module_& m) {
  m.def(
      "linear_trend",
      [](const Array& y, const std::optional<Array>& t, double confidence) {
        const Values yv = as_vec(y, "linear_trend", "y");
        LinearFit f;
        if (t) {
          const Values tv = as_vec(*t, "linear_trend", "t");
          if (tv.size() != yv.size())
            throw py::value_error("linear_trend: t and y differ in length (" +
                                  std::to_string(tv.size()) + " vs " + std::to_string(yv.size()) +
                                  ")");
          py::gil_scoped_release release;
          f = linear_trend(tv, yv, confidence);
        } else {
          py::gil_scoped_release release;
          f = linear_trend(yv, confidence);
        }
        return to_dict(f);
      },
      py::arg("y"), py::arg("t") = py::none(), py::arg("confidence") = 0.95,
      "OLS of y on t (default: 0-based positions); NaN pairs dropped.");

  m.def(
      "linear_trend_rows",
      [](const Array& y, double confidence, unsigned threads) {
        check_rows(y, "linear_trend_rows");
        const auto rows = static_cast<std::size_t>(y.shape(0)),
                   cols = static_cast<std::size_t>(y.shape(1));
        RowResults<LinearFit> r;
        {
          py::gil_scoped_release release;
          r = linear_trend_rows(y.data(), rows, cols, confidence, threads);
        }
        py::dict d;
        d["slope"] = result_column(r.rows, [](const LinearFit& f) { return f.slope; });
        d["intercept"] = result_column(r.rows, [](const LinearFit& f) { return f.intercept; });
        d["r_squared"] = result_column(r.rows, [](const LinearFit& f) { return f.r_squared; });
        d["slope_se"] = result_column(r.rows, [](const LinearFit& f) { return f.slope_se; });
        d["p_value"] = result_column(r.rows, [](const LinearFit& f) { return f.p_value; });
        d["slope_low"] = result_column(r.rows, [](const LinearFit& f) { return f.slope_low; });
        d["slope_high"] = result_column(r.rows, [](const LinearFit& f) { return f.slope_high; });
        d["n"] = result_column(r.rows, [](const LinearFit& f) { return f.n; });
        d["dropped"] = result_column(r.rows, [](const LinearFit& f) { return f.dropped; });
        d["error"] = r.errors;
        return d;
      },
      py::arg("y"), py::arg("confidence") = 0.95, py::arg("threads") = 0,
      "linear_trend on every row of a 2-D array (threads, GIL released); undefined rows are NaN.");

  m.def(
      "theil_sen",
      [](const Array& y, const std::optional<Array>& x, double confidence,
         const std::string& method) {
        const InterceptMethod im = intercept_method(method);
        const Values yv = as_vec(y, "theil_sen", "y");
        TheilSen r;
        if (x) {
          const Values xv = as_vec(*x, "theil_sen", "x");
          if (xv.size() != yv.size()) throw py::value_error("theil_sen: x and y differ in length");
          py::gil_scoped_release release;
          r = theil_sen(xv, yv, confidence, im);
        } else {
          py::gil_scoped_release release;
          r = theil_sen(yv, confidence, im);
        }
        return to_dict(r);
      },
      py::arg("y"), py::arg("x") = py::none(), py::arg("confidence") = 0.95,
      py::arg("method") = "separate", "Theil-Sen slope as scipy.stats.theilslopes.");

  m.def(
      "sens_slope",
      [](const Array& y, std::size_t period) {
        const Values v = as_vec(y, "sens_slope", "y");
        SenSlope r;
        {
          py::gil_scoped_release release;
          r = period == 0 ? sens_slope(v) : seasonal_sens_slope(v, period);
        }
        return to_dict(r);
      },
      py::arg("y"), py::arg("period") = 0,
      "Sen's slope (period 0) or seasonal Sen's slope, as pyMannKendall.");

  m.def(
      "mann_kendall",
      [](const Array& y, const std::string& test, double alpha, std::size_t period,
         std::size_t lag) {
        const Values v = as_vec(y, "mann_kendall", "y");
        if (test != "original" && test != "seasonal" && test != "correlated_seasonal" &&
            test != "hamed_rao" && test != "yue_wang")
          throw py::value_error(
              "mann_kendall: test must be 'original', 'seasonal', 'correlated_seasonal', "
              "'hamed_rao' or 'yue_wang', "
              "got '" +
              test + "'");
        MannKendall r;
        {
          py::gil_scoped_release release;
          if (test == "original")
            r = mann_kendall(v, alpha);
          else if (test == "seasonal")
            r = seasonal_mann_kendall(v, period, alpha);
          else if (test == "correlated_seasonal")
            r = correlated_seasonal_mann_kendall(v, period, alpha);
          else if (test == "hamed_rao")
            r = hamed_rao(v, alpha, lag);
          else
            r = yue_wang(v, alpha, lag);
        }
        return to_dict(r);
      },
      py::arg("y"), py::arg("test") = "original", py::arg("alpha") = 0.05, py::arg("period") = 12,
      py::arg("lag") = 0, "Mann-Kendall tests as pyMannKendall.");

  m.def(
      "mann_kendall_rows",
      [](const Array& y, double alpha, unsigned threads) {
        check_rows(y, "mann_kendall_rows");
        const auto rows = static_cast<std::size_t>(y.shape(0)),
                   cols = static_cast<std::size_t>(y.shape(1));
        RowResults<MannKendall> r;
        {
          py::gil_scoped_release release;
          r = mann_kendall_rows(y.data(), rows, cols, alpha, threads);
        }
        py::dict d;
        d["s"] = result_column(r.rows, [](const MannKendall& m) { return m.s; });
        d["var_s"] = result_column(r.rows, [](const MannKendall& m) { return m.var_s; });
        d["z"] = result_column(r.rows, [](const MannKendall& m) { return m.z; });
        d["p"] = result_column(r.rows, [](const MannKendall& m) { return m.p; });
        d["tau"] = result_column(r.rows, [](const MannKendall& m) { return m.tau; });
        d["slope"] = result_column(r.rows, [](const MannKendall& m) { return m.slope; });
        d["intercept"] = result_column(r.rows, [](const MannKendall& m) { return m.intercept; });
        d["trend"] =
            result_column(r.rows, [](const MannKendall& m) { return static_cast<int>(m.trend); });
        d["n"] = result_column(r.rows, [](const MannKendall& m) { return m.n; });
        d["dropped"] = result_column(r.rows, [](const MannKendall& m) { return m.dropped; });
        d["error"] = r.errors;
        return d;
      },
      py::arg("y"), py::arg("alpha") = 0.05, py::arg("threads") = 0,
      "Original Mann-Kendall test on every row of a 2-D array (threads, GIL released).");

  m.def(
      "period_change",
      [](const Array& y, std::size_t lag) {
        const Values v = as_vec(y, "period_change", "y");
        PeriodChange c;
        {
          py::gil_scoped_release release;
          c = period_change(v, lag);
        }
        py::dict d;
        d["absolute"] = to_array(std::move(c.absolute));
        d["relative"] = to_array(std::move(c.relative));
        d["lag"] = c.lag;
        d["missing"] = c.missing;
        return d;
      },
      py::arg("y"), py::arg("lag") = 1);

  m.def("cagr", py::overload_cast<double, double, double>(&cagr), py::arg("first"), py::arg("last"),
        py::arg("years"));
  m.def(
      "cagr_series",
      [](const Array& y, double periods_per_year) {
        const Values v = as_vec(y, "cagr", "y");
        return cagr(v, periods_per_year);
      },
      py::arg("y"), py::arg("periods_per_year"));

  m.def(
      "sma",
      [](const Array& y, std::size_t window, std::size_t min_periods) {
        const Values v = as_vec(y, "sma", "y");
        std::vector<double> out;
        {
          py::gil_scoped_release release;
          out = sma(v, window, min_periods);
        }
        return to_array(std::move(out));
      },
      py::arg("y"), py::arg("window"), py::arg("min_periods") = 0);

  m.def(
      "ema",
      [](const Array& y, double alpha) {
        const Values v = as_vec(y, "ema", "y");
        std::vector<double> out;
        {
          py::gil_scoped_release release;
          out = ema(v, alpha);
        }
        return to_array(std::move(out));
      },
      py::arg("y"), py::arg("alpha"));

  m.def(
      "xmr",
      [](const Array& y, std::size_t run_length, std::size_t trend_length) {
        const Values v = as_vec(y, "xmr", "y");
        XmR c;
        {
          py::gil_scoped_release release;
          c = xmr(v, run_length, trend_length);
        }
        py::dict d;
        d["centre"] = c.centre;
        d["mean_moving_range"] = c.mean_moving_range;
        d["upper"] = c.upper;
        d["lower"] = c.lower;
        d["range_upper"] = c.range_upper;
        d["beyond_limits"] = c.beyond_limits;
        d["one_side_run"] = c.one_side_run;
        d["trend_run"] = c.trend_run;
        d["n"] = c.n;
        d["dropped"] = c.dropped;
        return d;
      },
      py::arg("y"), py::arg("run_length") = 8, py::arg("trend_length") = 6);
}

}  // namespace okrkit::python
