// okrkit — exponential smoothing / ETS models: specification, fixed-parameter
// filtering and fitting (least squares or maximum likelihood).
//
// Models: SES (ANN), Holt linear (AAN), damped Holt (AAdN), Holt–Winters with
// additive or multiplicative seasonality, optionally damped (AAA, AAdA, AAM,
// AAdM, …), each with additive or multiplicative errors, and the
// multiplicative-trend models (MMN, MMdN, MMM, MMdM; R's
// allow.multiplicative.trend) (Hyndman, Koehler, Ord &
// Snyder 2008, "Forecasting with Exponential Smoothing"; R forecast::ets).
//
// Parameters are stored in ETS form (R ets, statsmodels ETSModel): β = α·β*,
// where β* is Holt's trend smoothing (fpp holt, statsmodels
// ExponentialSmoothing smoothing_trend). The seasonal γ is the same in both
// (statsmodels ExponentialSmoothing's smoothing_seasonal is the ETS γ; R's
// HoltWinters γ* differs: γ = γ*(1 − α)).
//
// Seasonal states are in time order: season[j] applies to the (j+1)-th next
// observation. R's ets prints them newest first (s0_0 is the seasonal of the
// m-th observation): okrkit season[j] = R s0_{m-1-j}.
// See docs/forecast.md for formulas and references.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okrkit/forecast/ets_types.hpp"
#include "okrkit/core/error.hpp"

namespace okrkit {

/// Runs a model with fixed parameters and a known initial state over y
/// (NaN = missing). Nothing is estimated: σ² = SSE / n (the fpp1 convention).
/// Throws DomainError for an invalid spec, parameters or state size.
EtsFit ets_filter(const std::vector<double>& y, const EtsSpec& spec, const EtsParams& params,
                  const EtsState& initial);

/// Fits one model to y (NaN = missing) by least squares or maximum likelihood.
/// Parameters given in opt are held fixed; the others are estimated inside the
/// bounds (R's defaults for ML, statsmodels' for LS) subject to β ≤ α and
/// γ ≤ 1 − α. Initial states are estimated (exactly, by least squares, for the
/// linear models), taken from the data ("simple") or given ("known").
/// Constant series: parameters at their lower bounds, zero residuals and σ² = 0,
/// with a "constant-series" diagnostic. Throws DomainError for an empty or
/// all-missing series, non-finite values, non-positive data with a
/// multiplicative model, or too few observations for the parameters.
EtsFit fit_ets(const std::vector<double>& y, const EtsSpec& spec, const EtsOptions& opt = {});
/// Pointer overload of fit_ets (y[0..n)).
EtsFit fit_ets(const double* y, std::size_t n, const EtsSpec& spec, const EtsOptions& opt = {});

/// Options of auto_ets: which models compete and on what criterion.
struct AutoEtsOptions {
  int period = 1;                    ///< seasonal period m (1 = non-seasonal)
  bool allow_trend = true;           ///< consider A and Ad trends
  bool allow_damped = true;          ///< consider Ad trends
  bool allow_multiplicative = true;  ///< M errors / M seasonality (positive data only)
  /// Also MMN, MMdN, MMM, MMdM (multiplicative trend; positive data and
  /// allow_damped for the damped ones). Off by default like R's
  /// ets(allow.multiplicative.trend = FALSE): such trends extrapolate
  /// exponentially and rarely forecast better.
  bool allow_multiplicative_trend = false;
  std::string criterion = "aicc";  ///< "aicc", "aic" or "bic"
  /// Every candidate is first fitted cheaply (one Nelder–Mead start, a
  /// surrogate for the profiled states); only those whose criterion is within
  /// this margin of the best screened one are refined by the thorough search,
  /// started from their screening answer. Infinity refines every candidate.
  double refine_margin = 3.0;
  EtsOptions fit;  ///< fit options (criterion must stay ML)
};

/// The candidate models auto_ets would compare for n observations (R's rules):
/// additive-error models with multiplicative seasonality are excluded (infinite
/// variance); a multiplicative trend only with multiplicative errors and no
/// additive seasonality, and only when allow_multiplicative_trend is set (R's
/// restrict = TRUE); multiplicative error or seasonality only for strictly positive
/// data; seasonal models only when period ≥ 2 and n ≥ 2·period; a model only
/// when n > (number of parameters incl. initial states) + 4... relaxed to
/// n > parameters + 1 when no model passes R's rule.
std::vector<EtsSpec> auto_candidates(std::size_t n_obs, bool positive, const AutoEtsOptions& o);

/// Automatic model choice (R ets style): fits every candidate by maximum
/// likelihood and keeps the one with the smallest information criterion.
/// A constant series gives ANN (see fit_ets) with a "constant-series"
/// diagnostic. Throws DomainError when the series is empty or all missing,
/// or shorter than 3 observations.
EtsFit auto_ets(const std::vector<double>& y, const AutoEtsOptions& o = {});

}  // namespace okrkit
