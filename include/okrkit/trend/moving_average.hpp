// okrkit — simple and exponential moving averages, with pandas' conventions.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <okrkit/detail/trend_common.hpp>

namespace okrkit {

/// Trailing simple moving average, as pandas `rolling(window, min_periods).mean()`:
/// out[i] is the mean of the non-missing values among y[i−window+1..i], or NaN
/// when fewer than min_periods of them are present (min_periods = 0 means
/// `window`, pandas' default). DomainError if window is 0, min_periods > window,
/// or y is empty or all missing.
inline std::vector<double> sma(const double* y, std::size_t n, std::size_t window,
                               std::size_t min_periods = 0) {
  if (window == 0) throw DomainError("sma: window must be at least 1");
  if (min_periods == 0) min_periods = window;
  if (min_periods > window) throw DomainError("sma: min_periods must be <= window");
  detail::require_some_value("sma", y, n);
  std::vector<double> out(n, std::numeric_limits<double>::quiet_NaN());
  // Each window is summed afresh (O(n·window)): no drift from a running sum,
  // which matters for large levels with small changes.
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t lo = i + 1 >= window ? i + 1 - window : 0;
    detail::CompensatedSum s;
    std::size_t k = 0;
    for (std::size_t j = lo; j <= i; ++j)
      if (!std::isnan(y[j])) {
        s.add(y[j]);
        ++k;
      }
    if (k >= min_periods && k > 0) out[i] = s.value() / static_cast<double>(k);
  }
  return out;
}

/// Exponential moving average with smoothing factor alpha in (0, 1], as pandas
/// `ewm(alpha=alpha, adjust=False, ignore_na=False).mean()`:
///   s[0] = y[0];  s[t] = (1 − α)·s[t−1] + α·y[t].
/// Missing values: the output repeats the last average; after a gap of g
/// missing periods the old average's weight has decayed to (1 − α)^(g+1), so
/// s[t] = (w·s + α·y[t]) / (w + α) with w = (1 − α)^(g+1) (pandas' rule). Leading
/// NaNs give NaN until the first value. DomainError if alpha is outside (0, 1] or
/// y is empty or all missing.
inline std::vector<double> ema(const double* y, std::size_t n, double alpha) {
  if (!(alpha > 0.0 && alpha <= 1.0)) throw DomainError("ema: alpha must be in (0, 1]");
  detail::require_some_value("ema", y, n);
  std::vector<double> out(n, std::numeric_limits<double>::quiet_NaN());
  const double decay = 1.0 - alpha;
  double avg = y[0];
  double old_wt = 1.0;
  out[0] = avg;
  for (std::size_t i = 1; i < n; ++i) {
    const double cur = y[i];
    const bool obs = !std::isnan(cur);
    if (!std::isnan(avg)) {
      old_wt *= decay;
      if (obs) {
        // Written as pandas' ewma kernel does, so results agree to the last bit.
        if (avg != cur) avg = (old_wt * avg + alpha * cur) / (old_wt + alpha);
        old_wt = 1.0;
      }
    } else if (obs) {
      avg = cur;
    }
    out[i] = avg;
  }
  return out;
}

/// EMA with the smoothing given as a span (pandas `ewm(span=...)`): α = 2/(span + 1).
/// DomainError if span < 1.
inline std::vector<double> ema_span(const double* y, std::size_t n, double span) {
  if (!(span >= 1.0)) throw DomainError("ema_span: span must be >= 1");
  return ema(y, n, 2.0 / (span + 1.0));
}

inline std::vector<double> sma(const std::vector<double>& y, std::size_t window,
                               std::size_t min_periods = 0) {
  return sma(y.data(), y.size(), window, min_periods);
}
inline std::vector<double> ema(const std::vector<double>& y, double alpha) {
  return ema(y.data(), y.size(), alpha);
}
inline std::vector<double> ema_span(const std::vector<double>& y, double span) {
  return ema_span(y.data(), y.size(), span);
}
inline std::vector<double> sma(const Eigen::Ref<const Eigen::VectorXd>& y, std::size_t window,
                               std::size_t min_periods = 0) {
  return sma(y.data(), static_cast<std::size_t>(y.size()), window, min_periods);
}
inline std::vector<double> ema(const Eigen::Ref<const Eigen::VectorXd>& y, double alpha) {
  return ema(y.data(), static_cast<std::size_t>(y.size()), alpha);
}

}  // namespace okrkit
