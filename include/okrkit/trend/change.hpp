// okrkit — change between periods: period-over-period, year-over-year, CAGR.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <okrkit/detail/trend_common.hpp>

namespace okrkit {

/// Change of each value against the value `lag` periods earlier.
struct PeriodChange {
  std::vector<double> absolute;  ///< y[i] − y[i−lag]; NaN for i < lag or a missing end
  std::vector<double> relative;  ///< (y[i] − y[i−lag]) / y[i−lag], as pandas pct_change
                                 ///< (fill_method=None): ±inf from a zero base, sign
                                 ///< follows the base (a negative base flips it)
  std::size_t lag{};             ///< periods between the compared values
  std::size_t missing{};         ///< entries whose change is NaN because an end is NaN
};

/// Period-over-period change y[i] vs y[i−lag] (lag = 1: month over month for
/// monthly data). Missing values are not filled: a change touching a NaN is NaN.
/// DomainError if lag is 0, n <= lag or every value is missing.
inline PeriodChange period_change(const double* y, std::size_t n, std::size_t lag = 1) {
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

/// Year-over-year change: period_change with lag = periods per year (12 for
/// monthly, 4 for quarterly, 52 for weekly data).
inline PeriodChange year_over_year(const double* y, std::size_t n,
                                   std::size_t periods_per_year = 12) {
  if (periods_per_year == 0) throw DomainError("year_over_year: periods_per_year must be >= 1");
  if (n <= periods_per_year) detail::throw_too_short("year_over_year", n, periods_per_year + 1);
  return period_change(y, n, periods_per_year);
}

inline PeriodChange period_change(const std::vector<double>& y, std::size_t lag = 1) {
  return period_change(y.data(), y.size(), lag);
}
inline PeriodChange period_change(const Eigen::Ref<const Eigen::VectorXd>& y, std::size_t lag = 1) {
  return period_change(y.data(), static_cast<std::size_t>(y.size()), lag);
}
inline PeriodChange year_over_year(const std::vector<double>& y,
                                   std::size_t periods_per_year = 12) {
  return year_over_year(y.data(), y.size(), periods_per_year);
}

/// Compound annual growth rate (last/first)^(1/years) − 1.
/// DomainError unless first > 0, last >= 0 and years > 0 (growth from or to a
/// negative level has no compound rate); last = 0 gives −1.
inline double cagr(double first, double last, double years) {
  if (!(first > 0.0)) throw DomainError("cagr: first value must be > 0");
  if (!(last >= 0.0)) throw DomainError("cagr: last value must be >= 0");
  if (!(years > 0.0)) throw DomainError("cagr: years must be > 0");
  // expm1/log1p keep small rates exact: (1 + r)^n − 1 with r tiny.
  return std::expm1(std::log(last / first) / years);
}

/// CAGR of a series between its first and last non-missing values, the
/// elapsed time being (index_last − index_first) / periods_per_year years.
/// DomainError if fewer than 2 non-missing values.
inline double cagr(const double* y, std::size_t n, double periods_per_year) {
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

inline double cagr(const std::vector<double>& y, double periods_per_year) {
  return cagr(y.data(), y.size(), periods_per_year);
}

}  // namespace okrkit
