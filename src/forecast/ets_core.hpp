// okrkit — the exponential-smoothing recursions (internal).
//
// One recursion serves every model: Hyndman et al. (2008) state space form,
// written like R's forecast::ets C code (etscalc/update) so the two agree to
// rounding. The state update in "y form" is the same for additive and
// multiplicative errors; the error type only changes the likelihood and the
// simulation. Parameters are in ETS form (β = α·β*, γ as in ETS and as in
// statsmodels' smoothing_seasonal).
//
// Seasonal states are a circular buffer: buf[t mod m] holds the seasonal used
// for observation t (0-based) and is overwritten by its update.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace okrkit::detail {

/// Flags and parameters of one recursion, resolved once per evaluation.
struct EtsKernel {
  bool trend = false;
  bool damped = false;
  bool mult_trend = false;  ///< multiplicative trend: q = l·b^φ, b a growth ratio
  int season = 0;           ///< 0 none, 1 additive, 2 multiplicative
  bool mult_error = false;
  int m = 1;
  double alpha = 0, beta = 0, gamma = 0, phi = 1;
};

/// One step of the recursion for one channel: returns the one-step forecast
/// and updates (l, b, s[idx]) with observation y (NaN = missing: the state is
/// propagated with a zero innovation). Inline and branch-light: it is the
/// innermost loop of every fit.
inline double ets_step(const EtsKernel& k, double& l, double& b, double* s, std::size_t idx,
                       double y) noexcept {
  double phib, q;
  if (!k.mult_trend) {
    phib = k.trend ? (k.damped ? k.phi * b : b) : 0.0;
    q = l + phib;
  } else {
    phib = k.damped ? std::pow(b, k.phi) : b;
    q = l * phib;
  }
  const double lold = l;
  double so = 0.0, yhat;
  if (k.season == 0) {
    yhat = q;
  } else {
    so = s[idx];
    yhat = k.season == 1 ? q + so : q * so;
  }
  if (std::isnan(y)) y = yhat;
  double p;
  if (k.season == 0)
    p = y;
  else if (k.season == 1)
    p = y - so;
  else
    p = y / so;
  const double d = p - q;
  l = q + k.alpha * d;
  // Multiplicative trend (R etscalc): b = b^φ + (β/α)(l/l_old − b^φ), and
  // l/l_old − b^φ = α·d/l_old.
  if (k.mult_trend)
    b = phib + k.beta * d / lold;
  else if (k.trend)
    b = phib + k.beta * d;
  if (k.season == 1)
    s[idx] = so + k.gamma * (y - q - so);
  else if (k.season == 2)
    s[idx] = so + k.gamma * (y / q - so);
  return yhat;
}

/// Sum of φ^1..φ^h (h when undamped, 0 without trend): the trend multiplier
/// of an h-step forecast (the exponent of b for a multiplicative trend).
inline double trend_multiplier(const EtsKernel& k, int h) noexcept {
  if (!k.trend) return 0.0;
  if (!k.damped || k.phi == 1.0) return double(h);
  double s = 0.0, p = 1.0;
  for (int j = 1; j <= h; ++j) {
    p *= k.phi;
    s += p;
  }
  return s;
}

/// Point forecast h steps after a state (l, b, buf) whose next observation
/// has seasonal index `next` in buf.
inline double ets_point(const EtsKernel& k, double l, double b, const double* buf, std::size_t next,
                        int h) noexcept {
  double q =
      k.mult_trend ? l * std::pow(b, trend_multiplier(k, h)) : l + trend_multiplier(k, h) * b;
  if (k.season == 0) return q;
  double so = buf[(next + std::size_t(h - 1)) % std::size_t(k.m)];
  return k.season == 1 ? q + so : q * so;
}

/// Totals of one filter pass.
struct EtsPass {
  double sse = 0;    ///< Σ (y − ŷ)²
  double sse_e = 0;  ///< Σ e², e = y − ŷ (additive) or (y − ŷ)/ŷ (multiplicative)
  double sum_log_abs_yhat = 0;  ///< Σ log|ŷ| (multiplicative error likelihood term)
  std::size_t n_obs = 0;
  bool valid = true;  ///< false if a multiplicative model met a non-positive forecast
};

/// Runs the filter over y[0..n) from (l, b, buf) (updated in place to the
/// final state). fitted may be null.
inline EtsPass ets_pass(const EtsKernel& k, const double* y, std::size_t n, double& l, double& b,
                        double* buf, double* fitted) noexcept {
  EtsPass r;
  const std::size_t m = std::size_t(k.m);
  double prod = 1.0;  // Π|ŷ| in chunks: one log per ~1e100 of range instead of one per step
  for (std::size_t t = 0; t < n; ++t) {
    const double yt = y[t];
    const double yhat = ets_step(k, l, b, buf, t % m, yt);
    if (fitted) fitted[t] = yhat;
    if (!std::isfinite(yhat) || ((k.mult_error || k.season == 2 || k.mult_trend) && !(yhat > 0))) {
      r.valid = false;
      if (!fitted) return r;
    }
    if (std::isnan(yt)) continue;
    const double res = yt - yhat;
    r.sse += res * res;
    if (k.mult_error) {
      const double e = res / yhat;
      r.sse_e += e * e;
      prod *= std::abs(yhat);
      if (prod > 1e100 || prod < 1e-100) {
        r.sum_log_abs_yhat += std::log(prod);
        prod = 1.0;
      }
    } else {
      r.sse_e += res * res;
    }
    ++r.n_obs;
  }
  r.sum_log_abs_yhat += std::log(prod);
  if (!std::isfinite(r.sse_e)) r.valid = false;
  return r;
}

/// R's -2·loglik up to the constant: n·log(Σe²) + 2·Σlog|ŷ| (multiplicative).
inline double r_lik(const EtsKernel& k, const EtsPass& p) noexcept {
  if (!p.valid || p.n_obs == 0) return std::numeric_limits<double>::infinity();
  double v = double(p.n_obs) * std::log(p.sse_e);
  if (k.mult_error) v += 2.0 * p.sum_log_abs_yhat;
  return v;
}

}  // namespace okrkit::detail
