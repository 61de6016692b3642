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

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
  int n_paths = 5000;       ///< simulated sample paths
  std::uint64_t seed = 42;  ///< std::mt19937_64 seed of the simulation
};

/// Point forecasts and intervals for h = 1..H.
struct Forecast {
  std::vector<double> mean;                ///< point forecasts
  std::vector<double> sd;                  ///< forecast standard deviations (simulated: sample sd)
  std::vector<double> levels;              ///< coverages of lower/upper, percent
  std::vector<std::vector<double>> lower;  ///< lower[i][h-1] for levels[i]
  std::vector<std::vector<double>> upper;
  bool simulated = false;  ///< intervals from sample paths
};

/// True when the model has analytic prediction intervals (see above).
inline bool has_analytic_intervals(const EtsSpec& s) noexcept {
  return s.error == ErrorType::additive && s.season != SeasonType::multiplicative &&
         !s.mult_trend();
}

/// Point forecasts ŷ_{n+1..n+h} from the end of the fit.
std::vector<double> point_forecast(const EtsFit& f, int h);

/// Analytic forecast variances v_1..v_h (DomainError for models without formulas).
std::vector<double> forecast_variance(const EtsFit& f, int h);

// simulate_paths() (the sample paths themselves, an Eigen matrix) is in the
// opt-in <okrkit/forecast/simulate_paths.hpp>, so this header parses no Eigen.

namespace detail {
/// R's default (type 7) sample quantile of sorted values.
double quantile_sorted(const std::vector<double>& v, double p);
void check_levels(const std::vector<double>& lv);
bool use_simulation(const EtsFit& f, IntervalMethod m);
}  // namespace detail

/// Point forecasts and prediction intervals for h = 1..h.
Forecast forecast(const EtsFit& f, int h, const ForecastOptions& o = {});

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
double probability_of_reaching(const EtsFit& f, double target, int h, Direction d,
                               const ForecastOptions& o = {});

/// Probability that some value in the next h periods meets the target (the
/// first-passage probability), always by simulation.
double probability_of_reaching_any_time(const EtsFit& f, double target, int h, Direction d,
                                        const ForecastOptions& o = {});

/// Change per remaining period needed to go from the last observed value to
/// the target in h periods: (target − y_last) / h.
double required_run_rate(const EtsFit& f, double target, int h);

/// First period (1..max_h) at which the point forecast meets the target; 0 if
/// the last observed value already meets it; nullopt if not within max_h.
std::optional<int> periods_to_target(const EtsFit& f, double target, Direction d, int max_h);

/// Everything a scorecard shows about one target, from one forecast.
struct TargetOutlook {
  double projected = 0;         ///< point forecast at the due date
  double lower = 0, upper = 0;  ///< interval at the due date (level of the options' last level)
  double probability = 0;       ///< P(target met at the due date)
  double run_rate = 0;          ///< required change per remaining period
  double forecast_rate = 0;  ///< change per period the forecast implies: (projected − y_last)/h
  std::optional<int> periods_to_target;  ///< within max_h; 0 = already met
};

/// Projected value, interval, probability, run-rate and time to target for a
/// target due h periods after the last observation; periods_to_target searches
/// up to max_h (default 4·h).
TargetOutlook target_outlook(const EtsFit& f, double target, int h, Direction d,
                             const ForecastOptions& o = {}, int max_h = 0);

}  // namespace okrkit
