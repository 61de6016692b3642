// okrkit — linear trend of a series (ordinary least squares on time).
// The other trend statistics have their own headers in this folder; the
// umbrella <okrkit/trend.hpp> includes them all.
//
// Missing values are NaN and are dropped (as R lm's na.omit, scipy's
// nan_policy="omit"); every result says how many were dropped. The time axis
// is the original 0-based position unless times are given.
//
// The series is a Values view (include/okrkit/core/values.hpp): a
// std::vector, an Eigen vector or (pointer, size) all pass without a copy, and
// the computation lives in src/trend/linear_trend.cpp so this header stays
// light to include.
#pragma once

#include <cstddef>

#include <okrkit/core/error.hpp>  // DomainError: what the functions throw
#include <okrkit/core/values.hpp>

namespace okrkit {

/// Least-squares line y = intercept + slope·t with its inference (n − 2 df).
struct LinearFit {
  double slope{};                    ///< change of y per unit of t
  double intercept{};                ///< fitted y at t = 0
  double r_squared{};                ///< 1 − SSE/SST; 1 when SSE = 0 (incl. a constant y)
  double slope_se{};                 ///< standard error of the slope
  double intercept_se{};             ///< standard error of the intercept
  double residual_sd{};              ///< √(SSE/(n − 2))
  double residual_ss{};              ///< SSE, sum of squared residuals
  double t_value{};                  ///< slope / slope_se (0 when both are 0, ±inf when se = 0)
  double p_value{};                  ///< two-sided p of slope = 0 (Student t, n − 2 df)
  double confidence{};               ///< level of the intervals below, e.g. 0.95
  double slope_low{}, slope_high{};  ///< t-based confidence interval of the slope
  double intercept_low{}, intercept_high{};  ///< same for the intercept
  std::size_t n{};                           ///< points used
  std::size_t dropped{};                     ///< points dropped because y (or t) was NaN
  /// Residual degrees of freedom, n − 2.
  double df() const noexcept { return static_cast<double>(n) - 2.0; }
  /// Fitted value at time t.
  double predict(double t) const noexcept { return intercept + slope * t; }
};

/// OLS of y on its 0-based positions t = 0..n−1. NaN values are dropped and
/// keep their positions. Needs 3 non-missing values (DomainError otherwise).
LinearFit linear_trend(Values y, double confidence = 0.95);

/// OLS of y on given times t (e.g. DayNumbers, or fractional years). Pairs with
/// a NaN in t or y are dropped. DomainError if t and y differ in length, fewer
/// than 3 pairs remain or all times are equal.
LinearFit linear_trend(Values t, Values y, double confidence = 0.95);

/// linear_trend(Values(y, n), confidence).
LinearFit linear_trend(const double* y, std::size_t n, double confidence = 0.95);
/// linear_trend(Values(t, n), Values(y, n), confidence).
LinearFit linear_trend(const double* t, const double* y, std::size_t n, double confidence = 0.95);

}  // namespace okrkit
