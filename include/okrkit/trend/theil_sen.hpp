// okrkit — robust slopes: Theil–Sen with Sen's (1968) confidence interval, as
// scipy.stats.theilslopes, and Sen's slope / seasonal Sen's slope as
// pyMannKendall computes them.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <okrkit/detail/distributions.hpp>
#include <okrkit/detail/trend_common.hpp>

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

namespace detail {
/// Σ k(k−1)(2k+5) over the groups of equal values (the tie term of Var(S)).
inline double tie_term(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  double sum = 0.0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i;
    while (j < v.size() && v[j] == v[i]) ++j;
    const double k = static_cast<double>(j - i);
    sum += k * (k - 1.0) * (2.0 * k + 5.0);
    i = j;
  }
  return sum;
}

inline TheilSen theil_sen_compacted(const Compacted& c, double confidence, InterceptMethod method) {
  constexpr const char* fn = "theil_sen";
  const std::size_t n = c.y.size();
  if (n < 2) throw_too_short(fn, n, 2, "non-missing values");
  if (!(confidence > 0.0 && confidence < 1.0))
    throw DomainError("theil_sen: confidence must be in (0, 1)");
  std::vector<double> slopes;
  slopes.reserve(n * (n - 1) / 2);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (c.t[j] > c.t[i]) slopes.push_back((c.y[j] - c.y[i]) / (c.t[j] - c.t[i]));
  if (slopes.empty()) throw DomainError("theil_sen: all x values are equal");
  std::sort(slopes.begin(), slopes.end());
  TheilSen r;
  r.n = n;
  r.dropped = c.dropped;
  r.confidence = confidence;
  const std::size_t N = slopes.size();
  r.slope = N % 2 ? slopes[N / 2] : (slopes[N / 2 - 1] + slopes[N / 2]) / 2.0;
  if (method == InterceptMethod::joint) {
    std::vector<double> d(n);
    for (std::size_t i = 0; i < n; ++i) d[i] = c.y[i] - r.slope * c.t[i];
    r.intercept = median_inplace(d);
  } else {
    r.intercept = median_of(c.y) - r.slope * median_of(c.t);
  }
  // Sen (1968) eq. 2.6, indices as scipy: round half to even (np.round), clipped.
  const double a = confidence > 0.5 ? 1.0 - confidence : confidence;
  const double z = normal_quantile(a / 2.0);
  const double nn = static_cast<double>(n);
  const double sigsq = (nn * (nn - 1.0) * (2.0 * nn + 5.0) - tie_term(c.t) - tie_term(c.y)) / 18.0;
  const double sigma = std::sqrt(sigsq);
  const double Nd = static_cast<double>(N);
  const double ru = std::nearbyint((Nd - z * sigma) / 2.0);
  const double rl = std::nearbyint((Nd + z * sigma) / 2.0) - 1.0;
  if (std::isnan(ru) || std::isnan(rl)) {
    r.slope_low = r.slope_high = std::numeric_limits<double>::quiet_NaN();
  } else {
    const double iu = std::min(ru, Nd - 1.0), il = std::max(rl, 0.0);
    r.slope_low = slopes[static_cast<std::size_t>(il)];
    r.slope_high = slopes[static_cast<std::size_t>(iu)];
  }
  return r;
}
}  // namespace detail

/// Theil–Sen regression of y on x (scipy.stats.theilslopes). `confidence` is
/// the level of the slope interval; like scipy, 0.1 and 0.9 both mean 90%.
/// Pairs with a NaN are dropped (scipy's nan_policy="omit"). DomainError if
/// fewer than 2 points remain or all x are equal.
inline TheilSen theil_sen(const double* x, const double* y, std::size_t n, double confidence = 0.95,
                          InterceptMethod method = InterceptMethod::separate) {
  return detail::theil_sen_compacted(detail::compact("theil_sen", x, y, n), confidence, method);
}
/// Theil–Sen on 0-based positions (missing values keep their positions).
inline TheilSen theil_sen(const double* y, std::size_t n, double confidence = 0.95,
                          InterceptMethod method = InterceptMethod::separate) {
  return detail::theil_sen_compacted(detail::compact("theil_sen", nullptr, y, n), confidence,
                                     method);
}
inline TheilSen theil_sen(const std::vector<double>& x, const std::vector<double>& y,
                          double confidence = 0.95,
                          InterceptMethod method = InterceptMethod::separate) {
  if (x.size() != y.size()) throw DomainError("theil_sen: x and y differ in length");
  return theil_sen(x.data(), y.data(), y.size(), confidence, method);
}
inline TheilSen theil_sen(const std::vector<double>& y, double confidence = 0.95,
                          InterceptMethod method = InterceptMethod::separate) {
  return theil_sen(y.data(), y.size(), confidence, method);
}
inline TheilSen theil_sen(const Eigen::Ref<const Eigen::VectorXd>& y, double confidence = 0.95,
                          InterceptMethod method = InterceptMethod::separate) {
  return theil_sen(y.data(), static_cast<std::size_t>(y.size()), confidence, method);
}

/// Sen's slope of a series and the Conover intercept, as pyMannKendall.
struct SenSlope {
  double slope{};         ///< per period (per full cycle for the seasonal slope)
  double intercept{};     ///< median(y) − median(t)·slope, t the 0-based positions of
                          ///< the non-missing values (divided by the period if seasonal)
  std::size_t n{};        ///< non-missing values
  std::size_t dropped{};  ///< missing values
};

namespace detail {
inline void count_valid(const char* fn, const double* y, std::size_t n, std::size_t& valid,
                        std::vector<double>& yv, std::vector<double>& tv) {
  valid = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(y[i])) continue;
    if (std::isinf(y[i]))
      throw DomainError(std::string(fn) + ": infinite value at index " + std::to_string(i));
    ++valid;
    yv.push_back(y[i]);
    tv.push_back(static_cast<double>(i));
  }
  if (valid == 0 && n > 0)
    throw DomainError(std::string(fn) + ": all " + std::to_string(n) + " values are missing");
}
}  // namespace detail

/// Sen's slope: median of (y_j − y_i)/(j − i) over pairs i < j of non-missing
/// values at their original positions (pyMannKendall.sens_slope). DomainError
/// if fewer than 2 non-missing values.
inline SenSlope sens_slope(const double* y, std::size_t n) {
  std::size_t valid = 0;
  std::vector<double> yv, tv;
  detail::count_valid("sens_slope", y, n, valid, yv, tv);
  if (valid < 2) detail::throw_too_short("sens_slope", valid, 2, "non-missing values");
  std::vector<double> d;
  d.reserve(valid * (valid - 1) / 2);
  for (std::size_t a = 0; a < valid; ++a)
    for (std::size_t b = a + 1; b < valid; ++b) d.push_back((yv[b] - yv[a]) / (tv[b] - tv[a]));
  SenSlope r;
  r.n = valid;
  r.dropped = n - valid;
  r.slope = detail::median_inplace(d);
  r.intercept = detail::median_inplace(yv) - detail::median_inplace(tv) * r.slope;
  return r;
}

/// Seasonal Sen's slope (Hirsch et al. 1982; pyMannKendall.seasonal_sens_slope):
/// the series is cut into cycles of `period` values (the last one padded with
/// missing values); the slope is the median over all seasons of the slopes
/// between the same season in different cycles, in units per cycle. The
/// intercept is median(y) − median(t)/period·slope. DomainError if period is 0
/// or no season has two non-missing values.
inline SenSlope seasonal_sens_slope(const double* y, std::size_t n, std::size_t period = 12) {
  if (period == 0) throw DomainError("seasonal_sens_slope: period must be at least 1");
  std::size_t valid = 0;
  std::vector<double> yv, tv;
  detail::count_valid("seasonal_sens_slope", y, n, valid, yv, tv);
  std::vector<double> d;
  for (std::size_t s = 0; s < period; ++s)
    for (std::size_t i = s; i < n; i += period) {
      if (std::isnan(y[i])) continue;
      for (std::size_t j = i + period; j < n; j += period)
        // j - i is a multiple of period: the division is exact (seasons apart)
        // NOLINTNEXTLINE(bugprone-integer-division)
        if (!std::isnan(y[j])) d.push_back((y[j] - y[i]) / static_cast<double>((j - i) / period));
    }
  if (d.empty())
    throw DomainError("seasonal_sens_slope: no season has two non-missing values (n=" +
                      std::to_string(n) + ", period=" + std::to_string(period) + ")");
  SenSlope r;
  r.n = valid;
  r.dropped = n - valid;
  r.slope = detail::median_inplace(d);
  r.intercept = detail::median_inplace(yv) -
                detail::median_inplace(tv) / static_cast<double>(period) * r.slope;
  return r;
}

inline SenSlope sens_slope(const std::vector<double>& y) { return sens_slope(y.data(), y.size()); }
inline SenSlope seasonal_sens_slope(const std::vector<double>& y, std::size_t period = 12) {
  return seasonal_sens_slope(y.data(), y.size(), period);
}

}  // namespace okrkit
