// okrkit — forecasts from a fitted exponential-smoothing model and the
// questions a KPI / key-result owner asks of them: the projected value at the
// due date, the probability of reaching the target, the run-rate still
// needed, and when the forecast path reaches the target.
//
// Prediction intervals are analytic for the linear models (additive errors,
// no multiplicative seasonality: ANN, AAN, AAdN, ANA, AAA, AAdA), using
// Hyndman et al. (2008, Table 6.1; R forecast's class-1 formulas):
//   v_h = σ²·(1 + Σ_{j=1}^{h-1} c_j²),  c_j = α + β·φ_j + γ·[j mod m = 0],
//   φ_j = φ + … + φ^j (j without damping, 0 without trend);
// otherwise they are quantiles of simulated sample paths (seeded, reproducible).
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "okrkit/detail/ets_core.hpp"
#include "okrkit/detail/ets_fit.hpp"
#include "okrkit/detail/distributions.hpp"
#include "okrkit/detail/normal.hpp"
#include "okrkit/forecast/ets.hpp"

namespace okrkit {

/// How prediction intervals and probabilities are computed.
enum class IntervalMethod {
  automatic,   ///< analytic when the model has formulas, else simulation
  analytic,    ///< formulas only (DomainError for models without them)
  simulation,  ///< always simulate
};

/// Options of forecast() and the target questions.
struct ForecastOptions {
  std::vector<double> levels{80.0, 95.0};  ///< interval coverages in percent, in (0, 100)
  IntervalMethod method = IntervalMethod::automatic;
  int n_paths = 5000;                      ///< simulated sample paths
  std::uint64_t seed = 42;                 ///< std::mt19937_64 seed of the simulation
};

/// Point forecasts and intervals for h = 1..H.
struct Forecast {
  std::vector<double> mean;                ///< point forecasts
  std::vector<double> sd;                  ///< forecast standard deviations (simulated: sample sd)
  std::vector<double> levels;              ///< coverages of lower/upper, percent
  std::vector<std::vector<double>> lower;  ///< lower[i][h-1] for levels[i]
  std::vector<std::vector<double>> upper;
  bool simulated = false;                  ///< intervals from sample paths
};

/// True when the model has analytic prediction intervals (see above).
inline bool has_analytic_intervals(const EtsSpec& s) noexcept {
  return s.error == ErrorType::additive && s.season != SeasonType::multiplicative;
}

/// Point forecasts ŷ_{n+1..n+h} from the end of the fit.
inline std::vector<double> point_forecast(const EtsFit& f, int h) {
  if (h < 0) throw DomainError("forecast: horizon must be >= 0");
  auto k = detail::make_kernel(f.spec, f.params);
  std::vector<double> out(static_cast<std::size_t>(h));
  const double* buf = f.spec.seasonal() ? f.last.season.data() : nullptr;
  for (int j = 1; j <= h; ++j)
    out[std::size_t(j - 1)] = detail::ets_point(k, f.last.level, f.last.trend, buf, 0, j);
  return out;
}

/// Analytic forecast variances v_1..v_h (DomainError for models without formulas).
inline std::vector<double> forecast_variance(const EtsFit& f, int h) {
  if (!has_analytic_intervals(f.spec))
    throw DomainError("forecast: ets " + f.spec.code() + " has no analytic intervals");
  auto k = detail::make_kernel(f.spec, f.params);
  std::vector<double> v(std::size_t(std::max(h, 0)));
  double acc = 1.0;
  for (int j = 1; j <= h; ++j) {
    v[std::size_t(j - 1)] = f.sigma2 * acc;
    double c = k.alpha;
    if (k.trend) c += k.beta * detail::trend_multiplier(k, j);
    if (k.season && j % k.m == 0) c += k.gamma;
    acc += c * c;
  }
  return v;
}

/// n_paths simulated future paths of length h (row = path), from the end of the
/// fit with N(0, σ²) innovations; reproducible for a given seed.
inline Eigen::MatrixXd simulate_paths(const EtsFit& f, int h, int n_paths, std::uint64_t seed) {
  if (h < 0 || n_paths < 1) throw DomainError("simulate: need h >= 0 and n_paths >= 1");
  auto k = detail::make_kernel(f.spec, f.params);
  const double sd = std::sqrt(std::max(f.sigma2, 0.0));
  Eigen::MatrixXd out(n_paths, h);
  detail::NormalStream z(seed);
  const std::size_t m = std::size_t(k.m);
  std::vector<double> buf(m, 0.0);
  for (int p = 0; p < n_paths; ++p) {
    double l = f.last.level, b = f.last.trend;
    if (f.spec.seasonal()) std::copy(f.last.season.begin(), f.last.season.end(), buf.begin());
    for (int j = 0; j < h; ++j) {
      const std::size_t idx = std::size_t(j) % m;
      // One-step forecast from the current state, then the simulated value.
      const double phib = k.trend ? (k.damped ? k.phi * b : b) : 0.0;
      const double q = l + phib;
      const double yhat = k.season == 0 ? q : k.season == 1 ? q + buf[idx] : q * buf[idx];
      const double e = sd * z();
      const double y = k.mult_error ? yhat * (1.0 + e) : yhat + e;
      detail::ets_step(k, l, b, buf.data(), idx, y);
      out(p, j) = y;
    }
  }
  return out;
}

namespace detail {
/// R's default (type 7) sample quantile of sorted values.
inline double quantile_sorted(const std::vector<double>& v, double p) {
  if (v.empty()) return std::nan("");
  double pos = p * double(v.size() - 1);
  std::size_t i = std::size_t(std::floor(pos));
  if (i + 1 >= v.size()) return v.back();
  return v[i] + (pos - double(i)) * (v[i + 1] - v[i]);
}
inline void check_levels(const std::vector<double>& lv) {
  for (double l : lv)
    if (!(l > 0 && l < 100)) throw DomainError("forecast: interval levels must be in (0, 100)");
}
inline bool use_simulation(const EtsFit& f, IntervalMethod m) {
  if (m == IntervalMethod::analytic && !has_analytic_intervals(f.spec))
    throw DomainError("forecast: ets " + f.spec.code() + " has no analytic intervals");
  return m == IntervalMethod::simulation ||
         (m == IntervalMethod::automatic && !has_analytic_intervals(f.spec));
}
}  // namespace detail

/// Point forecasts and prediction intervals for h = 1..h.
inline Forecast forecast(const EtsFit& f, int h, const ForecastOptions& o = {}) {
  detail::check_levels(o.levels);
  Forecast r;
  r.mean = point_forecast(f, h);
  r.levels = o.levels;
  r.lower.assign(o.levels.size(), std::vector<double>(std::size_t(h)));
  r.upper = r.lower;
  r.sd.resize(std::size_t(h));
  r.simulated = detail::use_simulation(f, o.method);
  if (!r.simulated) {
    auto v = forecast_variance(f, h);
    for (int j = 0; j < h; ++j) {
      const double s = std::sqrt(v[std::size_t(j)]);
      r.sd[std::size_t(j)] = s;
      for (std::size_t i = 0; i < o.levels.size(); ++i) {
        const double z = detail::normal_quantile(0.5 + o.levels[i] / 200.0);
        r.lower[i][std::size_t(j)] = r.mean[std::size_t(j)] - z * s;
        r.upper[i][std::size_t(j)] = r.mean[std::size_t(j)] + z * s;
      }
    }
    return r;
  }
  Eigen::MatrixXd sims = simulate_paths(f, h, o.n_paths, o.seed);
  std::vector<double> col(std::size_t(o.n_paths));
  for (int j = 0; j < h; ++j) {
    for (int p = 0; p < o.n_paths; ++p) col[std::size_t(p)] = sims(p, j);
    std::sort(col.begin(), col.end());
    double mu = 0, ss = 0;
    for (double v : col) mu += v;
    mu /= double(col.size());
    for (double v : col) ss += (v - mu) * (v - mu);
    r.sd[std::size_t(j)] = col.size() > 1 ? std::sqrt(ss / double(col.size() - 1)) : 0.0;
    for (std::size_t i = 0; i < o.levels.size(); ++i) {
      const double a = (1.0 - o.levels[i] / 100.0) / 2.0;
      r.lower[i][std::size_t(j)] = detail::quantile_sorted(col, a);
      r.upper[i][std::size_t(j)] = detail::quantile_sorted(col, 1.0 - a);
    }
  }
  return r;
}

/// Which way is good for a target.
enum class Direction { higher_is_better, lower_is_better };

/// Whether a value meets the target in the given direction (ties count as met).
inline bool meets(double value, double target, Direction d) noexcept {
  return d == Direction::higher_is_better ? value >= target : value <= target;
}

/// Probability that the value h periods ahead (the due date) meets the target:
/// P(Y_{n+h} ≥ target) when higher is better, P(Y_{n+h} ≤ target) otherwise.
/// Analytic (normal forecast distribution) for the linear models, else the
/// fraction of simulated paths (o.n_paths, o.seed). With σ² = 0 it is 0 or 1.
inline double probability_of_reaching(const EtsFit& f, double target, int h, Direction d,
                                      const ForecastOptions& o = {}) {
  if (h < 1) throw DomainError("probability_of_reaching: horizon must be >= 1");
  if (std::isnan(target)) throw DomainError("probability_of_reaching: target is missing");
  if (!detail::use_simulation(f, o.method)) {
    const double mu = point_forecast(f, h).back();
    const double s = std::sqrt(forecast_variance(f, h).back());
    if (s == 0) return meets(mu, target, d) ? 1.0 : 0.0;
    const double z = (target - mu) / s;
    return d == Direction::higher_is_better ? detail::normal_cdf(-z) : detail::normal_cdf(z);
  }
  Eigen::MatrixXd sims = simulate_paths(f, h, o.n_paths, o.seed);
  int hits = 0;
  for (int p = 0; p < o.n_paths; ++p) hits += meets(sims(p, h - 1), target, d) ? 1 : 0;
  return double(hits) / double(o.n_paths);
}

/// Probability that some value in the next h periods meets the target (the
/// first-passage probability), always by simulation.
inline double probability_of_reaching_any_time(const EtsFit& f, double target, int h, Direction d,
                                               const ForecastOptions& o = {}) {
  if (h < 1) throw DomainError("probability_of_reaching: horizon must be >= 1");
  Eigen::MatrixXd sims = simulate_paths(f, h, o.n_paths, o.seed);
  int hits = 0;
  for (int p = 0; p < o.n_paths; ++p)
    for (int j = 0; j < h; ++j)
      if (meets(sims(p, j), target, d)) {
        ++hits;
        break;
      }
  return double(hits) / double(o.n_paths);
}

/// Change per remaining period needed to go from the last observed value to
/// the target in h periods: (target − y_last) / h.
inline double required_run_rate(const EtsFit& f, double target, int h) {
  if (h < 1) throw DomainError("required_run_rate: need at least one remaining period");
  return (target - f.last_value) / double(h);
}

/// First period (1..max_h) at which the point forecast meets the target; 0 if
/// the last observed value already meets it; nullopt if not within max_h.
inline std::optional<int> periods_to_target(const EtsFit& f, double target, Direction d,
                                            int max_h) {
  if (meets(f.last_value, target, d)) return 0;
  auto path = point_forecast(f, max_h);
  for (int j = 0; j < max_h; ++j)
    if (meets(path[std::size_t(j)], target, d)) return j + 1;
  return std::nullopt;
}

/// Everything a scorecard shows about one target, from one forecast.
struct TargetOutlook {
  double projected = 0;            ///< point forecast at the due date
  double lower = 0, upper = 0;     ///< interval at the due date (level of the options' last level)
  double probability = 0;          ///< P(target met at the due date)
  double run_rate = 0;             ///< required change per remaining period
  double forecast_rate = 0;        ///< change per period the forecast implies: (projected − y_last)/h
  std::optional<int> periods_to_target;  ///< within max_h; 0 = already met
};

/// Projected value, interval, probability, run-rate and time to target for a
/// target due h periods after the last observation; periods_to_target searches
/// up to max_h (default 4·h).
inline TargetOutlook target_outlook(const EtsFit& f, double target, int h, Direction d,
                                    const ForecastOptions& o = {}, int max_h = 0) {
  if (h < 1) throw DomainError("target_outlook: horizon must be >= 1");
  TargetOutlook t;
  ForecastOptions fo = o;
  if (fo.levels.empty()) fo.levels = {95.0};
  auto fc = forecast(f, h, fo);
  t.projected = fc.mean.back();
  t.lower = fc.lower.back().back();
  t.upper = fc.upper.back().back();
  t.probability = probability_of_reaching(f, target, h, d, o);
  t.run_rate = required_run_rate(f, target, h);
  t.forecast_rate = (t.projected - f.last_value) / double(h);
  t.periods_to_target = periods_to_target(f, target, d, max_h > 0 ? max_h : 4 * h);
  return t;
}

}  // namespace okrkit
