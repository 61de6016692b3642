// okrkit — exponential smoothing / ETS models: specification, fixed-parameter
// filtering and fitting (least squares or maximum likelihood).
//
// Models: SES (ANN), Holt linear (AAN), damped Holt (AAdN), Holt–Winters with
// additive or multiplicative seasonality, optionally damped (AAA, AAdA, AAM,
// AAdM, …), each with additive or multiplicative errors (Hyndman, Koehler, Ord &
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

#include "okrkit/detail/ets_fit.hpp"
#include "okrkit/forecast/ets_types.hpp"
#include "okrkit/core/error.hpp"

namespace okrkit {

/// Runs a model with fixed parameters and a known initial state over y
/// (NaN = missing). Nothing is estimated: σ² = SSE / n (the fpp1 convention).
/// Throws DomainError for an invalid spec, parameters or state size.
inline EtsFit ets_filter(const std::vector<double>& y, const EtsSpec& spec, const EtsParams& params,
                         const EtsState& initial) {
  detail::check_series(y.data(), y.size(), "ets_filter");
  detail::check_spec(spec);
  detail::check_params(spec, params);
  detail::check_state(spec, initial);
  return detail::finish_fit(y.data(), y.size(), spec, params, initial, Criterion::least_squares,
                            InitMethod::known, 0, 0, 0, {});
}

/// Fits one model to y (NaN = missing) by least squares or maximum likelihood.
/// Parameters given in opt are held fixed; the others are estimated inside the
/// bounds (R's defaults for ML, statsmodels' for LS) subject to β ≤ α and
/// γ ≤ 1 − α. Initial states are estimated (exactly, by least squares, for the
/// linear models), taken from the data ("simple") or given ("known").
/// Constant series: parameters at their lower bounds, zero residuals and σ² = 0,
/// with a "constant-series" diagnostic. Throws DomainError for an empty or
/// all-missing series, non-finite values, non-positive data with a
/// multiplicative model, or too few observations for the parameters.
inline EtsFit fit_ets(const std::vector<double>& y, const EtsSpec& spec,
                      const EtsOptions& opt = {}) {
  return detail::fit_ets_impl(y.data(), y.size(), spec, opt);
}
/// Pointer overload of fit_ets (y[0..n)).
inline EtsFit fit_ets(const double* y, std::size_t n, const EtsSpec& spec,
                      const EtsOptions& opt = {}) {
  return detail::fit_ets_impl(y, n, spec, opt);
}

/// Options of auto_ets: which models compete and on what criterion.
struct AutoEtsOptions {
  int period = 1;                          ///< seasonal period m (1 = non-seasonal)
  bool allow_trend = true;                 ///< consider A and Ad trends
  bool allow_damped = true;                ///< consider Ad trends
  bool allow_multiplicative = true;        ///< M errors / M seasonality (positive data only)
  std::string criterion = "aicc";          ///< "aicc", "aic" or "bic"
  /// Every candidate is first fitted cheaply (one Nelder–Mead start, a
  /// surrogate for the profiled states); only those whose criterion is within
  /// this margin of the best screened one are refined by the thorough search,
  /// started from their screening answer. Infinity refines every candidate.
  double refine_margin = 3.0;
  EtsOptions fit;                          ///< fit options (criterion must stay ML)
};

/// The candidate models auto_ets would compare for n observations (R's rules):
/// additive-error models with multiplicative seasonality are excluded (infinite
/// variance); multiplicative error or seasonality only for strictly positive
/// data; seasonal models only when period ≥ 2 and n ≥ 2·period; a model only
/// when n > (number of parameters incl. initial states) + 4... relaxed to
/// n > parameters + 1 when no model passes R's rule.
inline std::vector<EtsSpec> auto_candidates(std::size_t n_obs, bool positive,
                                            const AutoEtsOptions& o) {
  std::vector<EtsSpec> out;
  std::vector<ErrorType> errs{ErrorType::additive};
  if (o.allow_multiplicative && positive) errs.push_back(ErrorType::multiplicative);
  std::vector<TrendType> trends{TrendType::none};
  if (o.allow_trend) {
    trends.push_back(TrendType::additive);
    if (o.allow_damped) trends.push_back(TrendType::additive_damped);
  }
  std::vector<SeasonType> seasons{SeasonType::none};
  if (o.period >= 2 && n_obs >= 2 * std::size_t(o.period)) {
    seasons.push_back(SeasonType::additive);
    if (o.allow_multiplicative && positive) seasons.push_back(SeasonType::multiplicative);
  }
  for (int relax = 0; relax < 2 && out.empty(); ++relax)
    for (auto e : errs)
      for (auto t : trends)
        for (auto s : seasons) {
          if (e == ErrorType::additive && s == SeasonType::multiplicative) continue;
          EtsSpec sp{e, t, s, s == SeasonType::none ? 1 : o.period};
          std::size_t np = std::size_t(detail::n_smoothing(sp) + detail::n_free_states(sp));
          if (n_obs > np + (relax == 0 ? 4 : 1)) out.push_back(sp);
        }
  return out;
}

/// Automatic model choice (R ets style): fits every candidate by maximum
/// likelihood and keeps the one with the smallest information criterion.
/// A constant series gives ANN (see fit_ets) with a "constant-series"
/// diagnostic. Throws DomainError when the series is empty or all missing,
/// or shorter than 3 observations.
inline EtsFit auto_ets(const std::vector<double>& y, const AutoEtsOptions& o = {}) {
  detail::check_series(y.data(), y.size(), "auto_ets");
  auto sum = detail::summarize(y.data(), y.size());
  if (sum.n_obs < 3)
    throw DomainError("auto_ets: too few observations (" + std::to_string(sum.n_obs) +
                      "), need at least 3");
  EtsOptions fo = o.fit;
  fo.criterion = Criterion::max_likelihood;
  if (sum.constant) return fit_ets(y, EtsSpec{}, fo);
  auto cands = auto_candidates(sum.n_obs, sum.min > 0, o);
  if (cands.empty())
    throw DomainError("auto_ets: too few observations (" + std::to_string(sum.n_obs) + ")");
  auto ic_of = [&](const EtsFit& f) {
    double ic = o.criterion == "aic" ? f.aic : o.criterion == "bic" ? f.bic : f.aicc;
    return std::isnan(ic) ? std::numeric_limits<double>::infinity() : ic;
  };
  // Screening: every candidate, cheaply.
  std::vector<std::optional<EtsFit>> fits(cands.size());
  std::vector<double> ics(cands.size(), std::numeric_limits<double>::infinity());
  std::vector<Diagnostic> skipped;
  detail::FitEffort screen;
  screen.screen = true;
  double screen_best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < cands.size(); ++i) {
    try {
      fits[i] = detail::fit_ets_impl(y.data(), y.size(), cands[i], fo, screen);
    } catch (const DomainError&) {
      // Refit thoroughly below: the screening start may be what failed.
      continue;
    }
    ics[i] = ic_of(*fits[i]);
    screen_best = std::min(screen_best, ics[i]);
  }
  // Refinement: the leaders from their screening answer; candidates the
  // screening could not fit get the thorough search from scratch.
  for (std::size_t i = 0; i < cands.size(); ++i) {
    const bool failed = !fits[i];
    if (!failed && !(ics[i] <= screen_best + o.refine_margin)) continue;
    detail::FitEffort refine;
    if (!failed) {
      refine.start = fits[i]->params;
      refine.start_state = fits[i]->initial;
    }
    try {
      EtsFit f = detail::fit_ets_impl(y.data(), y.size(), cands[i], fo, refine);
      const double ic = ic_of(f);
      if (failed || ic < ics[i]) {
        ics[i] = ic;
        fits[i] = std::move(f);
      }
    } catch (const DomainError& e) {
      if (failed)
        skipped.push_back({Severity::info, "model-skipped", cands[i].code() + ": " + e.what(), {}});
    }
  }
  std::optional<EtsFit> best;
  double best_ic = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < cands.size(); ++i)
    if (fits[i] && (!best || ics[i] < best_ic)) {
      best_ic = ics[i];
      best = std::move(fits[i]);
    }
  if (!best) throw DomainError("auto_ets: no candidate model could be fitted");
  best->diagnostics.insert(best->diagnostics.end(), skipped.begin(), skipped.end());
  return std::move(*best);
}

}  // namespace okrkit
