// Definitions of okrkit/forecast/forecast.hpp (compiled into the library so that
// including the header stays cheap).
#include "okrkit/forecast/forecast.hpp"
#include "okrkit/forecast/simulate_paths.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "ets_core.hpp"
#include "ets_fit.hpp"
#include "okrkit/detail/distributions.hpp"
#include "okrkit/detail/normal.hpp"

namespace okrkit {

std::vector<double> point_forecast(const EtsFit& f, int h) {
  if (h < 0) throw DomainError("forecast: horizon must be >= 0");
  auto k = detail::make_kernel(f.spec, f.params);
  std::vector<double> out(static_cast<std::size_t>(h));
  const double* buf = f.spec.seasonal() ? f.last.season.data() : nullptr;
  for (int j = 1; j <= h; ++j)
    out[std::size_t(j - 1)] = detail::ets_point(k, f.last.level, f.last.trend, buf, 0, j);
  return out;
}

std::vector<double> forecast_variance(const EtsFit& f, int h) {
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

Eigen::MatrixXd simulate_paths(const EtsFit& f, int h, int n_paths, std::uint64_t seed) {
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
      const double yhat = detail::ets_point(k, l, b, buf.data(), idx, 1);
      const double e = sd * z();
      const double y = k.mult_error ? yhat * (1.0 + e) : yhat + e;
      detail::ets_step(k, l, b, buf.data(), idx, y);
      out(p, j) = y;
    }
  }
  return out;
}

namespace detail {
double quantile_sorted(const std::vector<double>& v, double p) {
  if (v.empty()) return std::nan("");
  double pos = p * double(v.size() - 1);
  std::size_t i = std::size_t(std::floor(pos));
  if (i + 1 >= v.size()) return v.back();
  return v[i] + (pos - double(i)) * (v[i + 1] - v[i]);
}

void check_levels(const std::vector<double>& lv) {
  for (double l : lv)
    if (!(l > 0 && l < 100)) throw DomainError("forecast: interval levels must be in (0, 100)");
}

bool use_simulation(const EtsFit& f, IntervalMethod m) {
  if (m == IntervalMethod::analytic && !has_analytic_intervals(f.spec))
    throw DomainError("forecast: ets " + f.spec.code() + " has no analytic intervals");
  return m == IntervalMethod::simulation ||
         (m == IntervalMethod::automatic && !has_analytic_intervals(f.spec));
}

}  // namespace detail
Forecast forecast(const EtsFit& f, int h, const ForecastOptions& o) {
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

double probability_of_reaching(const EtsFit& f, double target, int h, Direction d,
                               const ForecastOptions& o) {
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

double probability_of_reaching_any_time(const EtsFit& f, double target, int h, Direction d,
                                        const ForecastOptions& o) {
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

double required_run_rate(const EtsFit& f, double target, int h) {
  if (h < 1) throw DomainError("required_run_rate: need at least one remaining period");
  return (target - f.last_value) / double(h);
}

std::optional<int> periods_to_target(const EtsFit& f, double target, Direction d, int max_h) {
  if (meets(f.last_value, target, d)) return 0;
  auto path = point_forecast(f, max_h);
  for (int j = 0; j < max_h; ++j)
    if (meets(path[std::size_t(j)], target, d)) return j + 1;
  return std::nullopt;
}

TargetOutlook target_outlook(const EtsFit& f, double target, int h, Direction d,
                             const ForecastOptions& o, int max_h) {
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
