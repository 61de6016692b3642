// okrkit — the types of the exponential-smoothing models: specification
// ("AAdN"), parameters, states, fit options and fit results.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okrkit/core/error.hpp"

namespace okrkit {

/// Error component: additive (y = ŷ + ε) or multiplicative (y = ŷ(1 + ε)).
enum class ErrorType { additive, multiplicative };
/// Trend component: none, additive (Holt), additive damped by φ, or
/// multiplicative (ŷ = l·b^h; Pegels) and multiplicative damped (l·b^(φ+…+φ^h)).
/// The multiplicative ones are last so that the existing values keep their order.
enum class TrendType { none, additive, additive_damped, multiplicative, multiplicative_damped };
/// Seasonal component: none, additive or multiplicative (Holt–Winters).
enum class SeasonType { none, additive, multiplicative };
/// What a fit minimises: the sum of squared one-step errors (statsmodels
/// ExponentialSmoothing) or R ets' likelihood n·log Σe² (+ 2Σlog|ŷ| for
/// multiplicative errors); the two coincide for additive errors.
enum class Criterion { least_squares, max_likelihood };
/// Where the initial states come from: estimated with the parameters; the
/// "simple" heuristic of fpp / statsmodels (l0 = y1, b0 = y2 − y1; seasonal:
/// l0 = mean of the first m, b0 = mean of (y_{m+i} − y_i)/m, s_i = y_i − l0 or
/// y_i / l0); or known (given in EtsOptions::initial).
enum class InitMethod { estimated, simple, known };
/// How the trend smoothing parameter is read and bounded: ETS β (R ets,
/// ETSModel) or Holt's β* = β/α (fpp holt, statsmodels ExponentialSmoothing).
enum class Parameterization { ets, holt };

/// A model: error, trend and seasonal components and the seasonal period.
struct EtsSpec {
  ErrorType error = ErrorType::additive;
  TrendType trend = TrendType::none;
  SeasonType season = SeasonType::none;
  int period = 1;  ///< seasonal period m (1 for non-seasonal models)

  bool has_trend() const noexcept { return trend != TrendType::none; }
  bool damped() const noexcept {
    return trend == TrendType::additive_damped || trend == TrendType::multiplicative_damped;
  }
  /// Multiplicative trend (damped or not): the trend state is a growth ratio.
  bool mult_trend() const noexcept {
    return trend == TrendType::multiplicative || trend == TrendType::multiplicative_damped;
  }
  bool seasonal() const noexcept { return season != SeasonType::none; }
  /// R's three-letter code: "ANN", "AAdN", "MAM", ...
  std::string code() const {
    std::string s(1, error == ErrorType::additive ? 'A' : 'M');
    s += trend == TrendType::none              ? "N"
         : trend == TrendType::additive        ? "A"
         : trend == TrendType::additive_damped ? "Ad"
         : trend == TrendType::multiplicative  ? "M"
                                               : "Md";
    s += season == SeasonType::none ? 'N' : season == SeasonType::additive ? 'A' : 'M';
    return s;
  }
  /// Parses "ANN", "AAdN", "MAdM", "MMdN", ... (case-sensitive, as R writes them).
  /// Throws DomainError for anything else or a seasonal model with period < 2.
  static EtsSpec parse(std::string_view code, int period = 1) {
    EtsSpec s;
    auto bad = [&] { return DomainError("unknown ets model '" + std::string(code) + "'"); };
    if (code.size() != 3 && code.size() != 4) throw bad();
    if (code[0] == 'A')
      s.error = ErrorType::additive;
    else if (code[0] == 'M')
      s.error = ErrorType::multiplicative;
    else
      throw bad();
    std::string_view t = code.substr(1, code.size() - 2);
    if (t == "N")
      s.trend = TrendType::none;
    else if (t == "A")
      s.trend = TrendType::additive;
    else if (t == "Ad")
      s.trend = TrendType::additive_damped;
    else if (t == "M")
      s.trend = TrendType::multiplicative;
    else if (t == "Md")
      s.trend = TrendType::multiplicative_damped;
    else
      throw bad();
    char z = code.back();
    if (z == 'N')
      s.season = SeasonType::none;
    else if (z == 'A')
      s.season = SeasonType::additive;
    else if (z == 'M')
      s.season = SeasonType::multiplicative;
    else
      throw bad();
    s.period = s.seasonal() ? period : 1;
    if (s.seasonal() && period < 2)
      throw DomainError("ets model '" + std::string(code) + "': seasonal period must be >= 2");
    return s;
  }
  friend bool operator==(const EtsSpec& a, const EtsSpec& b) {
    return a.error == b.error && a.trend == b.trend && a.season == b.season && a.period == b.period;
  }
};

/// Smoothing parameters in ETS form. β (trend) and γ (seasonal) are NaN when
/// the model has no such component; φ = 1 without damping.
struct EtsParams {
  double alpha = std::numeric_limits<double>::quiet_NaN();
  double beta = std::numeric_limits<double>::quiet_NaN();  ///< ETS β = α·β*
  double gamma = std::numeric_limits<double>::quiet_NaN();
  double phi = 1.0;
  /// Holt's β* = β/α (NaN without trend).
  double beta_star() const noexcept { return beta / alpha; }
};

/// A state: level, trend (0 without trend; a growth ratio b > 0 for a
/// multiplicative trend) and m seasonals in time order
/// (season[j] applies to the (j+1)-th next observation; empty when non-seasonal).
struct EtsState {
  double level = std::numeric_limits<double>::quiet_NaN();
  double trend = 0.0;
  std::vector<double> season;
};

/// Parameter bounds. beta_* bound the trend parameter in the fit's
/// parameterisation (β for ets, β* for holt); in both, trend ≤ α and γ ≤ 1 − α.
struct ParamBounds {
  double alpha_lo, alpha_hi, beta_lo, beta_hi, gamma_lo, gamma_hi, phi_lo, phi_hi;
  /// R ets defaults ("usual" region): α, β, γ ∈ [1e-4, 0.9999], φ ∈ [0.8, 0.98].
  static ParamBounds r_ets() noexcept {
    return {1e-4, 0.9999, 1e-4, 0.9999, 1e-4, 0.9999, 0.8, 0.98};
  }
  /// statsmodels ExponentialSmoothing defaults: α, β*, γ ∈ [0, 1], φ ∈ [0.8, 0.995].
  static ParamBounds statsmodels() noexcept { return {0, 1, 0, 1, 0, 1, 0.8, 0.995}; }
};

/// Fit options. Any of alpha/beta/gamma/phi given is held fixed (beta is read
/// in `parameterization`).
struct EtsOptions {
  Criterion criterion = Criterion::max_likelihood;
  InitMethod init = InitMethod::estimated;
  Parameterization parameterization = Parameterization::ets;
  std::optional<double> alpha, beta, gamma, phi;
  std::optional<EtsState> initial;    ///< required when init == known
  std::optional<ParamBounds> bounds;  ///< default: r_ets() for ML, statsmodels() for LS
  int max_evals = 4000;               ///< objective evaluations per Nelder–Mead run
};

/// A fitted (or filtered) model with everything needed to forecast.
struct EtsFit {
  EtsSpec spec;
  EtsParams params;
  Criterion criterion = Criterion::max_likelihood;
  InitMethod init = InitMethod::estimated;
  EtsState initial;                 ///< state before the first observation
  EtsState last;                    ///< state after the last observation (forecast origin)
  std::vector<double> fitted;       ///< one-step forecasts ŷ_t (n)
  std::vector<double> residuals;    ///< y − ŷ (NaN where y is missing)
  std::vector<double> innovations;  ///< e_t: y − ŷ, or (y − ŷ)/ŷ for multiplicative errors
  std::size_t n = 0;                ///< series length incl. missing values
  std::size_t n_obs = 0;            ///< observed (non-missing) values
  double last_value = std::numeric_limits<double>::quiet_NaN();  ///< last observed y
  double sse = 0;                                                ///< Σ (y − ŷ)²
  double mse = 0;                                                ///< sse / n_obs
  double sigma2 = 0;  ///< Σe² / (n_obs − k), k = parameters + estimated states (fpp1: SSE / n when
                      ///< nothing is estimated)
  double loglik = 0;                  ///< Gaussian log-likelihood (statsmodels ETSModel's llf)
  double loglik_r = 0;                ///< R ets' loglik: −0.5·(n·log Σe² + 2Σlog|ŷ|)
  double aic = 0, aicc = 0, bic = 0;  ///< R's: −2·loglik_r + 2·np, ... (np incl. σ)
  int n_params = 0;     ///< np of the information criteria: estimated parameters and states + 1
  int evaluations = 0;  ///< objective evaluations spent by the fit
  std::vector<Diagnostic> diagnostics;
};

}  // namespace okrkit
