// okrkit._core — exponential smoothing / ETS fits, forecasts, target questions
// and the threaded batch. Conversions only: every formula is in
// include/okrkit/{ets,forecast,forecast_batch}.hpp. The pythonic surface is
// python/okrkit/forecast.py.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <okrkit/forecast/ets.hpp>
#include <okrkit/forecast/forecast.hpp>
#include <okrkit/forecast/simulate_paths.hpp>
#include <okrkit/forecast/forecast_batch.hpp>

#include "arrays.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {
namespace {

std::vector<double> to_vector(const Array& a, const char* name) {
  if (a.ndim() != 1) throw py::value_error(std::string(name) + " must be 1-dimensional");
  return std::vector<double>(a.data(), a.data() + a.size());
}

Criterion criterion_of(const std::string& s) {
  if (s == "ml" || s == "mle" || s == "max_likelihood") return Criterion::max_likelihood;
  if (s == "ls" || s == "least_squares") return Criterion::least_squares;
  throw DomainError("method must be 'ml' or 'ls', got '" + s + "'");
}
InitMethod init_of(const std::string& s) {
  if (s == "estimated") return InitMethod::estimated;
  if (s == "simple") return InitMethod::simple;
  if (s == "known") return InitMethod::known;
  throw DomainError("init must be 'estimated', 'simple' or 'known', got '" + s + "'");
}
Parameterization param_of(const std::string& s) {
  if (s == "ets") return Parameterization::ets;
  if (s == "holt") return Parameterization::holt;
  throw DomainError("parameterization must be 'ets' or 'holt', got '" + s + "'");
}
IntervalMethod interval_of(const std::string& s) {
  if (s == "auto") return IntervalMethod::automatic;
  if (s == "analytic") return IntervalMethod::analytic;
  if (s == "simulation") return IntervalMethod::simulation;
  throw DomainError("interval method must be 'auto', 'analytic' or 'simulation', got '" + s + "'");
}
Direction direction_of(const std::string& s) {
  if (s == "higher" || s == "higher_is_better" || s == "increase" || s == "at_least")
    return Direction::higher_is_better;
  if (s == "lower" || s == "lower_is_better" || s == "decrease" || s == "at_most")
    return Direction::lower_is_better;
  throw DomainError("direction must be 'higher' or 'lower', got '" + s + "'");
}

EtsOptions make_options(const std::string& method, const std::string& init,
                        const std::string& parameterization, std::optional<double> alpha,
                        std::optional<double> beta, std::optional<double> gamma,
                        std::optional<double> phi, std::optional<double> initial_level,
                        std::optional<double> initial_trend,
                        std::optional<std::vector<double>> initial_seasonal,
                        std::optional<std::vector<double>> bounds, int max_evals) {
  EtsOptions o;
  o.criterion = criterion_of(method);
  o.init = init_of(init);
  o.parameterization = param_of(parameterization);
  o.alpha = alpha;
  o.beta = beta;
  o.gamma = gamma;
  o.phi = phi;
  o.max_evals = max_evals;
  if (initial_level) {
    EtsState x;
    x.level = *initial_level;
    x.trend = initial_trend.value_or(0.0);
    if (initial_seasonal) x.season = *initial_seasonal;
    o.initial = x;
  }
  if (bounds) {
    if (bounds->size() != 8)
      throw DomainError("bounds needs 8 numbers (alpha, beta, gamma, phi lo/hi)");
    const auto& b = *bounds;
    o.bounds = ParamBounds{b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]};
  }
  return o;
}

ForecastOptions forecast_options(std::vector<double> levels, const std::string& method, int n_paths,
                                 std::uint64_t seed) {
  ForecastOptions o;
  o.levels = std::move(levels);
  o.method = interval_of(method);
  o.n_paths = n_paths;
  o.seed = seed;
  return o;
}

/// A (column-major) Eigen matrix as a C-ordered 2-D numpy array.
py::array_t<double> to_matrix(const Eigen::MatrixXd& x) {
  py::array_t<double> a({py::ssize_t(x.rows()), py::ssize_t(x.cols())});
  auto w = a.mutable_unchecked<2>();
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (Eigen::Index j = 0; j < x.cols(); ++j) w(i, j) = x(i, j);
  return a;
}

py::dict state_dict(const EtsState& s) {
  py::dict d;
  d["level"] = s.level;
  d["trend"] = s.trend;
  d["seasonal"] = to_array(s.season);
  return d;
}

// --- pickling: versioned state -----------------------------------------------
// (1, model code, period, method, init, (alpha, beta, gamma, phi), initial
// state, last state, fitted, residuals, innovations, n, n_obs, last_value, sse,
// mse, sigma2, loglik, loglik_r, aic, aicc, bic, n_params, evaluations,
// diagnostics). States are (level, trend, [seasonals]); enums travel as their
// names. A new field means a new state version: keep reading the old ones.
constexpr std::size_t fit_state_size = 25;

py::tuple ets_state(const EtsState& s) { return py::make_tuple(s.level, s.trend, s.season); }

EtsState ets_state_from(const py::handle& h) {
  const auto t = h.cast<py::tuple>();
  if (t.size() != 3) throw DomainError("corrupt okrkit EtsFit pickle state");
  EtsState s;
  s.level = t[0].cast<double>();
  s.trend = t[1].cast<double>();
  s.season = t[2].cast<std::vector<double>>();
  return s;
}

py::tuple fit_state(const EtsFit& f) {
  py::list ds;
  for (const auto& d : f.diagnostics)
    ds.append(py::make_tuple(to_string(d.severity), d.code, d.message));
  const char* init = f.init == InitMethod::estimated ? "estimated"
                     : f.init == InitMethod::simple  ? "simple"
                                                     : "known";
  return py::make_tuple(1, f.spec.code(), f.spec.period,
                        f.criterion == Criterion::max_likelihood ? "ml" : "ls", init,
                        py::make_tuple(f.params.alpha, f.params.beta, f.params.gamma, f.params.phi),
                        ets_state(f.initial), ets_state(f.last), f.fitted, f.residuals,
                        f.innovations, f.n, f.n_obs, f.last_value, f.sse, f.mse, f.sigma2, f.loglik,
                        f.loglik_r, f.aic, f.aicc, f.bic, f.n_params, f.evaluations, ds);
}

EtsFit fit_from_state(const py::tuple& t) {
  if (t.size() < 1 || t[0].cast<int>() != 1 || t.size() != fit_state_size)
    throw DomainError("unsupported okrkit EtsFit pickle state");
  EtsFit f;
  f.spec = EtsSpec::parse(t[1].cast<std::string>(), t[2].cast<int>());
  f.criterion = criterion_of(t[3].cast<std::string>());
  f.init = init_of(t[4].cast<std::string>());
  const auto p = t[5].cast<py::tuple>();
  if (p.size() != 4) throw DomainError("corrupt okrkit EtsFit pickle state");
  f.params.alpha = p[0].cast<double>();
  f.params.beta = p[1].cast<double>();
  f.params.gamma = p[2].cast<double>();
  f.params.phi = p[3].cast<double>();
  f.initial = ets_state_from(t[6]);
  f.last = ets_state_from(t[7]);
  f.fitted = t[8].cast<std::vector<double>>();
  f.residuals = t[9].cast<std::vector<double>>();
  f.innovations = t[10].cast<std::vector<double>>();
  f.n = t[11].cast<std::size_t>();
  f.n_obs = t[12].cast<std::size_t>();
  f.last_value = t[13].cast<double>();
  f.sse = t[14].cast<double>();
  f.mse = t[15].cast<double>();
  f.sigma2 = t[16].cast<double>();
  f.loglik = t[17].cast<double>();
  f.loglik_r = t[18].cast<double>();
  f.aic = t[19].cast<double>();
  f.aicc = t[20].cast<double>();
  f.bic = t[21].cast<double>();
  f.n_params = t[22].cast<int>();
  f.evaluations = t[23].cast<int>();
  for (const auto& h : t[24].cast<py::list>()) {
    const auto d = h.cast<py::tuple>();
    const auto sev = d[0].cast<std::string>();
    Diagnostic x;
    x.severity = sev == "info"      ? Severity::info
                 : sev == "warning" ? Severity::warning
                                    : Severity::error;
    x.code = d[1].cast<std::string>();
    x.message = d[2].cast<std::string>();
    f.diagnostics.push_back(std::move(x));
  }
  return f;
}

}  // namespace

void register_forecast(py::module_& m) {
  py::class_<EtsFit>(m, "EtsFit",
                     "A fitted exponential-smoothing (ETS) model (see okrkit.forecast)")
      .def_property_readonly("model", [](const EtsFit& f) { return f.spec.code(); })
      .def_property_readonly("period", [](const EtsFit& f) { return f.spec.period; })
      .def_property_readonly("alpha", [](const EtsFit& f) { return f.params.alpha; })
      .def_property_readonly("beta", [](const EtsFit& f) { return f.params.beta; })
      .def_property_readonly("beta_star", [](const EtsFit& f) { return f.params.beta_star(); })
      .def_property_readonly("gamma", [](const EtsFit& f) { return f.params.gamma; })
      .def_property_readonly("phi", [](const EtsFit& f) { return f.params.phi; })
      .def_property_readonly("initial_state", [](const EtsFit& f) { return state_dict(f.initial); })
      .def_property_readonly("last_state", [](const EtsFit& f) { return state_dict(f.last); })
      .def_property_readonly("fitted", [](const EtsFit& f) { return to_array(f.fitted); })
      .def_property_readonly("residuals", [](const EtsFit& f) { return to_array(f.residuals); })
      .def_property_readonly("innovations", [](const EtsFit& f) { return to_array(f.innovations); })
      .def_readonly("n", &EtsFit::n)
      .def_readonly("n_obs", &EtsFit::n_obs)
      .def_readonly("last_value", &EtsFit::last_value)
      .def_readonly("sse", &EtsFit::sse)
      .def_readonly("mse", &EtsFit::mse)
      .def_readonly("sigma2", &EtsFit::sigma2)
      .def_readonly("loglik", &EtsFit::loglik)
      .def_readonly("loglik_r", &EtsFit::loglik_r)
      .def_readonly("aic", &EtsFit::aic)
      .def_readonly("aicc", &EtsFit::aicc)
      .def_readonly("bic", &EtsFit::bic)
      .def_readonly("n_params", &EtsFit::n_params)
      .def_readonly("evaluations", &EtsFit::evaluations)
      .def_property_readonly(
          "method",
          [](const EtsFit& f) { return f.criterion == Criterion::max_likelihood ? "ml" : "ls"; })
      .def(py::pickle(&fit_state, &fit_from_state))
      .def_property_readonly("diagnostics", [](const EtsFit& f) {
        py::list out;
        for (const auto& d : f.diagnostics) {
          py::dict row;
          row["severity"] = to_string(d.severity);
          row["code"] = d.code;
          row["message"] = d.message;
          out.append(row);
        }
        return out;
      });

  m.def(
      "_ets_fit",
      [](const Array& y, const std::string& model, int period, const std::string& method,
         const std::string& init, const std::string& parameterization, std::optional<double> alpha,
         std::optional<double> beta, std::optional<double> gamma, std::optional<double> phi,
         std::optional<double> initial_level, std::optional<double> initial_trend,
         std::optional<std::vector<double>> initial_seasonal,
         std::optional<std::vector<double>> bounds, int max_evals) {
        auto v = to_vector(y, "y");
        auto spec = EtsSpec::parse(model, period);
        auto o = make_options(method, init, parameterization, alpha, beta, gamma, phi,
                              initial_level, initial_trend, initial_seasonal, bounds, max_evals);
        py::gil_scoped_release nogil;
        return fit_ets(v, spec, o);
      },
      py::arg("y"), py::arg("model"), py::arg("period") = 1, py::arg("method") = "ml",
      py::arg("init") = "estimated", py::arg("parameterization") = "ets",
      py::arg("alpha") = py::none(), py::arg("beta") = py::none(), py::arg("gamma") = py::none(),
      py::arg("phi") = py::none(), py::arg("initial_level") = py::none(),
      py::arg("initial_trend") = py::none(), py::arg("initial_seasonal") = py::none(),
      py::arg("bounds") = py::none(), py::arg("max_evals") = 4000);

  m.def(
      "_ets_auto",
      [](const Array& y, int period, bool allow_trend, bool allow_damped, bool allow_multiplicative,
         const std::string& criterion, bool allow_multiplicative_trend) {
        auto v = to_vector(y, "y");
        AutoEtsOptions o;
        o.period = period;
        o.allow_trend = allow_trend;
        o.allow_damped = allow_damped;
        o.allow_multiplicative = allow_multiplicative;
        o.criterion = criterion;
        o.allow_multiplicative_trend = allow_multiplicative_trend;
        py::gil_scoped_release nogil;
        return auto_ets(v, o);
      },
      py::arg("y"), py::arg("period") = 1, py::arg("allow_trend") = true,
      py::arg("allow_damped") = true, py::arg("allow_multiplicative") = true,
      py::arg("criterion") = "aicc", py::arg("allow_multiplicative_trend") = false);

  m.def(
      "_ets_forecast",
      [](const EtsFit& f, int h, std::vector<double> levels, const std::string& method, int n_paths,
         std::uint64_t seed) {
        auto o = forecast_options(std::move(levels), method, n_paths, seed);
        Forecast fc;
        {
          py::gil_scoped_release nogil;
          fc = forecast(f, h, o);
        }
        py::dict d;
        d["mean"] = to_array(fc.mean);
        d["sd"] = to_array(fc.sd);
        py::list lo, hi;
        for (std::size_t i = 0; i < fc.levels.size(); ++i) {
          lo.append(to_array(fc.lower[i]));
          hi.append(to_array(fc.upper[i]));
        }
        d["lower"] = lo;
        d["upper"] = hi;
        d["simulated"] = fc.simulated;
        return d;
      },
      py::arg("fit"), py::arg("h"), py::arg("levels"), py::arg("method") = "auto",
      py::arg("n_paths") = 5000, py::arg("seed") = 42);

  m.def(
      "_ets_simulate",
      [](const EtsFit& f, int h, int n_paths, std::uint64_t seed) {
        Eigen::MatrixXd r;
        {
          py::gil_scoped_release nogil;
          r = simulate_paths(f, h, n_paths, seed);
        }
        return to_matrix(r);
      },
      py::arg("fit"), py::arg("h"), py::arg("n_paths") = 5000, py::arg("seed") = 42);

  m.def(
      "_ets_probability",
      [](const EtsFit& f, double target, int h, const std::string& direction, bool any_time,
         const std::string& method, int n_paths, std::uint64_t seed) {
        auto o = forecast_options({95.0}, method, n_paths, seed);
        auto d = direction_of(direction);
        py::gil_scoped_release nogil;
        return any_time ? probability_of_reaching_any_time(f, target, h, d, o)
                        : probability_of_reaching(f, target, h, d, o);
      },
      py::arg("fit"), py::arg("target"), py::arg("h"), py::arg("direction") = "higher",
      py::arg("any_time") = false, py::arg("method") = "auto", py::arg("n_paths") = 5000,
      py::arg("seed") = 42);

  m.def(
      "_ets_target_outlook",
      [](const EtsFit& f, double target, int h, const std::string& direction, double level,
         const std::string& method, int n_paths, std::uint64_t seed, int max_h) {
        auto o = forecast_options({level}, method, n_paths, seed);
        auto t = target_outlook(f, target, h, direction_of(direction), o, max_h);
        py::dict d;
        d["projected"] = t.projected;
        d["lower"] = t.lower;
        d["upper"] = t.upper;
        d["probability"] = t.probability;
        d["run_rate"] = t.run_rate;
        d["forecast_rate"] = t.forecast_rate;
        d["periods_to_target"] =
            t.periods_to_target ? py::object(py::int_(*t.periods_to_target)) : py::none();
        return d;
      },
      py::arg("fit"), py::arg("target"), py::arg("h"), py::arg("direction") = "higher",
      py::arg("level") = 95.0, py::arg("method") = "auto", py::arg("n_paths") = 5000,
      py::arg("seed") = 42, py::arg("max_h") = 0);

  m.def(
      "_ets_periods_to_target",
      [](const EtsFit& f, double target, const std::string& direction, int max_h) {
        return periods_to_target(f, target, direction_of(direction), max_h);
      },
      py::arg("fit"), py::arg("target"), py::arg("direction"), py::arg("max_h"));

  m.def("_ets_required_run_rate", &required_run_rate, py::arg("fit"), py::arg("target"),
        py::arg("h"));

  // Batch: a 2-D array (rows = series, NaN padding trimmed) or ragged
  // values + offsets; returns per-series columns and forecast matrices.
  m.def(
      "_ets_batch",
      [](const Array& values,
         std::optional<py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>>
             offsets,
         const std::string& model, int period, const std::string& method, const std::string& init,
         const std::string& parameterization, std::optional<double> alpha,
         std::optional<double> beta, std::optional<double> gamma, std::optional<double> phi, int h,
         std::vector<double> levels, const std::string& interval_method, int n_paths,
         std::uint64_t seed, unsigned threads) {
        std::vector<SeriesRef> series;
        std::vector<std::size_t> offs;
        if (offsets) {
          if (values.ndim() != 1)
            throw py::value_error("values must be 1-dimensional with offsets");
          if (offsets->ndim() != 1 || offsets->size() < 1)
            throw py::value_error("offsets must be 1-dimensional and non-empty");
          auto o = offsets->unchecked<1>();
          for (py::ssize_t i = 0; i < o.shape(0); ++i) {
            if (o(i) < 0 || o(i) > values.size())
              throw py::value_error("offsets[" + std::to_string(i) + "] out of range");
            offs.push_back(std::size_t(o(i)));
          }
          series = ragged(values.data(), offs.data(), offs.size() - 1);
        } else {
          if (values.ndim() != 2)
            throw py::value_error("values must be a 2-D array (rows = series)");
          using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
          Eigen::Map<const RowMat> mat(values.data(), values.shape(0), values.shape(1));
          series = rows_of(mat);
        }
        BatchModel bm;
        if (model != "auto") bm.spec = EtsSpec::parse(model, period);
        bm.fit = make_options(method, init, parameterization, alpha, beta, gamma, phi, std::nullopt,
                              std::nullopt, std::nullopt, std::nullopt, 4000);
        bm.auto_opt.period = period;
        auto fo = forecast_options(std::move(levels), interval_method, n_paths, seed);
        detail::check_levels(fo.levels);
        BatchFit fits;
        BatchForecast fc;
        {
          py::gil_scoped_release nogil;
          fits = fit_batch(series, bm, threads);
          if (h > 0) fc = forecast_batch(fits, h, fo, threads);
        }
        const std::size_t n = series.size();
        auto col = [&](auto get) { return result_column(fits.fits, get); };
        py::dict d;
        py::list models, errors;
        for (std::size_t i = 0; i < n; ++i) {
          models.append(fits.fits[i] ? py::object(py::str(fits.fits[i]->spec.code())) : py::none());
          errors.append(fits.errors[i]);
        }
        d["model"] = models;
        d["error"] = errors;
        d["alpha"] = col([](const EtsFit& f) { return f.params.alpha; });
        d["beta"] = col([](const EtsFit& f) { return f.params.beta; });
        d["gamma"] = col([](const EtsFit& f) { return f.params.gamma; });
        d["phi"] = col([](const EtsFit& f) { return f.params.phi; });
        d["sse"] = col([](const EtsFit& f) { return f.sse; });
        d["sigma2"] = col([](const EtsFit& f) { return f.sigma2; });
        d["loglik"] = col([](const EtsFit& f) { return f.loglik; });
        d["aic"] = col([](const EtsFit& f) { return f.aic; });
        d["aicc"] = col([](const EtsFit& f) { return f.aicc; });
        d["bic"] = col([](const EtsFit& f) { return f.bic; });
        d["n_obs"] = col([](const EtsFit& f) { return f.n_obs; });
        if (h > 0) {
          d["mean"] = to_matrix(fc.mean);
          py::list lo, hi;
          for (std::size_t i = 0; i < fc.lower.size(); ++i) {
            lo.append(to_matrix(fc.lower[i]));
            hi.append(to_matrix(fc.upper[i]));
          }
          d["lower"] = lo;
          d["upper"] = hi;
        }
        return d;
      },
      py::arg("values"), py::arg("offsets") = py::none(), py::arg("model") = "auto",
      py::arg("period") = 1, py::arg("method") = "ml", py::arg("init") = "estimated",
      py::arg("parameterization") = "ets", py::arg("alpha") = py::none(),
      py::arg("beta") = py::none(), py::arg("gamma") = py::none(), py::arg("phi") = py::none(),
      py::arg("h") = 0, py::arg("levels") = std::vector<double>{80.0, 95.0},
      py::arg("interval_method") = "auto", py::arg("n_paths") = 5000, py::arg("seed") = 42,
      py::arg("threads") = 0);
}

}  // namespace okrkit::python
