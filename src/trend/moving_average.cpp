// okrkit — moving averages (include/okrkit/trend/moving_average.hpp).
#include <okrkit/trend/moving_average.hpp>

#include <cmath>
#include <cstddef>
#include <limits>

#include "trend/trend_common.hpp"

namespace okrkit {

std::vector<double> sma(const double* y, std::size_t n, std::size_t window,
                        std::size_t min_periods) {
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

std::vector<double> ema(const double* y, std::size_t n, double alpha) {
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

std::vector<double> ema_span(const double* y, std::size_t n, double span) {
  if (!(span >= 1.0)) throw DomainError("ema_span: span must be >= 1");
  return ema(y, n, 2.0 / (span + 1.0));
}

std::vector<double> sma(Values y, std::size_t window, std::size_t min_periods) {
  return sma(y.data(), y.size(), window, min_periods);
}
std::vector<double> ema(Values y, double alpha) { return ema(y.data(), y.size(), alpha); }
std::vector<double> ema_span(Values y, double span) { return ema_span(y.data(), y.size(), span); }

}  // namespace okrkit
