// okrkit — fitting the exponential-smoothing models (internal; see ets.hpp).
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
#include "okrkit/detail/ets_core.hpp"
#include "okrkit/detail/ets_linear.hpp"
#include "okrkit/detail/nelder_mead.hpp"
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

inline EtsFit fit_ets_impl(const double* y, std::size_t n, const EtsSpec& spec,
                           const EtsOptions& opt, const FitEffort& eff = {}) {
  check_series(y, n, "fit_ets");
  check_spec(spec);
  const SeriesSummary sum = summarize(y, n);
  const bool mult = spec.error == ErrorType::multiplicative ||
                    spec.season == SeasonType::multiplicative || spec.mult_trend();
  if (mult && !(sum.min > 0))
    throw DomainError("ets " + spec.code() + ": multiplicative components need positive data");
  ParamMap pm;
  pm.bd = opt.bounds ? *opt.bounds
                     : (opt.criterion == Criterion::max_likelihood ? ParamBounds::r_ets()
                                                                   : ParamBounds::statsmodels());
  pm.holt = opt.parameterization == Parameterization::holt;
  pm.has_b = spec.has_trend();
  pm.has_g = spec.seasonal();
  pm.has_p = spec.damped();
  pm.fa = opt.alpha;
  pm.fb = pm.has_b ? opt.beta : std::nullopt;
  pm.fg = pm.has_g ? opt.gamma : std::nullopt;
  pm.fp = pm.has_p ? opt.phi : std::nullopt;
  auto in01 = [&](const std::optional<double>& v, const char* name) {
    if (v && !(*v >= 0 && *v <= 1))
      throw DomainError("ets " + spec.code() + ": fixed " + name + " must be in [0, 1]");
  };
  in01(pm.fa, "alpha");
  in01(pm.fb, "beta");
  in01(pm.fg, "gamma");
  if (pm.fp && !(*pm.fp > 0 && *pm.fp <= 1))
    throw DomainError("ets " + spec.code() + ": fixed phi must be in (0, 1]");
  pm.k = (pm.fa ? 0 : 1) + (pm.has_b && !pm.fb ? 1 : 0) + (pm.has_g && !pm.fg ? 1 : 0) +
         (pm.has_p && !pm.fp ? 1 : 0);
  const bool est_states = opt.init == InitMethod::estimated;
  const int n_states = est_states ? n_free_states(spec) : 0;
  const int n_est = pm.k + n_states;
  const int k_sigma = n_est > 0 ? n_smoothing(spec) + n_states : 0;
  if (n_est > 0 &&
      sum.n_obs <= static_cast<std::size_t>(n_smoothing(spec)) + static_cast<std::size_t>(n_states))
    throw DomainError(
        "ets " + spec.code() + ": too few observations (" + std::to_string(sum.n_obs) + ") for " +
        std::to_string(n_smoothing(spec) + n_states) + " parameters and initial states");
  // Base state.
  EtsState base;
  if (opt.init == InitMethod::known) {
    if (!opt.initial) throw DomainError("ets " + spec.code() + ": init 'known' needs a state");
    base = *opt.initial;
    if (!spec.has_trend()) base.trend = 0.0;
    check_state(spec, base);
  } else {
    base = simple_state(y, n, spec, opt.init == InitMethod::simple);
  }
  if (sum.constant && n_est > 0)
    return constant_fit(y, n, spec, pm, sum.min, opt.criterion, opt.init, n_est);
  if (est_states && spec.seasonal()) {
    // Normalise the base seasonals (sum 0 / mean 1): the reduced coordinates keep it.
    double s = 0;
    for (double v : base.season) s += v;
    const double mm = double(spec.period);
    if (spec.season == SeasonType::additive) {
      for (double& v : base.season) v -= s / mm;
      base.level += s / mm;
    } else {
      for (double& v : base.season) v *= mm / s;
      base.level *= s / mm;
      if (!spec.mult_trend()) base.trend *= s / mm;  // a growth ratio is scale-free
    }
  }
  const std::size_t m = std::size_t(spec.seasonal() ? spec.period : 1);
  // States enter the forecasts linearly (no multiplicative seasonality or trend).
  const bool lin_state = spec.season != SeasonType::multiplicative && !spec.mult_trend();
  const bool linear =
      lin_state && (spec.error == ErrorType::additive || opt.criterion == Criterion::least_squares);
  const bool ml = opt.criterion == Criterion::max_likelihood;
  int evals = 0;
  std::vector<double> buf(m, 0.0);
  LinearLsWork ws;
  const int p_red = 1 + (spec.has_trend() ? 1 : 0) + (spec.seasonal() ? spec.period - 1 : 0);
  std::vector<double> delta(std::size_t(p_red), 0.0);

  // Objective with the state fixed at base + reduced offset `d` (nullptr: base).
  auto fixed_state_obj = [&](const EtsParams& par, const double* d) {
    EtsKernel k = make_kernel(spec, par);
    double l = base.level, b = base.trend;
    if (spec.seasonal()) std::copy(base.season.begin(), base.season.end(), buf.begin());
    if (d) {
      apply_reduced(k, d, l, b, buf.data());
      if (k.season == 2) {
        // Multiplicative seasonals are normalised to mean 1 instead of sum 0.
        double s = 0;
        for (std::size_t j = 1; j < m; ++j) s += buf[j];
        buf[0] = double(m) - s;
        if (l <= 0) return std::numeric_limits<double>::infinity();
        for (double v : buf)
          if (v <= 0) return std::numeric_limits<double>::infinity();
      }
    }
    EtsPass p = ets_pass(k, y, n, l, b, buf.data(), nullptr);
    if (!p.valid) return std::numeric_limits<double>::infinity();
    return ml ? r_lik(k, p) : p.sse;
  };
  // Residual vector of the nonlinear models for parameters `par` and reduced
  // state offset d: r_t = y_t − ŷ_t (least squares) or e_t·G with e_t the
  // relative error and G the geometric mean of ŷ (maximum likelihood: Σr² =
  // Σe²·Π|ŷ|^(2/n), so n·log Σr² is R's n·log Σe² + 2Σlog|ŷ|).
  std::vector<double> fit_buf(n);
  auto residuals_of = [&](const EtsParams& par, const double* d, std::vector<double>& r) {
    EtsKernel k = make_kernel(spec, par);
    double l = base.level, b = base.trend;
    if (spec.seasonal()) std::copy(base.season.begin(), base.season.end(), buf.begin());
    apply_reduced(k, d, l, b, buf.data());
    if (k.season == 2) {
      double sm = 0;
      for (std::size_t j = 1; j < m; ++j) sm += buf[j];
      buf[0] = double(m) - sm;
      if (l <= 0) return false;
      for (double v : buf)
        if (v <= 0) return false;
    }
    EtsPass ps = ets_pass(k, y, n, l, b, buf.data(), fit_buf.data());
    if (!ps.valid) return false;
    r.clear();
    double g = 0;
    if (ml && k.mult_error) g = std::exp(ps.sum_log_abs_yhat / double(ps.n_obs));
    for (std::size_t t = 0; t < n; ++t) {
      if (std::isnan(y[t])) continue;
      const double res = y[t] - fit_buf[t];
      r.push_back(ml && k.mult_error ? res / fit_buf[t] * g : res);
    }
    return true;
  };
  auto obj_of_r = [&](const std::vector<double>& r) {
    double ss = 0;
    for (double v : r) ss += v * v;
    return ml ? double(r.size()) * std::log(ss) : ss;
  };
  // Levenberg–Marquardt over the reduced initial states for fixed parameters,
  // from d (updated); forward-difference Jacobian. Returns the objective.
  std::vector<double> state_scale(static_cast<std::size_t>(p_red), 1.0);
  {
    const double sl = sum.sd > 0 ? sum.sd : std::max(1e-8, std::abs(sum.mean) * 1e-3);
    int i = 0;
    state_scale[std::size_t(i++)] = sl;
    if (spec.has_trend())
      state_scale[std::size_t(i++)] =
          spec.mult_trend() ? 0.01 : sl / std::max<double>(1.0, double(m));
    for (; i < p_red; ++i)
      state_scale[std::size_t(i)] = spec.season == SeasonType::multiplicative ? 0.1 : sl;
  }
  std::vector<double> r0, r1;
  Eigen::MatrixXd jac;
  int inner_max_it =
      eff.start ? 2 : 4;  // warm-started during the search; the final polish runs longer
  auto inner_lm = [&](const EtsParams& par, std::vector<double>& d) {
    if (!residuals_of(par, d.data(), r0)) return std::numeric_limits<double>::infinity();
    double f0 = obj_of_r(r0);
    const Eigen::Index nr = Eigen::Index(r0.size());
    double lambda = 1e-3;
    std::vector<double> dt(d.size());
    for (int it = 0; it < inner_max_it; ++it) {
      jac.resize(nr, p_red);
      bool ok = true;
      for (int j = 0; j < p_red && ok; ++j) {
        dt = d;
        const double hstep =
            1e-7 * std::max(std::abs(d[std::size_t(j)]), state_scale[std::size_t(j)]);
        dt[std::size_t(j)] += hstep;
        if (!residuals_of(par, dt.data(), r1) || Eigen::Index(r1.size()) != nr) {
          ok = false;
          break;
        }
        for (Eigen::Index t = 0; t < nr; ++t)
          jac(t, j) = (r1[std::size_t(t)] - r0[std::size_t(t)]) / hstep;
      }
      ++evals;
      if (!ok) break;
      Eigen::Map<const Eigen::VectorXd> rv(r0.data(), nr);
      Eigen::MatrixXd jtj = jac.transpose() * jac;
      Eigen::VectorXd jtr = jac.transpose() * rv;
      bool improved = false;
      for (int tries = 0; tries < 8; ++tries) {
        Eigen::MatrixXd a = jtj;
        a.diagonal().array() += lambda * (jtj.diagonal().array() + 1e-12);
        Eigen::VectorXd step = a.ldlt().solve(-jtr);
        // Converged: the Gauss–Newton model promises no relative decrease of
        // Σr² above 1e-10.
        if (tries == 0 && -(2.0 * jtr.dot(step) + step.dot(jtj * step)) <= 1e-10 * rv.squaredNorm())
          break;
        for (int j = 0; j < p_red; ++j) dt[std::size_t(j)] = d[std::size_t(j)] + step[j];
        if (residuals_of(par, dt.data(), r1)) {
          double f1 = obj_of_r(r1);
          if (f1 < f0) {
            improved = f0 - f1 > 1e-12 * std::abs(f0);
            d = dt;
            r0.swap(r1);
            f0 = f1;
            lambda = std::max(lambda / 4.0, 1e-12);
            break;
          }
        }
        lambda *= 8.0;
      }
      if (!improved) break;
    }
    return f0;
  };
  // Warm start of the inner problem: the states of the best parameters so far.
  // (Multiplicative errors with a linear state: the ML correction to the
  // least-squares states instead.)
  std::vector<double> warm(static_cast<std::size_t>(p_red), 0.0), trial, ls_delta;
  double warm_f = std::numeric_limits<double>::infinity();
  bool have_warm = false;
  if (eff.start_state && est_states && !lin_state &&
      eff.start_state->season.size() == (spec.seasonal() ? m : 0)) {
    warm[0] = eff.start_state->level - base.level;
    std::size_t i = 1;
    if (spec.has_trend()) warm[i++] = eff.start_state->trend - base.trend;
    for (std::size_t j = 1; j < m; ++j) warm[i++] = eff.start_state->season[j] - base.season[j];
    have_warm = true;
  }
  // Screening surrogate of multiplicative seasonality: the additive-seasonal
  // base state (seasonals summing to 0) and the map from its reduced
  // coordinates to the multiplicative model's (seasonal ratios 1 + s/l).
  EtsState add_base;
  std::vector<double> add_buf;
  if (eff.screen && est_states && spec.season == SeasonType::multiplicative && !spec.mult_trend()) {
    EtsSpec as = spec;
    as.season = SeasonType::additive;
    add_base = simple_state(y, n, as, false);
    double sa = 0;
    for (double v : add_base.season) sa += v;
    for (double& v : add_base.season) v -= sa / double(m);
    add_base.level += sa / double(m);
  }
  auto additive_to_ratio = [&](std::vector<double>& d) {
    double l = add_base.level, b = add_base.trend;
    add_buf = add_base.season;
    EtsKernel ka;
    ka.trend = spec.has_trend();
    ka.season = 1;
    ka.m = int(m);
    apply_reduced(ka, d.data(), l, b, add_buf.data());
    if (!(l > 0)) return false;
    d[0] = l - base.level;
    std::size_t i = 1;
    if (spec.has_trend()) d[i++] = b - base.trend;
    for (std::size_t j = 1; j < m; ++j) {
      const double r = 1.0 + add_buf[j] / l;
      if (!(r > 0)) return false;
      d[i++] = r - base.season[j];
    }
    return 1.0 + add_buf[0] / l > 0;
  };
  // Inner solve from `trial`, keeping the best states as the next warm start.
  auto solve_and_keep = [&](const EtsParams& par) {
    const double f = inner_lm(par, trial);
    if (f < warm_f) {
      warm_f = f;
      warm = trial;
      have_warm = true;
    }
    return f;
  };
  // Objective of the smoothing parameters alone.
  auto theta_obj = [&](const std::vector<double>& u) {
    EtsParams par = pm(u.data());
    if (linear && est_states) {
      EtsKernel k = make_kernel(spec, par);
      return concentrated_sse(k, y, n, base.level, base.trend,
                              spec.seasonal() ? base.season.data() : nullptr, ws);
    }
    if (est_states && lin_state && ml) {
      // Multiplicative errors, linear state: exact affine forecasts in the
      // states. Started from the least-squares states plus the ML correction
      // of the best parameters so far (the correction varies slowly with the
      // parameters, so Levenberg–Marquardt needs few steps from there).
      EtsKernel k = make_kernel(spec, par);
      trial.assign(std::size_t(p_red), 0.0);
      if (!std::isfinite(concentrated_sse(k, y, n, base.level, base.trend,
                                          spec.seasonal() ? base.season.data() : nullptr, ws,
                                          trial.data())))
        return std::numeric_limits<double>::infinity();
      if (eff.screen) return mult_error_states(ws, p_red, trial.data(), eff.screen_its);
      ls_delta = trial;
      double f = std::numeric_limits<double>::infinity();
      if (have_warm) {
        for (std::size_t j = 0; j < trial.size(); ++j) trial[j] += warm[j];
        f = mult_error_states(ws, p_red, trial.data());
      }
      if (!std::isfinite(f)) {
        trial = ls_delta;
        f = mult_error_states(ws, p_red, trial.data());
      }
      if (f < warm_f) {
        warm_f = f;
        for (std::size_t j = 0; j < trial.size(); ++j) warm[j] = trial[j] - ls_delta[j];
        have_warm = true;
      }
      return f;
    }
    if (est_states && eff.screen && !spec.mult_trend()) {
      // Multiplicative seasonality, screening: the least-squares states of the
      // additive-seasonal model at the same parameters, seasonals turned into
      // ratios 1 + s/l (mean 1), then one Levenberg–Marquardt step.
      EtsKernel ka = make_kernel(spec, par);
      ka.season = 1;
      ka.mult_error = false;
      trial.assign(std::size_t(p_red), 0.0);
      if (!std::isfinite(concentrated_sse(ka, y, n, add_base.level, add_base.trend,
                                          add_base.season.data(), ws, trial.data())))
        return std::numeric_limits<double>::infinity();
      if (!additive_to_ratio(trial)) return std::numeric_limits<double>::infinity();
      inner_max_it = 1;
      return solve_and_keep(par);
    }
    if (est_states) {
      if (!have_warm && lin_state) {
        EtsKernel k = make_kernel(spec, par);
        trial.assign(std::size_t(p_red), 0.0);
        concentrated_sse(k, y, n, base.level, base.trend,
                         spec.seasonal() ? base.season.data() : nullptr, ws, trial.data());
      } else {
        trial = warm;
      }
      return solve_and_keep(par);
    }
    return fixed_state_obj(par, nullptr);
  };

  NmOptions nmo;
  nmo.max_evals = opt.max_evals;
  std::vector<double> u(std::size_t(pm.k), 0.5);
  const bool cheap = linear || !est_states;
  if (pm.k > 0 && eff.start) {
    // Refinement of an earlier answer: Nelder–Mead from there, smaller simplex.
    u = pm.to_unit(*eff.start);
    std::vector<double> lo(std::size_t(pm.k), 0.0), hi(std::size_t(pm.k), 1.0);
    if (!cheap) nmo.ftol = 1e-9;
    nmo.step = 0.05;
    restart_nelder_mead(theta_obj, u, lo, hi, nmo, cheap ? 3 : 1, &evals);
  } else if (pm.k > 0) {
    // Coarse grid, then Nelder–Mead from the best grid points (four for the cheap linear
    // objective).
    auto grid = start_grid(pm.k);
    std::vector<std::pair<double, std::size_t>> scored;
    for (std::size_t i = 0; i < grid.size(); ++i) {
      scored.emplace_back(theta_obj(grid[i]), i);
      ++evals;
    }
    std::sort(scored.begin(), scored.end());
    // Nowhere admissible (a multiplicative model whose forecasts turn
    // non-positive for every trial): Nelder–Mead cannot move on a flat +inf.
    if (!std::isfinite(scored.front().first))
      throw DomainError("ets " + spec.code() +
                        ": non-positive or non-finite forecast in a multiplicative model");
    std::vector<double> lo(std::size_t(pm.k), 0.0), hi(std::size_t(pm.k), 1.0);
    double best = std::numeric_limits<double>::infinity();
    if (!cheap) nmo.ftol = 1e-9;
    if (eff.screen) {
      nmo.ftol = 1e-6;
      nmo.xtol = 1e-3;
    }
    const std::size_t starts = eff.screen ? 1 : cheap ? 4 : 1;
    const int restarts = eff.screen ? 0 : cheap ? 3 : 1;
    for (std::size_t s = 0; s < std::min<std::size_t>(starts, scored.size()); ++s) {
      std::vector<double> x = grid[scored[s].second];
      double v = restart_nelder_mead(theta_obj, x, lo, hi, nmo, restarts, &evals);
      if (v < best) {
        best = v;
        u = x;
      }
    }
  }
  EtsParams par = pm(u.data());
  EtsState x0 = base;
  if (est_states) {
    EtsKernel k = make_kernel(spec, par);
    if (linear) {
      // Exact LS states for these parameters.
      concentrated_sse(k, y, n, base.level, base.trend,
                       spec.seasonal() ? base.season.data() : nullptr, ws, delta.data());
    } else {
      // States of the best evaluation, polished once more at the final parameters.
      inner_max_it = 50;
      if (lin_state && ml) {
        concentrated_sse(k, y, n, base.level, base.trend,
                         spec.seasonal() ? base.season.data() : nullptr, ws, delta.data());
        std::vector<double> d2 = delta;
        double f1 = mult_error_states(ws, p_red, delta.data());
        if (have_warm) {
          for (std::size_t j = 0; j < d2.size(); ++j) d2[j] += warm[j];
          if (mult_error_states(ws, p_red, d2.data()) < f1) delta = d2;
        }
        // (Levenberg–Marquardt with the exact Jacobian: no finite-difference polish.)
      } else {
        if (have_warm)
          delta = warm;
        else if (lin_state)
          concentrated_sse(k, y, n, base.level, base.trend,
                           spec.seasonal() ? base.season.data() : nullptr, ws, delta.data());
        inner_lm(par, delta);
      }
    }
    k = make_kernel(spec, par);
    std::vector<double> sb = base.season;
    if (!spec.seasonal()) sb.assign(1, 0.0);
    apply_reduced(k, delta.data(), x0.level, x0.trend,
                  spec.seasonal() ? x0.season.data() : sb.data());
    if (spec.season == SeasonType::multiplicative) {
      double s = 0;
      for (std::size_t j = 1; j < m; ++j) s += x0.season[j];
      x0.season[0] = double(m) - s;
    }
  }
  return finish_fit(y, n, spec, par, x0, opt.criterion, opt.init, n_est, k_sigma, evals, {});
}

}  // namespace okrkit::detail
