// okrkit (private to src/forecast) — fitting the exponential-smoothing
// models; see include/okrkit/forecast/ets.hpp for the public side.
//
// Strategy:
//  * linear models (additive error, no multiplicative seasonality) with
//    estimated initial states: the states are solved exactly by least squares
//    for every trial (α, β, γ, φ) (ets_linear.hpp), and a bounded Nelder–Mead
//    searches the ≤ 4 smoothing parameters from the best points of a coarse
//    grid, restarted from its own answer;
//  * other models: Nelder–Mead over the smoothing parameters, started from
//    the best grid point, with the initial states profiled out by an inner
//    Levenberg–Marquardt per trial (analytic Jacobian for multiplicative
//    errors with a linear state, finite differences for multiplicative
//    seasonality), warm-started from the best trial so far;
//  * FitEffort: a cheaper screening variant and a refinement from a given
//    start, used by auto_ets (ets.hpp).
// The smoothing parameters are searched in a unit box u ∈ [0, 1]^k mapped onto
// the admissible region: α ∈ [lo, hi], trend ∈ [lo, min(hi, α)],
// γ ∈ [lo, min(hi, 1 − α)], φ ∈ [lo, hi].
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "okrkit/detail/constants.hpp"
#include "ets_core.hpp"
#include "ets_linear.hpp"
#include "nelder_mead.hpp"
#include "okrkit/core/error.hpp"
#include "okrkit/forecast/ets_types.hpp"

namespace okrkit::detail {

/// Number of smoothing parameters of a model (α, β, γ, φ present).
inline int n_smoothing(const EtsSpec& s) noexcept {
  return 1 + (s.has_trend() ? 1 : 0) + (s.seasonal() ? 1 : 0) + (s.damped() ? 1 : 0);
}
/// Number of free initial states (l0, b0, m − 1 seasonals).
inline int n_free_states(const EtsSpec& s) noexcept {
  return 1 + (s.has_trend() ? 1 : 0) + (s.seasonal() ? s.period - 1 : 0);
}

inline EtsKernel make_kernel(const EtsSpec& s, const EtsParams& p) noexcept {
  EtsKernel k;
  k.trend = s.has_trend();
  k.damped = s.damped();
  k.mult_trend = s.mult_trend();
  k.season = s.season == SeasonType::none ? 0 : s.season == SeasonType::additive ? 1 : 2;
  k.mult_error = s.error == ErrorType::multiplicative;
  k.m = s.seasonal() ? s.period : 1;
  k.alpha = p.alpha;
  k.beta = k.trend ? p.beta : 0.0;
  k.gamma = k.season ? p.gamma : 0.0;
  k.phi = k.damped ? p.phi : 1.0;
  return k;
}

/// Observed-value summary of a series.
struct SeriesSummary {
  std::size_t n_obs = 0;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  double mean = 0, sd = 0;
  bool constant = false;
};

inline SeriesSummary summarize(const double* y, std::size_t n) {
  SeriesSummary s;
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(y[i])) {
      ++s.n_obs;
      s.min = std::min(s.min, y[i]);
      s.max = std::max(s.max, y[i]);
      sum += y[i];
    }
  if (s.n_obs == 0) return s;
  s.mean = sum / double(s.n_obs);
  double ss = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(y[i])) ss += (y[i] - s.mean) * (y[i] - s.mean);
  s.sd = s.n_obs > 1 ? std::sqrt(ss / double(s.n_obs - 1)) : 0.0;
  s.constant = s.min == s.max;
  return s;
}

/// Rejects empty, all-missing and non-finite input.
inline void check_series(const double* y, std::size_t n, const char* where) {
  std::size_t obs = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(y[i])) continue;
    if (!std::isfinite(y[i]))
      throw DomainError(std::string(where) + ": non-finite value at index " + std::to_string(i));
    ++obs;
  }
  if (n == 0) throw DomainError(std::string(where) + ": empty series");
  if (obs == 0) throw DomainError(std::string(where) + ": all values are missing");
}

inline void check_spec(const EtsSpec& s) {
  if (s.seasonal() && s.period < 2)
    throw DomainError("ets " + s.code() + ": seasonal period must be >= 2");
  if (!s.seasonal() && s.period != 1)
    throw DomainError("ets " + s.code() + ": a non-seasonal model has period 1");
}

inline void check_params(const EtsSpec& s, const EtsParams& p) {
  auto bad = [&](const char* what) { return DomainError("ets " + s.code() + ": " + what); };
  if (!(p.alpha >= 0 && p.alpha <= 1)) throw bad("alpha must be in [0, 1]");
  if (s.has_trend() && !(p.beta >= 0 && p.beta <= 1)) throw bad("beta must be in [0, 1]");
  if (s.seasonal() && !(p.gamma >= 0 && p.gamma <= 1)) throw bad("gamma must be in [0, 1]");
  if (s.damped() && !(p.phi > 0 && p.phi <= 1)) throw bad("phi must be in (0, 1]");
}

inline void check_state(const EtsSpec& s, const EtsState& x) {
  if (!std::isfinite(x.level)) throw DomainError("ets " + s.code() + ": initial level missing");
  if (!std::isfinite(x.trend)) throw DomainError("ets " + s.code() + ": initial trend not finite");
  if (s.mult_trend() && !(x.trend > 0))
    throw DomainError("ets " + s.code() +
                      ": a multiplicative trend is a growth ratio, the initial trend must be > 0");
  if (s.seasonal() && x.season.size() != std::size_t(s.period))
    throw DomainError("ets " + s.code() + ": initial seasonal state needs " +
                      std::to_string(s.period) + " values, got " + std::to_string(x.season.size()));
  for (double v : x.season)
    if (!std::isfinite(v)) throw DomainError("ets " + s.code() + ": initial seasonal not finite");
}

/// The "simple" initial state of fpp / statsmodels (see InitMethod), NaN-aware.
/// `strict` demands the data the heuristic is defined on (2 values for a
/// trend, 2 full cycles for a seasonal model); otherwise it degrades
/// gracefully (it is only a starting point).
inline EtsState simple_state(const double* y, std::size_t n, const EtsSpec& s, bool strict) {
  EtsState x;
  auto mean_of = [&](std::size_t a, std::size_t b) {
    double sum = 0;
    std::size_t c = 0;
    for (std::size_t i = a; i < std::min(b, n); ++i)
      if (!std::isnan(y[i])) {
        sum += y[i];
        ++c;
      }
    return c ? sum / double(c) : std::numeric_limits<double>::quiet_NaN();
  };
  if (!s.seasonal()) {
    if (strict && (n < (s.has_trend() ? 2u : 1u)))
      throw DomainError("ets " + s.code() + ": simple initialisation needs more observations");
    std::size_t i0 = 0;
    while (i0 < n && std::isnan(y[i0])) ++i0;
    if (strict && i0 != 0)
      throw DomainError("ets " + s.code() + ": simple initialisation needs the first value");
    x.level = i0 < n ? y[i0] : std::numeric_limits<double>::quiet_NaN();
    if (s.has_trend()) {
      std::size_t i1 = i0 + 1;
      while (i1 < n && std::isnan(y[i1])) ++i1;
      if (strict && i1 != 1)
        throw DomainError("ets " + s.code() + ": simple initialisation needs the second value");
      if (s.mult_trend())  // statsmodels: b0 = y2 / y1
        x.trend = i1 < n ? std::pow(y[i1] / y[i0], 1.0 / double(i1 - i0)) : 1.0;
      else
        x.trend = i1 < n ? (y[i1] - y[i0]) / double(i1 - i0) : 0.0;
    }
    return x;
  }
  const std::size_t m = std::size_t(s.period);
  if (strict && n < 2 * m)
    throw DomainError("ets " + s.code() + ": simple initialisation needs two full seasonal cycles");
  x.level = mean_of(0, m);
  if (s.has_trend()) {
    double sum = 0;
    std::size_t c = 0;
    for (std::size_t i = 0; i < m && m + i < n; ++i)
      if (!std::isnan(y[i]) && !std::isnan(y[m + i])) {
        // statsmodels: b0 = mean((y_{m+i} / y_i)^(1/m)) for a multiplicative trend
        sum += s.mult_trend() ? std::pow(y[m + i] / y[i], 1.0 / double(m))
                              : (y[m + i] - y[i]) / double(m);
        ++c;
      }
    x.trend = c ? sum / double(c) : (s.mult_trend() ? 1.0 : 0.0);
  }
  x.season.resize(m);
  const bool mult = s.season == SeasonType::multiplicative;
  for (std::size_t j = 0; j < m; ++j) {
    double v = j < n ? y[j] : std::numeric_limits<double>::quiet_NaN();
    if (std::isnan(v) && !strict) v = x.level;
    x.season[j] = mult ? v / x.level : v - x.level;
  }
  if (strict) check_state(s, x);
  return x;
}

/// Runs the final filter and fills every field of an EtsFit.
inline EtsFit finish_fit(const double* y, std::size_t n, const EtsSpec& spec, const EtsParams& par,
                         const EtsState& x0, Criterion crit, InitMethod init, int n_estimated,
                         int k_sigma, int evals, std::vector<Diagnostic> diags) {
  EtsFit f;
  f.spec = spec;
  f.params = par;
  if (!spec.has_trend()) f.params.beta = std::numeric_limits<double>::quiet_NaN();
  if (!spec.seasonal()) f.params.gamma = std::numeric_limits<double>::quiet_NaN();
  if (!spec.damped()) f.params.phi = 1.0;
  f.criterion = crit;
  f.init = init;
  f.initial = x0;
  if (!spec.has_trend()) f.initial.trend = 0.0;
  f.n = n;
  f.evaluations = evals;
  const EtsKernel k = make_kernel(spec, f.params);
  const std::size_t m = std::size_t(k.m);
  double l = x0.level, b = spec.has_trend() ? x0.trend : 0.0;
  std::vector<double> buf(m, 0.0);
  if (spec.seasonal()) buf = x0.season;
  f.fitted.assign(n, 0.0);
  EtsPass p = ets_pass(k, y, n, l, b, buf.data(), f.fitted.data());
  if (!p.valid)
    throw DomainError("ets " + spec.code() +
                      ": non-positive or non-finite forecast in a multiplicative model");
  f.residuals.resize(n);
  f.innovations.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    f.residuals[t] = y[t] - f.fitted[t];  // NaN stays NaN
    f.innovations[t] = k.mult_error ? f.residuals[t] / f.fitted[t] : f.residuals[t];
    if (!std::isnan(y[t])) f.last_value = y[t];
  }
  f.last.level = l;
  f.last.trend = spec.has_trend() ? b : 0.0;
  if (spec.seasonal()) {
    f.last.season.resize(m);
    for (std::size_t j = 0; j < m; ++j) f.last.season[j] = buf[(n + j) % m];
  }
  f.n_obs = p.n_obs;
  f.sse = p.sse;
  f.mse = p.sse / double(p.n_obs);
  const double nn = double(p.n_obs);
  f.sigma2 =
      (k_sigma > 0 && p.n_obs > std::size_t(k_sigma)) ? p.sse_e / (nn - k_sigma) : p.sse_e / nn;
  const double lik = r_lik(k, p);  // may be -inf for a perfect fit
  f.loglik_r = -0.5 * lik;
  f.loglik = f.loglik_r - 0.5 * nn * (std::log(2.0 * pi / nn) + 1.0);
  f.n_params = n_estimated + 1;
  const double np = f.n_params;
  f.aic = lik + 2.0 * np;
  f.bic = lik + std::log(nn) * np;
  f.aicc = (nn - np - 1.0 > 0) ? f.aic + 2.0 * np * (np + 1.0) / (nn - np - 1.0)
                               : std::numeric_limits<double>::infinity();
  std::size_t missing = n - p.n_obs;
  if (missing > 0)
    diags.push_back({Severity::info,
                     "missing-values",
                     std::to_string(missing) + " missing value(s) skipped (state propagated)",
                     {}});
  f.diagnostics = std::move(diags);
  return f;
}

/// Maps a point u of the unit box onto the constrained parameter region.
struct ParamMap {
  ParamBounds bd;
  bool holt = false;
  bool has_b = false, has_g = false, has_p = false;
  std::optional<double> fa, fb, fg, fp;  // fixed values (fb in the fit's parameterisation)
  int k = 0;                             // free count

  EtsParams operator()(const double* u) const noexcept {
    int i = 0;
    EtsParams p;
    double alo = bd.alpha_lo, ahi = bd.alpha_hi;
    if (has_b && fb) alo = std::max(alo, *fb);
    if (has_g && fg) ahi = std::min(ahi, 1.0 - *fg);
    p.alpha = fa ? *fa : alo + u[i++] * std::max(0.0, ahi - alo);
    if (has_b) {
      double lo = bd.beta_lo, hi = std::max(lo, std::min(bd.beta_hi, p.alpha));
      double t = fb ? *fb : lo + u[i++] * (hi - lo);
      p.beta = holt ? p.alpha * t : t;
    }
    if (has_g) {
      double lo = bd.gamma_lo, hi = std::max(lo, std::min(bd.gamma_hi, 1.0 - p.alpha));
      p.gamma = fg ? *fg : lo + u[i++] * (hi - lo);
    }
    if (has_p) p.phi = fp ? *fp : bd.phi_lo + u[i++] * (bd.phi_hi - bd.phi_lo);
    return p;
  }

  /// The inverse map: the unit-box point of parameters p (clamped into the
  /// box), so that a fit can start from another fit's answer.
  std::vector<double> to_unit(const EtsParams& p) const {
    std::vector<double> u;
    auto unit = [](double v, double lo, double hi) {
      return hi > lo ? std::min(1.0, std::max(0.0, (v - lo) / (hi - lo))) : 0.0;
    };
    double alo = bd.alpha_lo, ahi = bd.alpha_hi;
    if (has_b && fb) alo = std::max(alo, *fb);
    if (has_g && fg) ahi = std::min(ahi, 1.0 - *fg);
    const double a = fa ? *fa : alo + unit(p.alpha, alo, ahi) * std::max(0.0, ahi - alo);
    if (!fa) u.push_back(unit(p.alpha, alo, ahi));
    if (has_b && !fb) {
      double lo = bd.beta_lo, hi = std::max(lo, std::min(bd.beta_hi, a));
      u.push_back(unit(holt ? p.beta / a : p.beta, lo, hi));
    }
    if (has_g && !fg) {
      double lo = bd.gamma_lo, hi = std::max(lo, std::min(bd.gamma_hi, 1.0 - a));
      u.push_back(unit(p.gamma, lo, hi));
    }
    if (has_p && !fp) u.push_back(unit(p.phi, bd.phi_lo, bd.phi_hi));
    return u;
  }
};

/// How hard fit_ets_impl searches. The defaults are the thorough single-model
/// fit; auto_ets screens every candidate cheaply (`screen`) and refines only
/// the leaders from their screening answer (`start`), see ets.hpp.
struct FitEffort {
  /// Cheap screening: one Nelder–Mead run from the best grid point, no
  /// restart, loose tolerances, and for the nonlinear models a surrogate for
  /// the states profiled out of the search (multiplicative error: the
  /// least-squares states plus `screen_its` Levenberg–Marquardt steps;
  /// multiplicative seasonality: the additive-seasonal least-squares states
  /// turned into ratios 1 + s/l, plus one finite-difference Levenberg–
  /// Marquardt step). The final states are still polished, so the result is a
  /// valid fit, only possibly a worse optimum.
  bool screen = false;
  int screen_its = 0;
  /// Start of the search instead of the grid (e.g. the screening answer):
  /// parameters and the initial state.
  std::optional<EtsParams> start;
  std::optional<EtsState> start_state;
};

/// Unit-box grid of starting points for k free parameters.
inline std::vector<std::vector<double>> start_grid(int k) {
  std::vector<double> lv = k <= 2 ? std::vector<double>{0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999}
                                  : std::vector<double>{0.05, 0.5, 0.95};
  std::vector<std::vector<double>> out{{}};
  for (int d = 0; d < k; ++d) {
    std::vector<std::vector<double>> next;
    for (const auto& p : out)
      for (double v : lv) {
        auto q = p;
        q.push_back(v);
        next.push_back(std::move(q));
      }
    out.swap(next);
  }
  if (k >= 3) {
    // The corners of the box too: optima with α, β or γ at a bound are common
    // (a slowly moving level or a fixed seasonal pattern).
    for (int c = 0; c < (1 << k); ++c) {
      std::vector<double> q(static_cast<std::size_t>(k));
      for (int d = 0; d < k; ++d) q[std::size_t(d)] = (c >> d) & 1 ? 0.999 : 0.001;
      out.push_back(std::move(q));
    }
  }
  return out;
}

/// Parameters and state of a constant series: exact fit, zero variance.
inline EtsFit constant_fit(const double* y, std::size_t n, const EtsSpec& spec, const ParamMap& pm,
                           double c, Criterion crit, InitMethod init, int n_est) {
  std::vector<double> u(std::size_t(pm.k), 0.0);
  EtsParams par = pm(u.data());
  EtsState x;
  x.level = c;
  x.trend = spec.mult_trend() ? 1.0 : 0.0;
  if (spec.seasonal())
    x.season.assign(std::size_t(spec.period),
                    spec.season == SeasonType::multiplicative ? 1.0 : 0.0);
  std::vector<Diagnostic> d{{Severity::warning,
                             "constant-series",
                             "constant series: parameters at their lower bounds, zero variance",
                             {}}};
  return finish_fit(y, n, spec, par, x, crit, init, n_est, 0, 0, std::move(d));
}

/// Fits one model (the strategy at the top of this file); defined in
/// ets_fit.cpp as the stages of a small class, one member per step.
EtsFit fit_ets_impl(const double* y, std::size_t n, const EtsSpec& spec, const EtsOptions& opt,
                    const FitEffort& eff = {});

}  // namespace okrkit::detail
