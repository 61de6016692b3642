// Definitions of okrkit/forecast/ets.hpp (compiled into the library so that
// including the header stays cheap).
#include "okrkit/forecast/ets.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "ets_fit.hpp"

namespace okrkit {

EtsFit ets_filter(const std::vector<double>& y, const EtsSpec& spec, const EtsParams& params,
                  const EtsState& initial) {
  detail::check_series(y.data(), y.size(), "ets_filter");
  detail::check_spec(spec);
  detail::check_params(spec, params);
  detail::check_state(spec, initial);
  return detail::finish_fit(y.data(), y.size(), spec, params, initial, Criterion::least_squares,
                            InitMethod::known, 0, 0, 0, {});
}

EtsFit fit_ets(const std::vector<double>& y, const EtsSpec& spec, const EtsOptions& opt) {
  return detail::fit_ets_impl(y.data(), y.size(), spec, opt);
}

EtsFit fit_ets(const double* y, std::size_t n, const EtsSpec& spec, const EtsOptions& opt) {
  return detail::fit_ets_impl(y, n, spec, opt);
}

std::vector<EtsSpec> auto_candidates(std::size_t n_obs, bool positive, const AutoEtsOptions& o) {
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
  int relax_used = 0;
  for (int relax = 0; relax < 2 && out.empty(); ++relax) {
    relax_used = relax;
    for (auto e : errs)
      for (auto t : trends)
        for (auto s : seasons) {
          if (e == ErrorType::additive && s == SeasonType::multiplicative) continue;
          EtsSpec sp{e, t, s, s == SeasonType::none ? 1 : o.period};
          const std::size_t np = static_cast<std::size_t>(detail::n_smoothing(sp)) +
                                 static_cast<std::size_t>(detail::n_free_states(sp));
          if (n_obs > np + (relax == 0 ? 4 : 1)) out.push_back(sp);
        }
  }
  // Multiplicative trends last (ties keep the additive models' order): R's
  // restricted set, multiplicative error and no additive seasonality.
  if (o.allow_multiplicative_trend && o.allow_multiplicative && o.allow_trend && positive &&
      !out.empty()) {
    std::vector<TrendType> mtrends{TrendType::multiplicative};
    if (o.allow_damped) mtrends.push_back(TrendType::multiplicative_damped);
    for (auto t : mtrends)
      for (auto s : seasons) {
        if (s == SeasonType::additive) continue;
        EtsSpec sp{ErrorType::multiplicative, t, s, s == SeasonType::none ? 1 : o.period};
        const std::size_t np = static_cast<std::size_t>(detail::n_smoothing(sp)) +
                               static_cast<std::size_t>(detail::n_free_states(sp));
        if (n_obs > np + (relax_used == 0 ? 4 : 1)) out.push_back(sp);
      }
  }
  return out;
}

EtsFit auto_ets(const std::vector<double>& y, const AutoEtsOptions& o) {
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
