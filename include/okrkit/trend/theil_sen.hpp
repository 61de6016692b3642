// okrkit — robust slopes: Theil–Sen with Sen's (1968) confidence interval, as
// scipy.stats.theilslopes, and Sen's slope / seasonal Sen's slope as
// pyMannKendall computes them. Series are Values views
// (include/okrkit/core/values.hpp: a std::vector, an Eigen vector or (pointer,
// size)); the code is in src/trend/theil_sen.cpp.
#pragma once

#include <cstddef>

#include <okrkit/core/error.hpp>  // DomainError: what the functions throw
#include <okrkit/core/values.hpp>

namespace okrkit {

/// How the Theil–Sen intercept is formed (scipy's `method`).
enum class InterceptMethod {
  separate,  ///< median(y) − slope·median(x) (Conover 1980; scipy's default)
  joint,     ///< median(y − slope·x)
};

/// Theil–Sen line and the confidence interval of its slope.
struct TheilSen {
  double slope{};         ///< median of the pairwise slopes (pairs with x_j > x_i)
  double intercept{};     ///< by the chosen InterceptMethod
  double slope_low{};     ///< lower confidence bound of the slope (Sen 1968, eq. 2.6)
  double slope_high{};    ///< upper bound
  double confidence{};    ///< level of the interval (e.g. 0.95)
  std::size_t n{};        ///< points used
  std::size_t dropped{};  ///< points dropped because x or y was NaN
};

/// Theil–Sen regression of y on x (scipy.stats.theilslopes). `confidence` is
/// the level of the slope interval; like scipy, 0.1 and 0.9 both mean 90%.
/// Pairs with a NaN are dropped (scipy's nan_policy="omit"). DomainError if x
/// and y differ in length, fewer than 2 points remain or all x are equal.
TheilSen theil_sen(Values x, Values y, double confidence = 0.95,
                   InterceptMethod method = InterceptMethod::separate);
/// Theil–Sen on 0-based positions (missing values keep their positions).
TheilSen theil_sen(Values y, double confidence = 0.95,
                   InterceptMethod method = InterceptMethod::separate);

/// Sen's slope of a series and the Conover intercept, as pyMannKendall.
struct SenSlope {
  double slope{};         ///< per period (per full cycle for the seasonal slope)
  double intercept{};     ///< median(y) − median(t)·slope, t the 0-based positions of
                          ///< the non-missing values (divided by the period if seasonal)
  std::size_t n{};        ///< non-missing values
  std::size_t dropped{};  ///< missing values
};

/// Sen's slope: median of (y_j − y_i)/(j − i) over pairs i < j of non-missing
/// values at their original positions (pyMannKendall.sens_slope). DomainError
/// if fewer than 2 non-missing values.
SenSlope sens_slope(Values y);

/// Seasonal Sen's slope (Hirsch et al. 1982; pyMannKendall.seasonal_sens_slope):
/// the series is cut into cycles of `period` values (the last one padded with
/// missing values); the slope is the median over all seasons of the slopes
/// between the same season in different cycles, in units per cycle. The
/// intercept is median(y) − median(t)/period·slope. DomainError if period is 0
/// or no season has two non-missing values.
SenSlope seasonal_sens_slope(Values y, std::size_t period = 12);

/// The same on (pointer, size).
TheilSen theil_sen(const double* x, const double* y, std::size_t n, double confidence = 0.95,
                   InterceptMethod method = InterceptMethod::separate);
TheilSen theil_sen(const double* y, std::size_t n, double confidence = 0.95,
                   InterceptMethod method = InterceptMethod::separate);
SenSlope sens_slope(const double* y, std::size_t n);
SenSlope seasonal_sens_slope(const double* y, std::size_t n, std::size_t period = 12);

}  // namespace okrkit
