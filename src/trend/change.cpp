// okrkit — change between periods (include/okrkit/trend/change.hpp).
#include <okrkit/trend/change.hpp>

#include <cmath>
#include <cstddef>
#include <limits>

#include "trend/trend_common.hpp"

namespace okrkit {

PeriodChange period_change(const double* y, std::size_t n, std::size_t lag) {
  if (lag == 0) throw DomainError("period_change: lag must be at least 1");
  if (n <= lag) detail::throw_too_short("period_change", n, lag + 1);
  detail::require_some_value("period_change", y, n);
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  PeriodChange c;
  c.lag = lag;
  c.absolute.assign(n, nan);
  c.relative.assign(n, nan);
  for (std::size_t i = lag; i < n; ++i) {
    const double a = y[i - lag], b = y[i];
    if (std::isnan(a) || std::isnan(b)) {
      ++c.missing;
      continue;
    }
    c.absolute[i] = b - a;
    // (b − a)/a rather than b/a − 1: no cancellation for small changes.
    c.relative[i] = (b - a) / a;
  }
  return c;
}

PeriodChange year_over_year(const double* y, std::size_t n, std::size_t periods_per_year) {
  if (periods_per_year == 0) throw DomainError("year_over_year: periods_per_year must be >= 1");
  if (n <= periods_per_year) detail::throw_too_short("year_over_year", n, periods_per_year + 1);
  return period_change(y, n, periods_per_year);
}

double cagr(double first, double last, double years) {
  if (!(first > 0.0)) throw DomainError("cagr: first value must be > 0");
  if (!(last >= 0.0)) throw DomainError("cagr: last value must be >= 0");
  if (!(years > 0.0)) throw DomainError("cagr: years must be > 0");
  // expm1/log1p keep small rates exact: (1 + r)^n − 1 with r tiny.
  return std::expm1(std::log(last / first) / years);
}

double cagr(const double* y, std::size_t n, double periods_per_year) {
  if (!(periods_per_year > 0.0)) throw DomainError("cagr: periods_per_year must be > 0");
  std::size_t first = n, last = n;
  std::size_t valid = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(y[i])) continue;
    if (first == n) first = i;
    last = i;
    ++valid;
  }
  if (valid < 2) detail::throw_too_short("cagr", valid, 2, "non-missing values");
  return cagr(y[first], y[last], static_cast<double>(last - first) / periods_per_year);
}

PeriodChange period_change(Values y, std::size_t lag) {
  return period_change(y.data(), y.size(), lag);
}
PeriodChange year_over_year(Values y, std::size_t periods_per_year) {
  return year_over_year(y.data(), y.size(), periods_per_year);
}
double cagr(Values y, double periods_per_year) {
  return cagr(y.data(), y.size(), periods_per_year);
}

}  // namespace okrkit
